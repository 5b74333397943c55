"""Logging in, and the devices' own status (a kiosk's printer out of paper, ...)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from shared import api_models as schemas
from shared.repository import Account
from shared.server.deps import DEVICES, STAFF, allow, gatekeeper

router = APIRouter(prefix="/api/v1")


@router.post("/auth/login", tags=["auth"])
def login(body: schemas.LoginRequest, request: Request) -> schemas.LoginOut:
    token, role, expires = gatekeeper(request).login(
        body.username, body.password, request.app.state.office.calendar.now()
    )
    return schemas.LoginOut(token=token, role=role, expires_at=expires)


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
    return [
        schemas.DeviceOut(name=d.name, role=d.role, last_seen_at=d.last_seen_at, status=d.status)
        for d in request.app.state.accounts.devices()
    ]
