"""Runs the app under uvicorn with the limits an office LAN needs against slow or greedy
clients: a cap on open connections, a deadline for a request's headers, caps on the URL and
the headers (414, 431), a deadline and a minimum pace for a request's body (408), a short
keep-alive, X-Forwarded-For only from configured proxies, and a shutdown that does not wait
on stragglers (long polls are woken and answered)."""

from __future__ import annotations

import asyncio
import json
import logging
import resource
from types import FrameType
from typing import ClassVar

import httptools
import uvicorn
from fastapi import FastAPI, HTTPException
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from shared.core.settings import Http
from shared.server.guard import DEFAULT_CSP, SECURITY_HEADERS, body_too_slow, edge_error
from shared.server.native_memory import tune_allocator
from shared.server.state import of_app

log = logging.getLogger("pst_antrian.server")

# Kiosks, officers' browsers, three displays and phones: a few dozen at most. Past this the
# longest-idle connections (no request in progress) are closed to make room, so a flood of
# idle or slow connections cannot lock real clients out or use up the descriptors.
MAX_CONNECTIONS = 400
# A client has this long to send its request line and headers.
HEADER_SECONDS = 10.0
KEEP_ALIVE_SECONDS = 5
SHUTDOWN_SECONDS = 5
# The longest URL (path and query) and the most header bytes (names and values) and headers
# a request may have. The API's longest URL is a few hundred bytes and a browser sends a few
# KB of headers; without a cap one connection could send headers until memory ran out.
MAX_URL_BYTES = 8 * 1024
MAX_HEADER_BYTES = 16 * 1024
MAX_HEADERS = 100
# What the request line and headers may take on the wire (with the separators): httptools
# keeps a header's value in memory until the value ends, so the bytes are counted as read.
MAX_HEAD_BYTES = MAX_URL_BYTES + MAX_HEADER_BYTES + 4 * MAX_HEADERS + 1024
# A body's pace is judged after this long (a slow link's first packets may come late).
BODY_GRACE_SECONDS = 5.0
# After a refusal the server says why, stops sending and reads (and drops) what the client
# still sends, for this long and this much at most, so that a client which has sent its
# request reads the answer before the connection closes (closing with unread data resets
# it), and one which goes on sending is not read for long.
LINGER_SECONDS = 2.0
LINGER_BYTES = 256 * 1024


class _Refused(Exception):
    """Raised in a parser callback to stop parsing a request that is refused."""


def url_too_long() -> HTTPException:
    return edge_error(
        414, "url_too_long",
        f"Alamat (URL) permintaan terlalu panjang (maksimal {MAX_URL_BYTES // 1024} KiB).",
        f"The request URL is too long (at most {MAX_URL_BYTES // 1024} KiB).", field=None,
    )


def headers_too_large() -> HTTPException:
    return edge_error(
        431, "headers_too_large",
        f"Header permintaan terlalu besar (maksimal {MAX_HEADERS} header, "
        f"{MAX_HEADER_BYTES // 1024} KiB).",
        f"The request headers are too large (at most {MAX_HEADERS} headers, "
        f"{MAX_HEADER_BYTES // 1024} KiB).", field=None,
    )


def _answer_bytes(error: HTTPException) -> bytes:
    """A whole HTTP answer in the API's error shape, written before any app sees the request."""
    body = json.dumps({"detail": error.detail}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
               *SECURITY_HEADERS, (b"content-security-policy", DEFAULT_CSP)]
    head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
    return STATUS_LINE[error.status_code] + head + b"\r\n" + body


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol plus the connection cap, the header deadline, the URL and
    header caps and the body's deadline and pace."""

    # Set per server by ``serve`` (the office's [http] settings).
    limits: ClassVar[Http] = Http()
    _header_deadline: asyncio.TimerHandle | None = None
    _opened_at = 0.0
    # The request line and headers are being read (from the end of the last request on).
    _reading_head = True
    _head_bytes = 0
    _header_count = 0
    _header_bytes = 0
    _refusal: HTTPException | None = None
    _refused = False
    _dropped = 0
    _body_check: asyncio.TimerHandle | None = None
    _body_started = 0.0
    _body_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._opened_at = self.loop.time()
        self._arm_header_deadline()
        if len(self.connections) > MAX_CONNECTIONS:
            self._make_room()

    def _make_room(self) -> None:
        idle = sorted(
            (c for c in self.connections
             if isinstance(c, GuardedHttpProtocol) and c is not self and c.idle),
            key=lambda c: c._opened_at,
        )
        for connection in idle[: len(self.connections) - MAX_CONNECTIONS]:
            connection.transport.close()

    @property
    def idle(self) -> bool:
        """No request being answered: nothing is lost if this connection is closed."""
        return self.cycle is None or self.cycle.response_complete

    def data_received(self, data: bytes) -> None:
        if self._refused:  # lingering: what the client still sends is dropped
            self._dropped += len(data)
            if self._dropped > LINGER_BYTES:
                self.transport.close()
            return
        # The head is fed in pieces no longer than what it may still take, so that no
        # header's bytes pile up in the parser past the cap.
        while data and self._reading_head:
            room = MAX_HEAD_BYTES - self._head_bytes
            if room <= 0:
                self._refuse(headers_too_large())
                return
            piece, data = data[:room], data[room:]
            self._head_bytes += len(piece)
            self._parse(piece)
            if self._refused or self.transport.is_closing():
                return
        if data:
            self._parse(data)

    def _parse(self, data: bytes) -> None:
        """uvicorn's ``data_received``, except that a request a callback refused (raising
        ``_Refused``) is answered with its refusal, not logged as invalid and answered 400."""
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            if self._refusal is not None:
                self._refuse(self._refusal)
                return
            self.logger.warning("Invalid HTTP request received.")
            self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_count = self._header_bytes = 0
        self._arm_header_deadline()

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > MAX_URL_BYTES:
            self._refusal = url_too_long()
            raise _Refused

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._header_bytes += len(name) + len(value)
        if self._header_count > MAX_HEADERS or self._header_bytes > MAX_HEADER_BYTES:
            self._refusal = headers_too_large()
            raise _Refused
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        self._reading_head = False
        self._body_started = self.loop.time()
        self._body_bytes = 0
        self._schedule_body_check(min(BODY_GRACE_SECONDS, self.limits.body_seconds))
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        self._body_bytes += len(body)
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._disarm_body_check()
        self._reading_head = True
        self._head_bytes = 0
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        self._disarm_body_check()
        super().connection_lost(exc)

    def _schedule_body_check(self, delay: float) -> None:
        self._disarm_body_check()
        self._body_check = self.loop.call_later(delay, self._check_body_pace)

    def _disarm_body_check(self) -> None:
        if self._body_check is not None:
            self._body_check.cancel()
            self._body_check = None

    def _check_body_pace(self) -> None:
        """The body must be whole by ``body_seconds`` and, past the grace, keep the pace."""
        self._body_check = None
        elapsed = self.loop.time() - self._body_started
        deadline = self.limits.body_seconds
        too_slow = elapsed >= deadline or (
            elapsed >= BODY_GRACE_SECONDS
            and self._body_bytes < self.limits.min_body_bytes_per_second * elapsed)
        if not too_slow:
            self._schedule_body_check(min(1.0, deadline - elapsed))
            return
        cycle = self.cycle
        unanswered = cycle is not None and not cycle.response_started
        if cycle is not None and not cycle.response_complete:
            # The app's next receive is a disconnect; what it answers goes nowhere.
            cycle.disconnected = True
            cycle.message_event.set()
        if unanswered:
            self._refuse(body_too_slow())
        else:  # answered already (the app did not wait for the body): nothing to say
            self._refused = True
            self.transport.close()

    def _refuse(self, refusal: HTTPException) -> None:
        """Answer ``refusal``, stop sending, and close once the client has had the answer."""
        self._refused = True
        self._disarm_header_deadline()
        self._disarm_body_check()
        if self.transport.is_closing():
            return
        self.transport.write(_answer_bytes(refusal))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.flow.resume_reading()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(HEADER_SECONDS, self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, app: FastAPI):
        super().__init__(config)
        self._app = app

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        of_app(self._app).changes.close()  # long-polling displays get their answer now


def serve(app: FastAPI, host: str, port: int, log_level: str, http: Http | None = None) -> None:
    _more_descriptors()
    tune_allocator()  # before the thread pool's threads exist
    office_http = http or Http()

    class OfficeHttpProtocol(GuardedHttpProtocol):
        limits = office_http

    # No access log: request lines carry query strings (a visitor lookup carries an
    # identity number), and personal data never goes to logs. The queue logs its own events.
    config = uvicorn.Config(
        app, host=host, port=port, access_log=False, log_config=None,
        log_level=log_level.lower(), http=OfficeHttpProtocol,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise: any local
        # process could then pick its address. Only the configured proxies are believed.
        proxy_headers=bool(office_http.trusted_proxies),
        forwarded_allow_ips=list(office_http.trusted_proxies) or None,
        # No uvicorn limit_concurrency (its 503 is plain text): the app's RequestGuard caps
        # the requests in progress and answers the usual JSON error with Retry-After.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )
    _Server(config, app).run()


def _more_descriptors() -> None:
    """Raise the open-files limit to what the system allows (often 1,024 soft, more hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65_536
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            log.warning("could not raise the open-files limit above %d", soft)
