"""Logging in, and the devices' own status (a kiosk's printer out of paper, ...)."""

from __future__ import annotations

from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request

from shared import api_models as schemas
from shared.errors import Unavailable
from shared.repository import Account
from shared.server.deps import DEVICES, allow, gatekeeper
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1")

# Password hashing (PBKDF2, ~0.2 s of one core) runs on its own single thread, never in the
# pool that serves tickets; logins queue for it, and past this many waiting the answer is
# 503 at once instead of a growing queue.
LOGINS_WAITING_MAX = 8


@router.post("/auth/login", tags=["auth"])
async def login(body: schemas.LoginRequest, request: Request) -> schemas.LoginOut:
    gate = gatekeeper(request)
    now = server_state(request).office.calendar.now()
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
