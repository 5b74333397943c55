"""Request plumbing shared by the routes: the office and its feedback, the caller's account
and roles, who acts (``principal``), the language."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.core.access.auth import AuthError, Gatekeeper, missing_token
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.ports.accounts import Account, AccountStore
from shared.core.queue.office import QueueOffice
from shared.server.state import server_state

bearer = HTTPBearer(auto_error=False, description="Device token or officer/admin session token")


# The dependencies are ``async``: a token checked moments ago is answered from memory, and
# each thread hop costs a ticket request time. A token not in memory is checked against the
# database in a worker thread: the event loop never waits on SQLite.


async def office(request: Request) -> QueueOffice:
    return server_state(request).office


Office = Annotated[QueueOffice, Depends(office)]


def feedback_office(request: Request) -> FeedbackOffice:
    return server_state(request).feedback


Feedback = Annotated[FeedbackOffice, Depends(feedback_office)]


def gatekeeper(request: Request) -> Gatekeeper:
    return server_state(request).gatekeeper


def accounts(request: Request) -> AccountStore:
    return server_state(request).accounts


def language(request: Request) -> str:
    return "en" if request.headers.get("accept-language", "").lower().startswith("en") else "id"


def allow(*roles: str) -> Callable[..., Coroutine[Any, Any, Account]]:
    """A dependency that admits only callers holding one of ``roles``."""

    async def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Account:
        if credentials is None:
            raise missing_token()
        gate = gatekeeper(request)
        queue = server_state(request).office
        now = queue.calendar.now()
        account = gate.remembered(credentials.credentials, now)
        if account is None:
            account = await run_in_threadpool(gate.account, credentials.credentials, now)
        gate.require(account, roles)
        return account

    return check


KIOSK = ("kiosk", "officer", "admin")
STAFF = ("officer", "admin")
ADMIN = ("admin",)
DEVICES = ("kiosk", "display")


def principal(account: Account) -> str:
    """Who acts, for Idempotency-Keys, lookup limits and visitor references."""
    return f"{account.kind}:{account.id}"


async def note_device(request: Request) -> None:
    """On a public route, a device that presents its token counts as seen (a display that
    long-polls is online on the admin page); a missing or bad token changes nothing."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return
    gate = gatekeeper(request)
    now = server_state(request).office.calendar.now()
    try:
        if gate.remembered(token, now) is None:
            await run_in_threadpool(gate.account, token, now)
    except AuthError:
        pass


class DeviceOrOfficerTokens:
    """For the RequestGuard: a bearer token of an active device or a live session (any role)
    may use the places kept for them."""

    def __init__(self, gate: Gatekeeper, now: Callable[[], datetime]):
        self._gate = gate
        self._now = now

    def remembered(self, token: str) -> bool:
        try:
            return self._gate.remembered(token, self._now()) is not None
        except AuthError:
            return False

    async def valid(self, token: str) -> bool:
        try:
            await run_in_threadpool(self._gate.account, token, self._now())
        except AuthError:
            return False
        return True
