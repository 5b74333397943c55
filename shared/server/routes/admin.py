"""Taking access back and handing it out: logout, and the admin's users and devices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials

from shared.api import console_models as models
from shared.core.access.auth import username_for
from shared.core.ports.accounts import Account
from shared.server.deps import STAFF, allow, bearer, gatekeeper
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1")

Admin = Annotated[Account, Depends(allow("admin"))]
Name = Annotated[str, Path(max_length=200)]


@router.post("/auth/logout", status_code=204, tags=["auth"])
def logout(
    request: Request,
    account: Annotated[Account, Depends(allow(*STAFF))],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """End this session: its token is refused from the next request on."""
    assert credentials is not None
    gatekeeper(request).logout(credentials.credentials)


@router.get("/users", tags=["admin"])
def users(request: Request, account: Admin) -> list[models.UserOut]:
    return [
        models.UserOut(username=u.username, role=u.role, active=u.active,
                       created_at=server_state(request).office.calendar.local(u.created_at))
        for u in server_state(request).accounts.users()
    ]


@router.post("/users", status_code=201, tags=["admin"])
def add_user(body: models.UserIn, request: Request, account: Admin) -> models.UserOut:
    """A new officer or admin. 422 names a bad username, role or a short password; 409 when
    the username is taken."""
    office = server_state(request).office
    now = office.calendar.now()
    gatekeeper(request).add_user(body.username, body.role, body.password, now)
    return models.UserOut(username=username_for(body.username), role=body.role, active=True,
                          created_at=now)


@router.post("/users/{username}/password", status_code=204, tags=["admin"])
def reset_password(
    username: Name, body: models.PasswordIn, request: Request, account: Admin
) -> None:
    """Set a new password; the user's open sessions end."""
    gatekeeper(request).set_password(username, body.password)


@router.post("/users/{username}/disable", status_code=204, tags=["admin"])
def disable_user(username: Name, request: Request, account: Admin) -> None:
    """The account can no longer log in and its sessions end at once. The last active admin
    cannot be disabled (409)."""
    gatekeeper(request).disable_user(username)


@router.post("/devices", status_code=201, tags=["admin"])
def add_device(body: models.DeviceIn, request: Request, account: Admin) -> models.DeviceCreatedOut:
    """Register a kiosk or display; the answer holds its token, the only time it is shown."""
    token = gatekeeper(request).add_device(
        body.name, body.role, server_state(request).office.calendar.now()
    )
    return models.DeviceCreatedOut(name=body.name, role=body.role, token=token)


@router.post("/devices/{name}/revoke", status_code=204, tags=["admin"])
def revoke_device(name: Name, request: Request, account: Admin) -> None:
    """The device's token is refused (401) from its next request on."""
    gatekeeper(request).revoke_device(name)
