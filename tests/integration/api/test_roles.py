"""Every endpoint x every role: 401 without a token, 403 for the wrong role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute

from shared.server.routes import officer as routes_officer
from tests.support.offices import ADMIN, OFFICER, VISITOR, Office, local_office

ROLES = ("none", "bad-token", "kiosk", "display", "officer", "admin")
PUBLIC = set(ROLES)
KIOSK = {"kiosk", "officer", "admin"}
STAFF = {"officer", "admin"}
DEVICES = {"kiosk", "display"}
ADMINS = {"admin"}
LOGOUT = "/api/v1/auth/logout"
RATERS = {"kiosk"}  # and the ticket's own status-page token: test_feedback_api
MONTH = "from=2026-11-01&to=2026-11-30"

ENDPOINTS: list[tuple[str, str, Any, set[str]]] = [
    ("GET", "/api/v1/health", None, PUBLIC),
    ("GET", "/api/v1/services", None, PUBLIC),
    ("GET", "/api/v1/display?timeout=0", None, PUBLIC),
    ("GET", "/t/{token}", None, PUBLIC),
    ("POST", "/api/v1/tickets", {"service": "KONSULTASI", "visitor": VISITOR, "consent": True},
     KIOSK),
    ("GET", "/api/v1/visitors/lookup?id_type=KTP&id_number=7502014103030001", None, KIOSK),
    ("GET", "/api/v1/tickets", None, STAFF),
    ("POST", "/api/v1/desks/1/call-next", None, STAFF),
    ("POST", "/api/v1/tickets/{id}/recall", None, STAFF),
    ("POST", "/api/v1/tickets/{id}/finish", None, STAFF),
    ("POST", "/api/v1/tickets/{id}/no-show", None, STAFF),
    ("POST", "/api/v1/tickets/{id}/transfer", {"service": "PERPUSTAKAAN"}, STAFF),
    ("POST", "/api/v1/devices/me/status", {"printer": {"state": "ok"}}, DEVICES),
    ("GET", "/api/v1/devices", None, STAFF),
    ("GET", "/", None, PUBLIC),
    ("GET", "/console", None, PUBLIC),
    ("GET", "/console/static/js/app.js", None, PUBLIC),
    ("POST", LOGOUT, None, STAFF),
    ("GET", "/api/v1/console/setup", None, STAFF),
    ("GET", "/api/v1/console/desks/1?timeout=0", None, STAFF),
    ("PUT", "/api/v1/tickets/{id}/note", {"text": "Butuh data BPS"}, STAFF),
    ("POST", "/api/v1/tickets/{id}/follow-up", {"note": ""}, STAFF),
    ("GET", "/api/v1/follow-ups", None, STAFF),
    ("POST", "/api/v1/follow-ups/1/close", {"note": "Data dikirim"}, STAFF),
    ("GET", "/api/v1/guest-book", None, STAFF),
    ("GET", "/api/v1/guest-book.csv", None, STAFF),
    ("GET", "/api/v1/users", None, ADMINS),
    ("POST", "/api/v1/users", {"username": "matriks", "role": "officer",
                               "password": "rahasia-matriks"}, ADMINS),
    ("POST", "/api/v1/users/tidak-ada/password", {"password": "rahasia-baru"}, ADMINS),
    ("POST", "/api/v1/users/tidak-ada/disable", None, ADMINS),
    ("POST", "/api/v1/devices", {"name": "kiosk-matriks", "role": "kiosk"}, ADMINS),
    ("POST", "/api/v1/devices/tidak-ada/revoke", None, ADMINS),
    ("POST", "/api/v1/ratings", {"ticket_id": 1, "overall": 4}, RATERS),
    ("GET", "/api/v1/ratings/rateable?desk=1", None, KIOSK),
    ("GET", "/api/v1/complaints/tickets", None, KIOSK),
    ("POST", "/api/v1/complaints", {"text": "Antrian terlalu lama hari ini."}, RATERS),
    ("GET", "/api/v1/complaints?status=new", None, ADMINS),
    ("PATCH", "/api/v1/complaints/1", {"status": "in_progress"}, ADMINS),
    ("GET", f"/api/v1/reports/ikm?{MONTH}", None, ADMINS),
    ("GET", f"/api/v1/reports/summary?{MONTH}", None, ADMINS),
    ("GET", f"/api/v1/reports/skm.csv?{MONTH}", None, ADMINS),
]


@pytest.fixture(scope="module")
def shared_api_office(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Office, dict[str, Any]]]:
    with local_office(tmp_path_factory.mktemp("roles") / "data") as office:
        ticket = office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
        tokens = {
            "none": None,
            "bad-token": "not-a-token",
            "kiosk": office.kiosk_token,
            "display": office.display_token,
            "officer": office.officer.token,
            "admin": office.admin.token,
        }
        yield office, {"ticket": ticket, "tokens": tokens}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS,
                         ids=[f"{m} {p.split('?')[0]}" for m, p, _, _ in ENDPOINTS])
def test_access(shared_api_office: tuple[Office, dict[str, Any]], role: str, method: str, path: str,
                body: Any, allowed: set[str]) -> None:
    office, context = shared_api_office
    ticket = context["ticket"]
    token = context["tokens"][role]
    url = office.url + path.format(id=ticket.id, token=ticket.status_url.rsplit("/", 1)[1])
    if path == LOGOUT and role in STAFF:  # a session of its own: the shared one stays open
        fresh = office.client()
        fresh.login(*{"officer": OFFICER, "admin": ADMIN}[role])
        token = fresh.token
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = office.web.request(method, url, json=body, headers=headers, timeout=10,
                                  follow_redirects=False)
    if role in allowed:
        assert response.status_code not in (401, 403), response.text
        assert response.status_code < 500
    elif role in ("none", "bad-token"):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
        detail = response.json()["detail"]
        assert (detail["field"], detail["code"]) == ("Authorization", "unauthenticated")
        assert "masuk" in detail["message_id"] and "sign in" in detail["message_en"]
        assert detail["message"] == detail["message_id"]
    else:
        assert response.status_code == 403
        detail = response.json()["detail"]
        assert (detail["field"], detail["code"]) == ("Authorization", "forbidden")
        assert role in detail["message_id"] and "tidak boleh" in detail["message_id"]
        assert role in detail["message_en"] and "may not" in detail["message_en"]


def test_login_with_a_wrong_password_is_401(
    shared_api_office: tuple[Office, dict[str, Any]],
) -> None:
    office, _ = shared_api_office
    response = office.web.post(f"{office.url}/api/v1/auth/login",
                             json={"username": "petugas1", "password": "salah"}, timeout=10,
                             headers={"Accept-Language": "en"})
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert (detail["field"], detail["code"]) == ("password", "wrong_credentials")
    assert detail["message"] == detail["message_en"] == "Wrong username or password."
    assert detail["message_id"] == "Nama pengguna atau kata sandi salah."
    response = office.web.post(f"{office.url}/api/v1/auth/login",
                             json={"username": "nobody", "password": "salah"}, timeout=10)
    assert response.status_code == 401


def test_officer_sees_the_kiosk_printer_status(api_office: Office) -> None:
    api_office.kiosk.report_status({"printer": {"state": "paper_out",
                                                "message_id": "Kertas printer habis."}})
    devices = {d.name: d for d in api_office.officer.devices()}
    assert devices["kiosk-1"].status["printer"]["state"] == "paper_out"
    assert devices["kiosk-1"].last_seen_at
    assert devices["display-1"].status is None


def test_a_status_page_token_opens_only_rating_and_complaints(
    shared_api_office: tuple[Office, dict[str, Any]],
) -> None:
    office, context = shared_api_office
    token = context["ticket"].status_url.rsplit("/", 1)[1]
    headers = {"Authorization": f"Bearer {token}"}
    for method, path, body, allowed in ENDPOINTS:
        if "{" in path or allowed == PUBLIC:
            continue
        response = office.web.request(method, office.url + path, json=body, headers=headers,
                                      timeout=10)
        if allowed is RATERS:
            assert response.status_code not in (401, 403), (path, response.text)
        else:
            assert response.status_code == 401, (path, response.text)


def test_every_route_of_the_officer_router_refuses_a_kiosk_and_a_stranger(
    shared_api_office: tuple[Office, dict[str, Any]],
) -> None:
    """Routes added to the officer router later are guarded without anyone remembering to."""
    office, context = shared_api_office
    checked = []
    for route in routes_officer.router.routes:
        assert isinstance(route, APIRoute)
        path = route.path.format(desk="1", ticket_id=context["ticket"].id)
        for method in sorted(route.methods):
            for token, status in ((office.kiosk_token, 403), (None, 401)):
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                response = office.web.request(method, office.url + path, headers=headers)
                assert response.status_code == status, (method, path)
            checked.append(f"{method} {route.path}")
    assert "POST /api/v1/desks/{desk}/call-next" in checked and len(checked) >= 7
