"""Issue 17, items 1, 3 and 12: the URL and headers are capped (414, 431), a request body has
a deadline and a minimum pace (408), and X-Forwarded-For is believed only from a configured
proxy; against the real server process over raw sockets."""

from __future__ import annotations

import http.client
import json
import select
import socket
import threading
import time

import psutil
import pytest
import requests

from tests.support.faults import FaultOffice, StartOffice

MIB = 1024 * 1024


def _connect(office: FaultOffice) -> socket.socket:
    return socket.create_connection(("127.0.0.1", office.server.port), timeout=30)


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Read one HTTP answer off ``sock`` (http.client's parser)."""
    reply = http.client.HTTPResponse(sock)
    reply.begin()
    body = reply.read()
    return reply.status, {k.lower(): v for k, v in reply.getheaders()}, body


def _closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True


def _server_rss_mib(office: FaultOffice) -> float:
    assert office.server.process is not None
    return psutil.Process(office.server.process.pid).memory_info().rss / MIB


def _send_until_refused(sock: socket.socket, block: bytes, most: int) -> None:
    """Send ``block`` again and again (``most`` bytes at most) until the server stops reading."""
    sent = 0
    try:
        while sent < most:
            sock.sendall(block)
            sent += len(block)
    except OSError:
        pass  # the server has answered and closed: that is the point


def test_two_hundred_headers_get_431_and_the_connection_closes(
    shared_office: FaultOffice,
) -> None:
    headers = b"".join(b"X-Header-%d: %d\r\n" % (n, n) for n in range(200))
    with _connect(shared_office) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        status, reply_headers, body = _answer(sock)
        closed = _closed_by_server(sock)
    assert status == 431
    assert reply_headers["content-type"] == "application/json"
    assert reply_headers["connection"] == "close"
    detail = json.loads(body)["detail"]
    assert detail["code"] == "headers_too_large"
    assert "100 headers" in detail["message_en"] and "100 header" in detail["message_id"]
    assert closed


def test_one_50_kb_header_gets_431(shared_office: FaultOffice) -> None:
    with _connect(shared_office) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 50_000
                     + b"\r\n\r\n")
        status, _, body = _answer(sock)
        closed = _closed_by_server(sock)
    assert status == 431
    assert json.loads(body)["detail"]["code"] == "headers_too_large"
    assert closed


def test_one_endless_header_gets_431_while_it_is_still_arriving(
    shared_office: FaultOffice,
) -> None:
    """The header's value never ends: the answer comes once it passes the cap, not when
    the value ends (never) or the header deadline closes the connection without a word."""
    with _connect(shared_office) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ")
        sent = _trickle(sock, b"a" * 16384, every=0.01, give_up=30, most=64 * MIB)
        assert sent is not None
        status, _, body = _answer(sock)
    assert status == 431
    assert json.loads(body)["detail"]["code"] == "headers_too_large"


def test_a_20_kb_url_gets_414(shared_office: FaultOffice) -> None:
    with _connect(shared_office) as sock:
        sock.sendall(b"GET /api/v1/health?q=" + b"a" * 20_000
                     + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _, body = _answer(sock)
        closed = _closed_by_server(sock)
    assert status == 414
    detail = json.loads(body)["detail"]
    assert detail["code"] == "url_too_long" and "8 KiB" in detail["message_en"]
    assert closed
    # a URL and headers under the caps are answered as before
    reply = requests.get(f"{shared_office.url}/api/v1/health", params={"q": "a" * 4000},
                         headers={f"X-H{n}": "v" * 100 for n in range(60)}, timeout=10)
    assert reply.status_code == 200


def test_a_header_flood_leaves_the_server_s_memory_bounded(office: FaultOffice) -> None:
    """Four connections each send endless headers (4 MB each at most): each is refused
    early, and the server's memory stays within a few MB of where it was."""
    before = _server_rss_mib(office)
    statuses: list[int] = []

    def flood() -> None:
        with _connect(office) as sock:
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            _send_until_refused(sock, b"X-a: b\r\n" * 8192, 4 * MIB)
            try:
                statuses.append(_answer(sock)[0])
            except (OSError, http.client.HTTPException):
                statuses.append(0)  # reset before the answer was read: still cut off

    floods = [threading.Thread(target=flood) for _ in range(4)]
    for thread in floods:
        thread.start()
    peak = before
    while any(thread.is_alive() for thread in floods):
        peak = max(peak, _server_rss_mib(office))
    for thread in floods:
        thread.join()
    peak = max(peak, _server_rss_mib(office))
    assert peak - before < 30
    assert 431 in statuses and set(statuses) <= {431, 0}
    assert requests.get(f"{office.url}/api/v1/health", timeout=10).ok


LOGIN_HEAD = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n")


def _trickle(sock: socket.socket, block: bytes, every: float, give_up: float,
            most: int = 60000) -> int | None:
    """Send ``block`` every ``every`` s until the server answers; the number of bytes sent
    by then, or None if it had not answered after ``give_up`` s (or ``most`` bytes)."""
    sent = 0
    deadline = time.monotonic() + give_up
    while time.monotonic() < deadline and sent < most:
        readable, _, _ = select.select([sock], [], [], every)
        if readable:
            return sent
        try:
            sock.sendall(block)
        except OSError:
            return sent
        sent += len(block)
    return None


def test_a_body_trickled_below_the_minimum_pace_is_cut_off(office: FaultOffice) -> None:
    """A 60 KB login body at 4 bytes a second (the minimum is 1 KiB/s) is answered 408 and
    closed while it is still trickling."""
    with _connect(office) as sock:
        sock.sendall(LOGIN_HEAD + b'{"username": "')
        # answered by the pace rule (5 s in), before the 15 s deadline would
        assert _trickle(sock, b"a", every=0.25, give_up=12) is not None
        status, headers, body = _answer(sock)
        assert status == 408 and headers["content-type"] == "application/json"
        assert json.loads(body)["detail"]["code"] == "body_timeout"
        assert _closed_by_server(sock)
    assert requests.get(f"{office.url}/api/v1/health", timeout=10).ok


def test_a_body_still_arriving_at_the_deadline_is_cut_off(start_office: StartOffice) -> None:
    """The body keeps a good pace (8 KB/s) but the office's deadline is 2 s: 408 before the
    60 KB are in."""
    office = start_office(config="[http]\nbody_seconds = 2\n")
    with _connect(office) as sock:
        sock.sendall(LOGIN_HEAD + b'{"username": "')
        sent = _trickle(sock, b"a" * 2000, every=0.25, give_up=60)
        assert sent is not None and sent < 60000
        status, _, body = _answer(sock)
        assert status == 408
        assert json.loads(body)["detail"]["code"] == "body_timeout"
        assert _closed_by_server(sock)


def _failed_logins(office: FaultOffice, forwarded_for: list[str]) -> list[int]:
    """Wrong logins, each for a different (unknown) username, each claiming to come from the
    next X-Forwarded-For address, until the first 429; the statuses."""
    statuses: list[int] = []
    with requests.Session() as session:
        for n, address in enumerate(forwarded_for):
            reply = session.post(f"{office.url}/api/v1/auth/login", timeout=30,
                                 headers={"X-Forwarded-For": address},
                                 json={"username": f"tamu{n}", "password": "tebakan-salah"})
            statuses.append(reply.status_code)
            if reply.status_code == 429:
                break
    return statuses


# 20 failures per address, then one more every 6 s: on a busy machine the 20 hashes may take
# longer than 6 s, so the 429 may come a few attempts later.
ATTEMPTS = 40


def test_a_rotated_x_forwarded_for_does_not_escape_the_login_throttle(
    office: FaultOffice,
) -> None:
    statuses = _failed_logins(office, [f"10.0.{n}.1" for n in range(ATTEMPTS)])
    assert statuses[:20] == [401] * 20 and statuses[-1] == 429


@pytest.mark.parametrize("proxy", ["127.0.0.1", "127.0.0.0/8"])
def test_behind_a_configured_proxy_the_forwarded_address_is_throttled(
    start_office: StartOffice, proxy: str,
) -> None:
    office = start_office(config=f'[http]\ntrusted_proxies = ["{proxy}"]\n')
    statuses = _failed_logins(office, ["10.0.0.1"] * ATTEMPTS)
    assert statuses[:20] == [401] * 20 and statuses[-1] == 429
    # another address behind the proxy is a different client
    assert _failed_logins(office, ["10.0.0.2"]) == [401]
