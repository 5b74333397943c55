"""What signing in needs from storage: users, their sessions and the devices' tokens.

Used by ``shared.core.access.auth.Gatekeeper`` (and by the server to drop expired sessions
and to record a device's status). Not transactional: each call is one change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class NameTaken(Exception):
    """A user or device with that name exists already."""


@dataclass(frozen=True)
class Account:
    """Someone or something allowed to use the API: an officer, an admin or a device."""

    kind: str  # "user" or "device"
    id: int
    name: str
    role: str
    # A session's end (users); None for a device, whose token lasts until revoked.
    expires_at: datetime | None = None


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    role: str
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class DeviceInfo:
    id: int
    name: str
    role: str
    created_at: datetime
    last_seen_at: datetime | None
    status: dict[str, object] | None


class AccountStore(Protocol):
    def add_user(self, username: str, role: str, password_hash: str, at: datetime) -> int: ...
    def user_credentials(self, username: str) -> tuple[int, str, str] | None:
        """(user id, role, password hash) of an active user."""
        ...
    def add_session(self, token_hash: str, user_id: int, expires_at: datetime) -> None: ...
    def session_account(self, token_hash: str, now: datetime) -> Account | None: ...
    def drop_expired_sessions(self, now: datetime) -> int: ...
    def add_device(self, name: str, role: str, token_hash: str, at: datetime) -> int: ...
    def device_account(self, token_hash: str, now: datetime) -> Account | None: ...
    def set_device_status(
        self, device_id: int, status: dict[str, object], at: datetime
    ) -> None: ...
    def devices(self) -> list[DeviceInfo]: ...
    def users(self) -> list[UserInfo]: ...
    def drop_session(self, token_hash: str) -> None: ...
    def disable_user(self, username: str) -> bool:
        """Deactivate the user and end their sessions; False if there is no such user."""
        ...
    def set_password(self, username: str, password_hash: str) -> bool:
        """Replace the password and end the user's sessions; False if no such user."""
        ...
    def revoke_device(self, name: str) -> bool:
        """Deactivate the device's token; False if there is no such active device."""
        ...
    def accounts_stamp(self) -> object:
        """Changes whenever another process (the command line) disables or revokes an
        account, so a server that remembers accounts knows to forget them."""
        ...
