"""Issue 17, items 8 and 17, against the real server process: every integer the API accepts
(path, query, body) beyond SQLite's 64 bits is a 422 naming the field, never a 500; JSON
nested too deep for the parser is a 422 in the API's error shape, never a plain 400."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.faults import FaultOffice, launch
from tests.support.serverproc import add_user

TOO_BIG = 2**63  # one past SQLite's largest integer
LARGEST = 2**63 - 1
ADMIN_PASSWORD = "rahasia-admin-1"


@pytest.fixture(scope="module")
def fault_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultOffice]:
    """One server (with an admin for the complaint list): every attack here is refused."""
    data_dir: Path = tmp_path_factory.mktemp("edge") / "data"
    add_user(data_dir, "admin1", "admin", ADMIN_PASSWORD)
    started = launch(data_dir)
    yield started
    started.server.stop()


@pytest.fixture(scope="module")
def admin_token(fault_office: FaultOffice) -> str:
    reply = requests.post(f"{fault_office.url}/api/v1/auth/login", timeout=30,
                          json={"username": "admin1", "password": ADMIN_PASSWORD})
    assert reply.status_code == 200, reply.text
    token: str = reply.json()["token"]
    return token


def _send(office: FaultOffice, method: str, path: str, token: str,
          body: object = None, params: Any = None) -> requests.Response:
    return requests.request(
        method, f"{office.url}/api/v1{path}", params=params, timeout=10,
        data=None if body is None else json.dumps(body),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )


def _token(office: FaultOffice, admin_token: str, who: str) -> str:
    return {"kiosk": office.kiosk_token, "officer": office.officer.token or "",
            "admin": admin_token}[who]


# (who, method, path with {n} for the number, body with {n}, query with {n}, field named)
INTEGERS = [
    ("officer", "PUT", "/tickets/{n}/note", {"text": "x"}, None, "ticket_id"),
    ("officer", "POST", "/tickets/{n}/follow-up", {"note": ""}, None, "ticket_id"),
    ("officer", "POST", "/tickets/{n}/transfer", {"service": "KONSULTASI"}, None, "ticket_id"),
    ("officer", "POST", "/follow-ups/{n}/close", {"note": "x"}, None, "follow_up_id"),
    ("admin", "PATCH", "/complaints/{n}", {"status": "closed"}, None, "complaint_id"),
    ("officer", "GET", "/tickets", None, {"offset": "{n}"}, "offset"),
    ("officer", "GET", "/tickets", None, {"limit": "{n}"}, "limit"),
    ("admin", "GET", "/complaints", None, {"offset": "{n}"}, "offset"),
    ("admin", "GET", "/complaints", None, {"limit": "{n}"}, "limit"),
    ("officer", "GET", "/console/desks/1", None, {"since": "{n}", "timeout": "0"}, "since"),
    ("officer", "GET", "/display", None, {"since": "{n}"}, "since"),
    ("kiosk", "POST", "/ratings", {"ticket_id": "{n}", "overall": 4}, None, "ticket_id"),
    ("kiosk", "POST", "/ratings", {"ticket_id": 1, "overall": "{n}"}, None, "overall"),
    ("kiosk", "POST", "/ratings", {"ticket_id": 1, "overall": 4, "skm": ["{n}"] * 9}, None,
     "skm.0"),
    ("kiosk", "POST", "/complaints", {"text": "Antrian terlalu lama hari ini.",
                                      "ticket_id": "{n}"}, None, "ticket_id"),
]


def _fill(template: object, n: int) -> Any:
    """``template`` with every ``"{n}"`` replaced by the number ``n`` (as a JSON number)."""
    if template == "{n}":
        return n
    if isinstance(template, dict):
        return {key: _fill(value, n) for key, value in template.items()}
    if isinstance(template, list):
        return [_fill(value, n) for value in template]
    return template


@pytest.mark.parametrize(("who", "method", "path", "body", "query", "field"), INTEGERS,
                         ids=[f"{m} {p} {f}" for _, m, p, _, _, f in INTEGERS])
@pytest.mark.parametrize("number", [TOO_BIG, 2**64, -TOO_BIG - 1])
def test_an_integer_beyond_64_bits_is_422_naming_the_field(
    fault_office: FaultOffice, admin_token: str, who: str, method: str, path: str, body: object,
    query: dict[str, object] | None, field: str, number: int,
) -> None:
    reply = _send(fault_office, method, path.replace("{n}", str(number)),
                  _token(fault_office, admin_token, who), _fill(body, number),
                  _fill(query, number))
    assert reply.status_code == 422, reply.text
    details = reply.json()["detail"]
    assert details[0]["field"] == field
    assert len(details) == (9 if field == "skm.0" else 1)  # each of the nine answers named
    assert all(d["message_id"] and d["message_en"] for d in details)


@pytest.mark.parametrize(("who", "method", "path", "body", "query", "field"), [
    row for row in INTEGERS if row[5] not in ("limit", "overall", "skm.0")])
def test_the_largest_64_bit_integer_is_an_ordinary_value(
    fault_office: FaultOffice, admin_token: str, who: str, method: str, path: str, body: object,
    query: dict[str, object] | None, field: str,
) -> None:
    """2^63-1 passes the edge: the answer is the usual one for an id or offset that does not
    exist (404, an empty list, a ticket that is not there), never a 500."""
    reply = _send(fault_office, method, path.replace("{n}", str(LARGEST)),
                  _token(fault_office, admin_token, who), _fill(body, LARGEST),
                  _fill(query, LARGEST))
    assert reply.status_code in (200, 404, 409), reply.text
    if reply.status_code != 200:
        assert reply.json()["detail"]["code"]


def test_the_bound_is_said_in_both_languages(fault_office: FaultOffice, admin_token: str) -> None:
    reply = _send(fault_office, "GET", "/complaints", admin_token, params={"offset": TOO_BIG})
    assert reply.json()["detail"] == [{
        "field": "offset", "code": "less_than_equal",
        "message": f"offset: paling besar {LARGEST}.",
        "message_id": f"offset: paling besar {LARGEST}.",
        "message_en": f"offset: Input should be less than or equal to {LARGEST}.",
    }]


@pytest.mark.parametrize("path", ["/tickets", "/ratings", "/complaints", "/devices/me/status"])
def test_json_nested_too_deep_is_422_in_the_error_shape(
    fault_office: FaultOffice, path: str
) -> None:
    deep = '{"service": ' + "[" * 30_000 + "]" * 30_000 + "}"
    assert len(deep) < 64 * 1024  # under the body limit: the parser, not the guard, sees it
    reply = _post_raw(fault_office, path, deep.encode())
    assert reply.status_code == 422, reply.text
    assert reply.json() == {"detail": [{
        "field": "body", "code": "json_too_deep",
        "message": "Isian: JSON bersarang terlalu dalam.",
        "message_id": "Isian: JSON bersarang terlalu dalam.",
        "message_en": "body: JSON nested too deep.",
    }]}
    english = _post_raw(fault_office, path, deep.encode(), {"Accept-Language": "en"})
    assert english.json()["detail"][0]["message"] == "body: JSON nested too deep."


@pytest.mark.parametrize(("path", "field"), [
    ("/ratings", "overall"), ("/ratings", "skm"), ("/ratings", "comment"),
    ("/complaints", "text"),
    ("/tickets", "service"), ("/devices/me/status", "printer"),
])
def test_json_nested_as_deep_as_the_parser_goes_is_422(
    fault_office: FaultOffice, path: str, field: str
) -> None:
    """Just under the parser's limit, the nesting reaches the checks (and their messages)."""
    for depth in (990, 960, 930, 900, 800):  # the deepest the server's parser takes
        nested = "[" * depth + "]" * depth
        raw = f'{{"ticket_id": 1, "overall": 4, "text": "Antrian lama.", "{field}": {nested}}}'
        reply = _post_raw(fault_office, path, raw.encode())
        if reply.status_code != 422 or reply.json()["detail"][0]["code"] != "json_too_deep":
            break
    assert reply.status_code == 422, reply.text
    assert reply.json()["detail"][0]["code"] != "json_too_deep"


@pytest.mark.parametrize("raw", [
    b'{"service": "' + bytes([0xFF, 0xFE]) + b'"}',  # not UTF-8
    b'{"service": "KONSULTASI", ',  # cut off
    b'{"consent": ' + b"9" * 5000 + b"}",  # a number longer than Python will read
], ids=["not utf-8", "cut off", "5000 digits"])
def test_a_body_that_is_not_json_is_422_naming_the_body(
    fault_office: FaultOffice, raw: bytes
) -> None:
    reply = _post_raw(fault_office, "/tickets", raw)
    assert reply.status_code == 422, reply.text
    assert [(d["field"], d["code"]) for d in reply.json()["detail"]] == [("body", "json_invalid")]


def _post_raw(office: FaultOffice, path: str, raw: bytes,
              headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(f"{office.url}/api/v1{path}", data=raw, timeout=10, headers={
        "Authorization": f"Bearer {office.kiosk_token}", "Content-Type": "application/json",
        **(headers or {})})
