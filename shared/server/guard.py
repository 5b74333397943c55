"""The HTTP edge's own limits, before any route runs: bodies too big (413) or too slow (408)
are refused without being read into memory, past ``MAX_IN_PROGRESS`` requests at once the
next is answered 503 with ``Retry-After``, and every answer carries the security headers."""

from __future__ import annotations

import asyncio
import json

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

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
# Pages may set their own (the ticket page allows its one stylesheet by hash).
DEFAULT_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def _error(status: int, code: str, message_id: str, message_en: str,
           field: str | None = "body", headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(
        status,
        detail={"field": field, "code": code, "message": message_en,
                "message_id": message_id, "message_en": message_en},
        headers={"Connection": "close", **(headers or {})},
    )


def body_too_large() -> HTTPException:
    return _error(
        413, "body_too_large",
        f"Permintaan terlalu besar (maksimal {MAX_BODY_BYTES // 1024} KiB).",
        f"The request is too large (at most {MAX_BODY_BYTES // 1024} KiB).",
    )


def body_too_slow() -> HTTPException:
    return _error(
        408, "body_timeout", "Isi permintaan datang terlalu lambat.",
        "The request body arrived too slowly.",
    )


def server_busy() -> HTTPException:
    return _error(
        503, "server_busy", "Server sedang sibuk. Silakan coba lagi sebentar lagi.",
        "The server is busy. Please try again in a moment.",
        field=None, headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
    )


class RequestGuard:
    """ASGI middleware: requests at once, body size and pace limits, security headers."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.in_progress = 0

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

        if self.in_progress >= MAX_IN_PROGRESS:
            await _refuse(server_busy(), send_with_headers)
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

        self.in_progress += 1
        try:
            await self.app(scope, guarded_receive, send_with_headers)
        finally:
            self.in_progress -= 1


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
