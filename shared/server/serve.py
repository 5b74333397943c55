"""Runs the app under uvicorn with the limits an office LAN needs against slow or greedy
clients: a cap on open connections, a deadline for a request's headers, a short keep-alive,
and a shutdown that does not wait on stragglers (long polls are woken and answered)."""

from __future__ import annotations

import asyncio
import logging
import resource
from types import FrameType

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

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


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol plus the connection cap and the header deadline."""

    _header_deadline: asyncio.TimerHandle | None = None
    _opened_at = 0.0

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

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

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


def serve(app: FastAPI, host: str, port: int, log_level: str) -> None:
    _more_descriptors()
    tune_allocator()  # before the thread pool's threads exist
    # No access log: request lines carry query strings (a visitor lookup carries an
    # identity number), and personal data never goes to logs. The queue logs its own events.
    config = uvicorn.Config(
        app, host=host, port=port, access_log=False, log_config=None,
        log_level=log_level.lower(), http=GuardedHttpProtocol,
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
