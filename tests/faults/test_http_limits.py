"""Findings 2 and 5: big bodies, slow and idle connections, and the shutdown, against the
real server process over real sockets."""

from __future__ import annotations

import json
import signal
import socket
import threading
import time

import psutil
import requests

from shared.server.guard import (
    MAX_IN_PROGRESS,
    MAX_IN_PROGRESS_PER_ADDRESS,
    RESERVED_FOR_TOKENS,
)
from tests.support.faults import FaultOffice, visitor

MIB = 1024 * 1024


def _connect(office: FaultOffice) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", office.server.port), timeout=30)
    return sock


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Read one HTTP answer (the server closes the connection after it)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def _server_rss_mib(office: FaultOffice) -> float:
    assert office.server.process is not None
    return psutil.Process(office.server.process.pid).memory_info().rss / MIB


def test_a_huge_body_is_refused_before_it_is_read(fault_office: FaultOffice) -> None:
    """Four clients announce 250 MB each, without a token; each gets 413 at once."""
    before = _server_rss_mib(fault_office)
    answers: list[tuple[int, dict[str, str], bytes]] = []

    def attack() -> None:
        sock = _connect(fault_office)
        sock.sendall(b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 262144000\r\n\r\n")
        try:
            sock.sendall(b"{" + b" " * (4 * MIB))  # starts pushing the body regardless
        except OSError:
            pass  # the server has answered and closed: that is the point
        answers.append(_answer(sock))
        sock.close()

    threads = [threading.Thread(target=attack) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _, _ in answers] == [413] * 4
    detail = json.loads(answers[0][2])["detail"]
    assert detail["code"] == "body_too_large" and "64 KiB" in detail["message_en"]
    assert requests.get(f"{fault_office.url}/api/v1/health", timeout=5).ok
    assert _server_rss_mib(fault_office) - before < 20


def test_a_chunked_body_is_cut_off_at_the_limit(fault_office: FaultOffice) -> None:
    sock = _connect(fault_office)
    sock.sendall(b"POST /api/v1/devices/me/status HTTP/1.1\r\nHost: x\r\n"
                 b"Authorization: Bearer " + fault_office.kiosk_token.encode() + b"\r\n"
                 b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b" " * 16384
    try:
        for _ in range(10):  # 160 KiB, past the 64 KiB limit
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    except OSError:
        pass
    status, headers, body = _answer(sock)
    sock.close()
    assert status == 413 and headers["content-type"] == "application/json"
    assert json.loads(body)["detail"]["code"] == "body_too_large"


def test_idle_and_slow_connections_are_closed_by_the_server(fault_office: FaultOffice) -> None:
    idle = [_connect(fault_office) for _ in range(20)]
    slow = [_connect(fault_office) for _ in range(20)]
    for sock in slow:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")  # headers never finish
    # the server closes them (header deadline, 10 s); recv returns b"" rather than timing out
    for sock in idle + slow:
        assert sock.recv(1024) == b""
        sock.close()


def test_a_flood_of_idle_connections_does_not_lock_real_clients_out(
    fault_office: FaultOffice,
) -> None:
    held = [_connect(fault_office) for _ in range(450)]  # past the cap of 400
    try:
        health = requests.get(f"{fault_office.url}/api/v1/health", timeout=10)
        assert health.json() == {"status": "ok"}
        ticket = fault_office.officer.tickets()
        assert ticket == []
    finally:
        for sock in held:
            sock.close()


def test_past_the_requests_in_progress_a_client_hears_busy_as_json_with_retry_after(
    fault_office: FaultOffice,
) -> None:
    """A flood of requests whose bodies never arrive, from many addresses (each within its
    share), holds every place open to callers without a token; the next such client is
    answered 503 in the API's error shape (not a bare text), told when to come back, while a
    kiosk with its token still uses the places kept for devices and officers."""
    anonymous_places = MAX_IN_PROGRESS - RESERVED_FOR_TOKENS
    per_address = MAX_IN_PROGRESS_PER_ADDRESS - 1
    stalled = [
        socket.create_connection(("127.0.0.1", fault_office.server.port), timeout=30,
                                 source_address=(f"127.0.1.{n // per_address + 1}", 0))
        for n in range(anonymous_places)
    ]
    for sock in stalled:
        sock.sendall(b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
    try:
        for _ in range(100):  # until the server has read every stalled request's headers
            busy = requests.get(f"{fault_office.url}/api/v1/health", timeout=10)
            if busy.status_code != 200:
                break
        assert busy.status_code == 503
        assert busy.headers["content-type"] == "application/json"
        assert int(busy.headers["retry-after"]) >= 1
        detail = busy.json()["detail"]
        assert detail["code"] == "server_busy"
        assert detail["message_id"] and detail["message_en"]
        made_up = requests.get(f"{fault_office.url}/api/v1/health", timeout=10,
                               headers={"Authorization": "Bearer made-up"})
        assert made_up.status_code == 503  # only a valid token opens the places kept
        ticket = fault_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
        assert ticket.number == "K-001"
    finally:
        for sock in stalled:
            sock.close()
    for _ in range(100):  # the places free as the server sees the stalled clients go
        if requests.get(f"{fault_office.url}/api/v1/health", timeout=10).status_code == 200:
            break
        time.sleep(0.1)
    assert requests.get(f"{fault_office.url}/api/v1/health", timeout=10).json() == {"status": "ok"}


def test_shutdown_answers_long_polls_and_does_not_wait_for_stragglers(
    fault_office: FaultOffice,
) -> None:
    version = fault_office.client().display().version
    answers: list[int] = []

    def long_poll() -> None:
        reply = requests.get(f"{fault_office.url}/api/v1/display",
                             params={"since": version, "timeout": 30}, timeout=60)
        answers.append(reply.status_code)

    polls = [threading.Thread(target=long_poll) for _ in range(3)]
    for poll in polls:
        poll.start()
    stragglers = [_connect(fault_office) for _ in range(20)]
    for sock in stragglers:
        sock.sendall(b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
    assert fault_office.server.process is not None
    while len(psutil.Process(fault_office.server.process.pid).net_connections()) < 24:
        pass  # all connected
    fault_office.server.process.send_signal(signal.SIGTERM)
    # The graceful shutdown is 5 s; this bound only keeps a broken build from hanging.
    fault_office.server.process.wait(timeout=20)
    for poll in polls:
        poll.join(timeout=30)
    assert answers == [200, 200, 200]
    for sock in stragglers:
        sock.close()
