"""Logging in, and the devices' own status (a kiosk's printer out of paper, ...)."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request

from shared.api import models as schemas
from shared.core.errors import Throttled, Unavailable
from shared.core.ports.accounts import Account
from shared.server.deps import DEVICES, allow, gatekeeper
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1")

# Password hashing (PBKDF2, ~0.2 s of one core) runs on its own single thread, never in the
# pool that serves tickets; logins queue for it, and past this many waiting the answer is
# 503 at once instead of a growing queue.
LOGINS_WAITING_MAX = 8
# A refused login (throttled, or too many waiting) is answered at once with Retry-After. An
# address that asks again before that time, as a flood does, has its answer held until then
# (at most REFUSAL_HOLD_SECONDS): the flood slows to one attempt per connection every few
# seconds instead of keeping the event loop busy with refusals while kiosks wait their turn.
# At most REFUSALS_HELD_MAX are held at once (each holds one of the requests in progress,
# guard.MAX_IN_PROGRESS); past that the answer comes at once.
REFUSAL_HOLD_SECONDS = 5
REFUSALS_HELD_MAX = 200
ADDRESSES_REMEMBERED = 10_000


@router.post("/auth/login", tags=["auth"])
async def login(body: schemas.LoginRequest, request: Request) -> schemas.LoginOut:
    gate = gatekeeper(request)
    now = server_state(request).office.calendar.now()
    address = request.client.host if request.client else ""
    hashing = _password_hashing(request)
    try:
        gate.login_allowed(body.username, address, now)
        if hashing.statistics().tasks_waiting >= LOGINS_WAITING_MAX:
            raise LoginsBusy()
    except (Throttled, LoginsBusy) as refused:
        await _hold(request, address, refused.retry_after or 1)
        raise
    token, role, expires = await anyio.to_thread.run_sync(
        gate.login, body.username, body.password, now, address, limiter=hashing
    )
    return schemas.LoginOut(token=token, role=role, expires_at=expires)


class LoginsBusy(Unavailable):
    def __init__(self) -> None:
        super().__init__(
            "logins_busy", "Terlalu banyak permintaan masuk saat ini. Coba lagi sebentar lagi.",
            "Too many logins right now. Please try again in a moment.",
        )


async def _hold(request: Request, address: str, retry_after: int) -> None:
    """Hold the refusal if ``address`` was told to wait and has not (see above)."""
    refused = server_state(request).refused_logins
    now = time.monotonic()
    told_until = refused.told_until.get(address, 0.0)
    if len(refused.told_until) >= ADDRESSES_REMEMBERED:
        refused.told_until.clear()
    refused.told_until[address] = max(told_until, now + retry_after)
    if told_until <= now or refused.held >= REFUSALS_HELD_MAX:
        return
    refused.held += 1
    try:
        await asyncio.sleep(min(told_until - now, REFUSAL_HOLD_SECONDS))
    finally:
        refused.held -= 1


def _password_hashing(request: Request) -> anyio.CapacityLimiter:
    return server_state(request).password_hashing


@router.post("/devices/me/status", status_code=204, tags=["devices"])
def report_status(
    body: schemas.DeviceStatusIn,
    request: Request,
    account: Annotated[Account, Depends(allow(*DEVICES))],
) -> None:
    served = server_state(request)
    served.accounts.set_device_status(
        account.id, body.model_dump(), served.office.calendar.now()
    )
