"""The HTTP edge's own limits, before any route runs: bodies too big (413) or too slow (408)
are refused without being read into memory, past ``MAX_IN_PROGRESS`` requests at once the
next is answered 503 with ``Retry-After`` (a reserve of them kept for callers with a valid
token, and a share per address for the rest), and every answer carries the security headers."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Protocol

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The largest request the API needs is a ticket with every guest-book field at its maximum
# length (about 3 KB) or a device status (4 KB): 64 KiB leaves room and nothing more.
MAX_BODY_BYTES = 64 * 1024
# A client has this long to deliver each part of a request body.
BODY_SECONDS = 10.0
# Requests being answered at once (a long poll or a body still arriving counts). The office
# has a few dozen clients; this only stops a flood of slow requests from piling up without
# end. Idle connections are capped separately (serve.MAX_CONNECTIONS).
MAX_IN_PROGRESS = 400
BUSY_RETRY_SECONDS = 2
# Of those, the last places are kept for requests with a valid device or officer token:
# whatever anonymous callers do, kiosks, displays and logged-in officers still get in.
RESERVED_FOR_TOKENS = 100
# One address without a token (a phone, a script) gets a share, not the whole server. An
# officer's browser opens at most 6 connections; an office NAT a few phones' pages.
MAX_IN_PROGRESS_PER_ADDRESS = 32
# Displays long-poll with their token; an anonymous address has no need for more than a few.
MAX_LONG_POLLS_PER_ADDRESS = 4
LONG_POLL_PATH = "/api/v1/display"
# Tokens checked against the database at once by the guard itself (see RequestGuard).
MAX_TOKEN_CHECKS = 8
CROWDED_RETRY_SECONDS = 5

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
# Pages may set their own (the ticket page allows its one stylesheet by hash).
DEFAULT_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def edge_error(status: int, code: str, message_id: str, message_en: str,
               field: str | None = "body", headers: dict[str, str] | None = None
               ) -> HTTPException:
    """A refusal at the HTTP edge, in the API's error shape; the connection closes after it."""
    return HTTPException(
        status,
        detail={"field": field, "code": code, "message": message_en,
                "message_id": message_id, "message_en": message_en},
        headers={"Connection": "close", **(headers or {})},
    )


def body_too_large() -> HTTPException:
    return edge_error(
        413, "body_too_large",
        f"Permintaan terlalu besar (maksimal {MAX_BODY_BYTES // 1024} KiB).",
        f"The request is too large (at most {MAX_BODY_BYTES // 1024} KiB).",
    )


def body_too_slow() -> HTTPException:
    return edge_error(
        408, "body_timeout", "Isi permintaan datang terlalu lambat.",
        "The request body arrived too slowly.",
    )


def server_busy() -> HTTPException:
    return edge_error(
        503, "server_busy", "Server sedang sibuk. Silakan coba lagi sebentar lagi.",
        "The server is busy. Please try again in a moment.",
        field=None, headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
    )


def too_many_requests() -> HTTPException:
    return edge_error(
        429, "too_many_requests",
        "Terlalu banyak permintaan sekaligus dari alamat ini. Silakan coba lagi sebentar lagi.",
        "Too many requests at once from this address. Please try again in a moment.",
        field=None, headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
    )


def too_many_long_polls() -> HTTPException:
    return edge_error(
        429, "too_many_long_polls",
        f"Paling banyak {MAX_LONG_POLLS_PER_ADDRESS} permintaan menunggu perubahan sekaligus"
        " dari satu alamat tanpa token.",
        f"At most {MAX_LONG_POLLS_PER_ADDRESS} waiting requests at once from one address"
        " without a token.",
        field="since", headers={"Retry-After": str(CROWDED_RETRY_SECONDS)},
    )


class TokenCheck(Protocol):
    """Whether a bearer token belongs to an active device or a live officer's session."""

    def remembered(self, token: str) -> bool:
        """From memory only (fit for every request)."""

    async def valid(self, token: str) -> bool:
        """Asking the database if need be (only when the token would get a place)."""


class RequestGuard:
    """ASGI middleware: requests at once (in all, per address, long polls per address), body
    size and pace limits, security headers."""

    def __init__(self, app: ASGIApp, tokens: TokenCheck | None = None):
        self.app = app
        self.tokens = tokens
        self.in_progress = 0
        self.checking = 0
        # Requests without a valid token: in all, per address, long polls per address.
        self.anonymous = 0
        self.per_address: Counter[str] = Counter()
        self.long_polls: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", DEFAULT_CSP))
                message = {**message, "headers": headers}
            await send(message)

        token = _bearer_token(scope)
        trusted = token is not None and self.tokens is not None and self.tokens.remembered(token)
        address = scope["client"][0] if scope.get("client") else ""
        long_poll = _is_long_poll(scope)
        refusal = self._refusal(trusted, address, long_poll)
        if refusal is not None and not trusted and await self._valid(token):
            trusted = True
            refusal = self._refusal(trusted, address, long_poll)
        if refusal is not None:
            await _refuse(refusal, send_with_headers)
            return
        declared = _content_length(scope)
        if declared is not None and declared > MAX_BODY_BYTES:
            await _refuse(body_too_large(), send_with_headers)
            return

        received = 0
        complete = False

        async def guarded_receive() -> Message:
            nonlocal received, complete
            if complete:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), BODY_SECONDS)
            except TimeoutError:
                raise body_too_slow() from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY_BYTES:
                    raise body_too_large()
                complete = not message.get("more_body", False)
            return message

        self._count(trusted, address, long_poll, +1)
        try:
            await self.app(scope, guarded_receive, send_with_headers)
        finally:
            self._count(trusted, address, long_poll, -1)

    async def _valid(self, token: str | None) -> bool:
        """A token not checked lately may still be a kiosk's: asked of the database. The
        checks hold places while they run, and only a few run at once: a flood of made-up
        tokens can take neither the reserve nor the thread pool."""
        if token is None or self.tokens is None or self.checking >= MAX_TOKEN_CHECKS \
                or self.in_progress >= MAX_IN_PROGRESS:
            return False
        self.checking += 1
        self.in_progress += 1
        try:
            return await self.tokens.valid(token)
        finally:
            self.checking -= 1
            self.in_progress -= 1

    def _refusal(self, trusted: bool, address: str, long_poll: bool) -> HTTPException | None:
        if self.in_progress >= MAX_IN_PROGRESS:
            return server_busy()
        if trusted:
            return None
        if self.anonymous >= MAX_IN_PROGRESS - RESERVED_FOR_TOKENS:
            return server_busy()
        if self.per_address[address] >= MAX_IN_PROGRESS_PER_ADDRESS:
            return too_many_requests()
        if long_poll and self.long_polls[address] >= MAX_LONG_POLLS_PER_ADDRESS:
            return too_many_long_polls()
        return None

    def _count(self, trusted: bool, address: str, long_poll: bool, step: int) -> None:
        self.in_progress += step
        if trusted:
            return
        self.anonymous += step
        _add(self.per_address, address, step)
        if long_poll:
            _add(self.long_polls, address, step)


def _add(counts: Counter[str], key: str, step: int) -> None:
    counts[key] += step
    if counts[key] <= 0:
        del counts[key]  # no entry left behind per address once its requests end


def _bearer_token(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return (token.strip() or None) if scheme.lower() == "bearer" else None
    return None


def _is_long_poll(scope: Scope) -> bool:
    """A display request with ``since``: it may wait up to 30 s for the queue to change."""
    return scope["path"] == LONG_POLL_PATH and any(
        part.startswith(b"since=") for part in scope.get("query_string", b"").split(b"&"))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(error: HTTPException, send: Send) -> None:
    body = json.dumps({"detail": error.detail}).encode()
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ] + [(name.lower().encode(), value.encode())
         for name, value in (error.headers or {}).items()]
    await send({"type": "http.response.start", "status": error.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})
