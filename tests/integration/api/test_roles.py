"""Every endpoint x every role: 401 without a token, 403 for the wrong role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.integration.api.conftest import VISITOR, Office, start_office

ROLES = ("none", "bad-token", "kiosk", "display", "officer", "admin")
PUBLIC = set(ROLES)
KIOSK = {"kiosk", "officer", "admin"}
STAFF = {"officer", "admin"}
DEVICES = {"kiosk", "display"}

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
]


@pytest.fixture(scope="module")
def shared_office(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Office, dict[str, Any]]]:
    office = start_office(tmp_path_factory.mktemp("roles"))
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
    office.server.stop()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS,
                         ids=[f"{m} {p.split('?')[0]}" for m, p, _, _ in ENDPOINTS])
def test_access(shared_office: tuple[Office, dict[str, Any]], role: str, method: str, path: str,
                body: Any, allowed: set[str]) -> None:
    office, context = shared_office
    ticket = context["ticket"]
    token = context["tokens"][role]
    url = office.url + path.format(id=ticket.id, token=ticket.status_url.rsplit("/", 1)[1])
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.request(method, url, json=body, headers=headers, timeout=10)
    if role in allowed:
        assert response.status_code not in (401, 403), response.text
        assert response.status_code < 500
    elif role in ("none", "bad-token"):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert response.json()["detail"]["field"] == "Authorization"
    else:
        assert response.status_code == 403
        assert role in response.json()["detail"]["message"]


def test_login_with_a_wrong_password_is_401(shared_office: tuple[Office, dict[str, Any]]) -> None:
    office, _ = shared_office
    response = requests.post(f"{office.url}/api/v1/auth/login",
                             json={"username": "petugas1", "password": "salah"}, timeout=10)
    assert response.status_code == 401
    response = requests.post(f"{office.url}/api/v1/auth/login",
                             json={"username": "nobody", "password": "salah"}, timeout=10)
    assert response.status_code == 401


def test_officer_sees_the_kiosk_printer_status(tmp_path: Path) -> None:
    office = start_office(tmp_path)
    try:
        office.kiosk.report_status({"printer": {"state": "paper_out",
                                                "message_id": "Kertas printer habis."}})
        devices = {d.name: d for d in office.officer.devices()}
        assert devices["kiosk-1"].status["printer"]["state"] == "paper_out"
        assert devices["kiosk-1"].last_seen_at
        assert devices["display-1"].status is None
    finally:
        office.server.stop()
