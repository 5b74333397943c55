"""Issue 17, item 2: long polls whose clients have gone must not hold the server's places, and
one address without a token gets a share of them, never the whole server. Against the real
server process; the attacker connects from another loopback address (127.0.0.2), as a phone
on the office Wi-Fi would, while the kiosk and the officer use 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time

import requests

from shared.api.client import QueueClient
from shared.server.guard import MAX_IN_PROGRESS_PER_ADDRESS, MAX_LONG_POLLS_PER_ADDRESS
from tests.support.faults import OFFICER_PASSWORD, FaultOffice, visitor
from tests.support.serverproc import add_device

ATTACKER = "127.0.0.2"


def _connect(office: FaultOffice, source: str = ATTACKER) -> socket.socket:
    return socket.create_connection(("127.0.0.1", office.server.port), timeout=30,
                                    source_address=(source, 0))


def _long_poll_request(version: int, timeout: float = 30, token: str | None = None) -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (f"GET /api/v1/display?since={version}&timeout={timeout:g} HTTP/1.1\r\n"
            f"Host: x\r\n{auth}\r\n").encode()


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Read one HTTP answer with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before an answer: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    while len(body) < int(headers.get("content-length", "0")):
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def _vanishing_long_polls(office: FaultOffice, version: int, count: int) -> None:
    """``count`` long polls sent from one address, and every socket closed at once."""
    sockets = [_connect(office) for _ in range(count)]
    request = _long_poll_request(version)
    for sock in sockets:
        sock.sendall(request)
    for sock in sockets:
        sock.close()


def _share_is_free(office: FaultOffice, version: int) -> bool:
    """The attacker's address can hold its full share of long polls again: none of its
    earlier ones is still counted as in progress. (Each probe waits 1 s for a change.)"""
    probes = [_connect(office) for _ in range(MAX_LONG_POLLS_PER_ADDRESS)]
    try:
        for sock in probes:
            sock.sendall(_long_poll_request(version, timeout=1))
        return [_answer(sock)[0] for sock in probes] == [200] * len(probes)
    finally:
        for sock in probes:
            sock.close()


def test_vanished_long_polls_leave_the_kiosk_and_the_officers_their_places(
    fault_office: FaultOffice,
) -> None:
    version = fault_office.client().display().version
    _vanishing_long_polls(fault_office, version, 420)
    # Right after: the kiosk's client (5 s timeout) gets its ticket, an officer logs in
    # (a roomy timeout only for the password hashing on a busy machine).
    ticket = fault_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    assert ticket.number == "K-001"
    officer = QueueClient(fault_office.url, timeout=30)
    assert officer.login("petugas1", OFFICER_PASSWORD).token
    # The ticket woke every waiting poll. The next burst at the new version: its polls end
    # as their clients are seen gone, not 30 s later. (The deadline only keeps a broken
    # build from looping; it is well under the polls' 30 s.)
    version = fault_office.client().display().version
    _vanishing_long_polls(fault_office, version, 420)
    deadline = time.monotonic() + 15
    while not _share_is_free(fault_office, version):
        assert time.monotonic() < deadline, "the vanished long polls are still in progress"


def test_one_address_gets_its_share_of_long_polls_and_a_display_still_gets_in(
    fault_office: FaultOffice,
) -> None:
    display_token = add_device(fault_office.data_dir, "layar-1", "display")
    version = fault_office.client().display().version
    held = [_connect(fault_office) for _ in range(MAX_LONG_POLLS_PER_ADDRESS + 6)]
    display = _connect(fault_office)  # the display is behind the same address
    try:
        for sock in held:
            sock.sendall(_long_poll_request(version))
        # The ones past the share are answered at once, in the API's error shape.
        refused = [_answer(sock) for sock in held[MAX_LONG_POLLS_PER_ADDRESS:]]
        assert {status for status, _, _ in refused} == {429}
        assert all(int(headers["retry-after"]) >= 1 for _, headers, _ in refused)
        detail = json.loads(refused[0][2])["detail"]
        assert detail["code"] == "too_many_long_polls"
        assert detail["message_id"] and detail["message_en"]
        # The display's own long poll is let in and answered when the queue changes.
        display.sendall(_long_poll_request(version, token=display_token))
        answered: list[tuple[int, dict[str, str], bytes]] = []
        reader = threading.Thread(target=lambda: answered.append(_answer(display)))
        reader.start()
        fault_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
        reader.join(timeout=30)
        assert answered and answered[0][0] == 200
        assert json.loads(answered[0][2])["version"] > version
        # The share's long polls were waiting, and are answered by the same change.
        assert [_answer(sock)[0] for sock in held[:MAX_LONG_POLLS_PER_ADDRESS]] == \
            [200] * MAX_LONG_POLLS_PER_ADDRESS
    finally:
        for sock in [*held, display]:
            sock.close()


def test_one_address_gets_its_share_of_the_requests_in_progress(fault_office: FaultOffice) -> None:
    """Requests whose bodies never arrive, from one address: past its share that address is
    told to slow down (429), while another address is served as usual."""
    stalled = [_connect(fault_office) for _ in range(MAX_IN_PROGRESS_PER_ADDRESS)]
    for sock in stalled:
        sock.sendall(b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
    try:
        # Until the server has read every stalled request's headers (each body would be
        # given up after 10 s; the deadline keeps a broken build from looping).
        deadline = time.monotonic() + 8
        while True:
            probe = _connect(fault_office)
            probe.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            status, headers, body = _answer(probe)
            probe.close()
            if status != 200 or time.monotonic() > deadline:
                break
        assert status == 429 and int(headers["retry-after"]) >= 1
        assert headers["content-type"] == "application/json"
        detail = json.loads(body)["detail"]
        assert detail["code"] == "too_many_requests"
        assert detail["message_id"] and detail["message_en"]
        health = requests.get(f"{fault_office.url}/api/v1/health", timeout=10)
        assert health.json() == {"status": "ok"}
    finally:
        for sock in stalled:
            sock.close()
