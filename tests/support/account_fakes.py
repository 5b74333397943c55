"""An in-memory :class:`shared.core.ports.accounts.AccountStore`: users, sessions and devices.

Keeps the promises of ``shared.storage.sqlite.store.SqliteStore``'s account methods: ids from 1, a
name or token taken once, a revoked device's name free again (same id, new token, its status
forgotten), sessions that end at their expiry or when their user is disabled or given a new
password.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import datetime

from shared.core.ports.accounts import Account, DeviceInfo, NameTaken, UserInfo
from tests.support.fakes import FakeIntegrityError


@dataclass(frozen=True)
class _User:
    info: UserInfo
    password_hash: str


@dataclass(frozen=True)
class _Device:
    info: DeviceInfo
    token_hash: str
    active: bool


class FakeAccountStore:
    def __init__(self) -> None:
        self._users: dict[int, _User] = {}
        self._sessions: dict[str, tuple[int, datetime]] = {}  # token hash -> user, expiry
        self._devices: dict[int, _Device] = {}
        self._stamp = 0

    # --- users and their sessions ---------------------------------------------------------

    def _user_named(self, username: str) -> _User | None:
        return next((u for u in self._users.values() if u.info.username == username), None)

    def add_user(self, username: str, role: str, password_hash: str, at: datetime) -> int:
        if self._user_named(username) is not None:
            raise NameTaken(username)
        user_id = max(self._users, default=0) + 1
        self._users[user_id] = _User(UserInfo(user_id, username, role, True, at), password_hash)
        return user_id

    def user_credentials(self, username: str) -> tuple[int, str, str] | None:
        user = self._user_named(username)
        if user is None or not user.info.active:
            return None
        return user.info.id, user.info.role, user.password_hash

    def add_session(self, token_hash: str, user_id: int, expires_at: datetime) -> None:
        if token_hash in self._sessions:
            raise FakeIntegrityError("UNIQUE constraint failed: sessions.token_hash")
        if user_id not in self._users:
            raise FakeIntegrityError("FOREIGN KEY constraint failed: sessions.user_id")
        self._sessions[token_hash] = (user_id, expires_at)

    def session_account(self, token_hash: str, now: datetime) -> Account | None:
        session = self._sessions.get(token_hash)
        if session is None or not session[1] > now:
            return None
        user = self._users[session[0]].info
        if not user.active:
            return None
        return Account("user", user.id, user.username, user.role, session[1])

    def drop_expired_sessions(self, now: datetime) -> int:
        expired = [token for token, (_, ends) in self._sessions.items() if ends <= now]
        for token in expired:
            del self._sessions[token]
        return len(expired)

    def drop_session(self, token_hash: str) -> None:
        self._sessions.pop(token_hash, None)

    def _end_sessions_of(self, user_id: int) -> None:
        self._sessions = {t: s for t, s in self._sessions.items() if s[0] != user_id}

    def users(self) -> list[UserInfo]:
        return sorted((u.info for u in self._users.values()), key=lambda u: u.username)

    def disable_user(self, username: str) -> bool:
        user = self._user_named(username)
        self._stamp += 1
        if user is None:
            return False
        self._users[user.info.id] = replace(user, info=replace(user.info, active=False))
        self._end_sessions_of(user.info.id)
        return True

    def set_password(self, username: str, password_hash: str) -> bool:
        user = self._user_named(username)
        self._stamp += 1
        if user is None:
            return False
        self._users[user.info.id] = replace(user, password_hash=password_hash)
        self._end_sessions_of(user.info.id)
        return True

    # --- devices --------------------------------------------------------------------------

    def add_device(self, name: str, role: str, token_hash: str, at: datetime) -> int:
        same_name = next((d for d in self._devices.values() if d.info.name == name), None)
        if same_name is not None and same_name.active:
            raise NameTaken(name)
        if any(d.token_hash == token_hash for d in self._devices.values()):
            raise NameTaken(name)  # SQLite: UNIQUE constraint failed: devices.token_hash
        device_id = same_name.info.id if same_name else max(self._devices, default=0) + 1
        self._devices[device_id] = _Device(
            DeviceInfo(device_id, name, role, at, last_seen_at=None, status=None),
            token_hash, active=True,
        )
        return device_id

    def device_account(self, token_hash: str, now: datetime) -> Account | None:
        device = next(
            (d for d in self._devices.values() if d.token_hash == token_hash and d.active), None
        )
        if device is None:
            return None
        return Account("device", device.info.id, device.info.name, device.info.role)

    def set_device_status(self, device_id: int, status: dict[str, object], at: datetime) -> None:
        device = self._devices.get(device_id)
        if device is not None:
            info = replace(device.info, status=copy.deepcopy(status), last_seen_at=at)
            self._devices[device_id] = replace(device, info=info)

    def devices(self) -> list[DeviceInfo]:
        active = [d.info for d in self._devices.values() if d.active]
        return sorted((copy.deepcopy(i) for i in active), key=lambda i: i.name)

    def revoke_device(self, name: str) -> bool:
        self._stamp += 1
        for device_id, device in self._devices.items():
            if device.info.name == name and device.active:
                self._devices[device_id] = replace(device, active=False)
                return True
        return False

    def accounts_stamp(self) -> object:
        return self._stamp
