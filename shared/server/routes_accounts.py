"""Logging in, and the devices' own status (a kiosk's printer out of paper, ...)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request

from shared import api_models as schemas
from shared.errors import Unavailable
from shared.repository import Account
from shared.server.deps import DEVICES, STAFF, allow, gatekeeper

router = APIRouter(prefix="/api/v1")

# A device heard from (a request or a status report) within this time is shown as online.
DEVICE_ONLINE = timedelta(minutes=2)


# Password hashing (PBKDF2, ~0.2 s of one core) runs on its own single thread, never in the
# pool that serves tickets; logins queue for it, and past this many waiting the answer is
# 503 at once instead of a growing queue.
LOGINS_WAITING_MAX = 8


@router.post("/auth/login", tags=["auth"])
async def login(body: schemas.LoginRequest, request: Request) -> schemas.LoginOut:
    gate = gatekeeper(request)
    now = request.app.state.office.calendar.now()
    address = request.client.host if request.client else ""
    gate.login_allowed(body.username, address, now)
    hashing = _password_hashing(request)
    if hashing.statistics().tasks_waiting >= LOGINS_WAITING_MAX:
        raise LoginsBusy()
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


def _password_hashing(request: Request) -> anyio.CapacityLimiter:
    state = request.app.state
    if getattr(state, "password_hashing", None) is None:
        state.password_hashing = anyio.CapacityLimiter(1)
    limiter: anyio.CapacityLimiter = state.password_hashing
    return limiter


@router.post("/devices/me/status", status_code=204, tags=["devices"])
def report_status(
    body: schemas.DeviceStatusIn,
    request: Request,
    account: Annotated[Account, Depends(allow(*DEVICES))],
) -> None:
    request.app.state.accounts.set_device_status(
        account.id, body.model_dump(), request.app.state.office.calendar.now()
    )


@router.get("/devices", tags=["officer"])
def devices(
    request: Request, account: Annotated[Account, Depends(allow(*STAFF))]
) -> list[schemas.DeviceOut]:
    calendar = request.app.state.office.calendar
    now = calendar.now()
    return [
        schemas.DeviceOut(
            name=d.name, role=d.role, status=d.status,
            last_seen_at=calendar.local(d.last_seen_at) if d.last_seen_at else None,
            online=d.last_seen_at is not None and now - d.last_seen_at < DEVICE_ONLINE,
        )
        for d in gatekeeper(request).devices()
    ]
