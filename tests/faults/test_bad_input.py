"""Findings 7, 11, 13 and 14: unencodable text, oversized device statuses, ids beyond 64 bits,
a forged Host header, and "consent" that is not JSON true."""

from __future__ import annotations

import json
import sqlite3

import pytest
import requests

from shared.storage.sqlite.store import DB_FILE
from tests.support.faults import FaultOffice, StartOffice, visitor

# pydantic's own check on str fields, or ours on free-form device statuses
UNENCODABLE = {"string_unicode", "string_unencodable"}


@pytest.fixture
def fault_office(shared_office: FaultOffice) -> FaultOffice:
    """These attacks are all refused and leave nothing behind: one server serves them all."""
    return shared_office


def _post(office: FaultOffice, path: str, raw: str, token: str | None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(f"{office.url}/api/v1{path}", data=raw.encode(), headers=headers,
                         timeout=10)


def _fields(reply: requests.Response) -> list[tuple[str, str]]:
    return [(d["field"], d["code"]) for d in reply.json()["detail"]]


def test_a_lone_surrogate_is_422_everywhere_and_devices_keep_answering(
    fault_office: FaultOffice,
) -> None:
    status = _post(fault_office, "/devices/me/status", '{"printer": {"state": "\\ud800"}}',
                   fault_office.kiosk_token)
    assert status.status_code == 422 and _fields(status)[0][1] in UNENCODABLE
    login = _post(fault_office, "/auth/login",
                  '{"username": "\\ud800", "password": "x\\udfff"}', None)
    assert login.status_code == 422
    assert {code for _, code in _fields(login)} <= UNENCODABLE
    body = json.dumps({"service": "KONSULTASI", "consent": True,
                       "visitor": {**visitor(1), "name": "Siti"}})
    ticket = _post(fault_office, "/tickets", body.replace("Siti", "Siti\\udc00"),
                   fault_office.kiosk_token)
    assert ticket.status_code == 422
    assert [(field, code in UNENCODABLE) for field, code in _fields(ticket)] == [
        ("visitor.name", True)]
    # a pair that makes one real character (an emoji) is text like any other
    fine = _post(fault_office, "/devices/me/status", '{"printer": {"state": "ok \\ud83d\\ude00"}}',
                 fault_office.kiosk_token)
    assert fine.status_code == 204
    devices = fault_office.officer.devices()
    assert devices[0].status == {"printer": {"state": "ok \U0001f600"}}


def test_a_status_stored_before_the_checks_does_not_break_the_device_list(
    start_office: StartOffice,
) -> None:
    office = start_office()  # its own: it restarts the server
    with sqlite3.connect(office.data_dir / DB_FILE) as db:
        db.execute("UPDATE devices SET status = ? WHERE name = 'kiosk-1'",
                   (json.dumps({"printer": {"state": "\ud800"}}),))
    office.server.stop()
    office.server.start()
    devices = office.officer.devices()
    assert [(d.name, d.status) for d in devices] == [("kiosk-1", None)]


@pytest.mark.parametrize("status", [
    {"printer": {"state": "x" * 301}},  # a value too long
    {"printer": {"nested": {"deeper": 1}}},  # not flat
    {"printer": "paper_out"},  # a part that is not an object
    {f"part{n}": {"v": 1} for n in range(17)},  # too many parts
    {f"p{n}": {f"k{m}": "y" * 290 for m in range(16)} for n in range(3)},  # 4 KiB in all
])
def test_device_status_shape_and_size_are_checked(
    fault_office: FaultOffice, status: object
) -> None:
    reply = _post(fault_office, "/devices/me/status", json.dumps(status), fault_office.kiosk_token)
    assert reply.status_code == 422, reply.text
    assert reply.json()["detail"][0]["message_en"]


def test_a_ten_megabyte_status_is_refused(fault_office: FaultOffice) -> None:
    big = json.dumps({"printer": {"state": "x" * (10 * 1024 * 1024)}})
    reply = _post(fault_office, "/devices/me/status", big, fault_office.kiosk_token)
    assert reply.status_code == 413


@pytest.mark.parametrize("path", [
    "/tickets/9223372036854775808/recall",
    "/tickets/99999999999999999999999/finish",
    "/tickets/0/no-show",
    "/tickets/-1/recall",
])
def test_ticket_ids_beyond_sqlite_integers_are_422(
    fault_office: FaultOffice, path: str
) -> None:
    reply = _post(fault_office, path, "", fault_office.officer.token)
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["field"] == "ticket_id"


def test_offsets_beyond_sqlite_integers_are_422(fault_office: FaultOffice) -> None:
    def tickets(offset: int) -> requests.Response:
        return requests.get(f"{fault_office.url}/api/v1/tickets", params={"offset": offset},
                            headers={"Authorization": f"Bearer {fault_office.officer.token}"},
                            timeout=10)

    assert tickets(2**63).status_code == 422
    assert tickets(2**63 - 1).json() == []
    huge = requests.get(f"{fault_office.url}/api/v1/display", params={"since": 2**64}, timeout=10)
    assert huge.status_code == 422


def test_the_qr_link_never_follows_a_forged_host_header(fault_office: FaultOffice) -> None:
    reply = requests.post(
        f"{fault_office.url}/api/v1/tickets", timeout=10,
        json={"service": "KONSULTASI", "visitor": visitor(1), "consent": True},
        headers={"Authorization": f"Bearer {fault_office.kiosk_token}", "Host": "evil.example",
                 "X-Forwarded-Host": "evil.example"},
    )
    assert reply.status_code == 201
    url = reply.json()["status_url"]
    assert url.startswith(f"http://127.0.0.1:{fault_office.server.port}/t/")
    assert "evil" not in url


@pytest.mark.parametrize("consent", ['"yes"', '"on"', '"t"', '"1"', "1", '"true"', "null"])
def test_only_json_true_is_consent(fault_office: FaultOffice, consent: str) -> None:
    before = len(fault_office.officer.tickets())
    body = json.dumps({"service": "KONSULTASI", "visitor": visitor(1)})
    reply = _post(fault_office, "/tickets", body[:-1] + f', "consent": {consent}}}',
                  fault_office.kiosk_token)
    assert reply.status_code == 422
    assert _fields(reply)[0][0] == "consent"
    assert len(fault_office.officer.tickets()) == before
