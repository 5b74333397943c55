"""The officers' and devices' accounts in the store's file (the ``AccountStore`` port).

Each method is one write transaction or one read snapshot of its own, on the connections of
``SqliteStore`` (which is one). Disabling an account or revoking a device also rewrites the
stamp file beside the database, so that a running server (another process than the command
line) stops honouring the account at its next request.
"""

from __future__ import annotations

import json
import os
import sqlite3
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.core.ports.accounts import Account, DeviceInfo, NameTaken, UserInfo
from shared.storage.sqlite.rows import read_time, stored_time

ACCOUNTS_STAMP_FILE = "accounts.changed"


class SqliteAccounts(ABC):
    """Accounts and sessions, on connections the subclass gives."""

    _stamp_path: Path

    @abstractmethod
    def _writing(self) -> AbstractContextManager[sqlite3.Connection]:
        """The writer's connection inside one write transaction."""

    @abstractmethod
    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        """A reader's connection inside one read snapshot."""

    def _write(self, sql: str, *args: Any) -> sqlite3.Cursor:
        with self._writing() as db:
            return db.execute(sql, args)

    def _read(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with self._reading() as db:
            return db.execute(sql, args).fetchall()

    # --- officers and their sessions ------------------------------------------------------

    def add_user(self, username: str, role: str, password_hash: str, at: datetime) -> int:
        try:
            cursor = self._write(
                "INSERT INTO users (username, role, password_hash, created_at)"  # pragma: no mutate
                " VALUES (?, ?, ?, ?)",  # pragma: no mutate
                username, role, password_hash, stored_time(at),
            )
        except sqlite3.IntegrityError as exc:
            raise NameTaken(username) from exc
        return int(cursor.lastrowid or 0)

    def users(self) -> list[UserInfo]:
        rows = self._read(
            "SELECT id, username, role, active, created_at FROM users"  # pragma: no mutate
            " ORDER BY username"  # pragma: no mutate
        )
        return [
            UserInfo(r["id"], r["username"], r["role"], bool(r["active"]),
                     datetime.fromisoformat(r["created_at"]))
            for r in rows
        ]

    def disable_user(self, username: str) -> bool:
        with self._writing() as db:
            changed = db.execute(
                "UPDATE users SET active = 0 WHERE username = ?",  # pragma: no mutate
                (username,),
            ).rowcount
            _drop_sessions_of(db, username)
        self._touch_accounts_stamp()
        return changed > 0

    def set_password(self, username: str, password_hash: str) -> bool:
        with self._writing() as db:
            changed = db.execute(
                "UPDATE users SET password_hash = ? WHERE username = ?",  # pragma: no mutate
                (password_hash, username),
            ).rowcount
            _drop_sessions_of(db, username)
        self._touch_accounts_stamp()
        return changed > 0

    def user_credentials(self, username: str) -> tuple[int, str, str] | None:
        rows = self._read(
            "SELECT id, role, password_hash FROM users"  # pragma: no mutate
            " WHERE username = ? AND active = 1",  # pragma: no mutate
            username,
        )
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def add_session(self, token_hash: str, user_id: int, expires_at: datetime) -> None:
        self._write(
            "INSERT INTO sessions (token_hash, user_id, expires_at)"  # pragma: no mutate
            " VALUES (?, ?, ?)",  # pragma: no mutate
            token_hash, user_id, stored_time(expires_at),
        )

    def session_account(self, token_hash: str, now: datetime) -> Account | None:
        rows = self._read(
            "SELECT u.id, u.username, u.role, s.expires_at FROM sessions s"  # pragma: no mutate
            " JOIN users u ON u.id = s.user_id"  # pragma: no mutate
            " WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",  # pragma: no mutate
            token_hash, stored_time(now),
        )
        if not rows:
            return None
        return Account("user", rows[0][0], rows[0][1], rows[0][2], read_time(rows[0][3]))

    def drop_session(self, token_hash: str) -> None:
        self._write(
            "DELETE FROM sessions WHERE token_hash = ?",  # pragma: no mutate
            token_hash,
        )

    def drop_expired_sessions(self, now: datetime) -> int:
        return self._write(
            "DELETE FROM sessions WHERE expires_at <= ?",  # pragma: no mutate
            stored_time(now),
        ).rowcount

    # --- devices --------------------------------------------------------------------------

    def add_device(self, name: str, role: str, token_hash: str, at: datetime) -> int:
        # A revoked device's name can be registered again (a replaced kiosk): same row, new
        # token, its old status forgotten. RETURNING gives that row's id (lastrowid is not set
        # by an upsert that updates: it would be the connection's previous insert, another row).
        try:
            with self._writing() as db:
                row = db.execute(
                    "INSERT INTO devices (name, role, token_hash, created_at)"  # pragma: no mutate
                    " VALUES (?, ?, ?, ?)"  # pragma: no mutate
                    " ON CONFLICT (name) DO UPDATE SET role = excluded.role,"  # pragma: no mutate
                    " token_hash = excluded.token_hash,"  # pragma: no mutate
                    " created_at = excluded.created_at,"  # pragma: no mutate
                    " active = 1, last_seen_at = NULL, status = NULL"  # pragma: no mutate
                    " WHERE active = 0 RETURNING id",  # pragma: no mutate
                    (name, role, token_hash, stored_time(at)),
                ).fetchone()
        except sqlite3.IntegrityError as exc:
            raise NameTaken(name) from exc
        if row is None:  # the name is an active device's
            raise NameTaken(name)
        return int(row[0])

    def revoke_device(self, name: str) -> bool:
        changed = self._write(
            "UPDATE devices SET active = 0 WHERE name = ? AND active = 1",  # pragma: no mutate
            name,
        ).rowcount
        self._touch_accounts_stamp()
        return changed > 0

    def device_account(self, token_hash: str, now: datetime) -> Account | None:
        rows = self._read(
            "SELECT id, name, role FROM devices"  # pragma: no mutate
            " WHERE token_hash = ? AND active = 1",  # pragma: no mutate
            token_hash,
        )
        return Account("device", rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def set_device_status(self, device_id: int, status: dict[str, object], at: datetime) -> None:
        self._write(
            "UPDATE devices SET status = ?, last_seen_at = ? WHERE id = ?",  # pragma: no mutate
            json.dumps(status), stored_time(at), device_id,
        )

    def devices(self) -> list[DeviceInfo]:
        rows = self._read(
            "SELECT * FROM devices WHERE active = 1 ORDER BY name"  # pragma: no mutate
        )
        return [
            DeviceInfo(
                id=r["id"],
                name=r["name"],
                role=r["role"],
                created_at=datetime.fromisoformat(r["created_at"]),
                last_seen_at=read_time(r["last_seen_at"]),
                status=_stored_status(r["status"]),
            )
            for r in rows
        ]

    # --- the stamp a running server watches -----------------------------------------------

    def accounts_stamp(self) -> object:
        try:
            found = self._stamp_path.stat()
        except FileNotFoundError:
            return None
        return (found.st_ino, found.st_mtime_ns, found.st_size)

    def _touch_accounts_stamp(self) -> None:
        # A new file each time (new inode), so two changes within the file system's
        # timestamp granularity still differ.
        fresh = self._stamp_path.with_suffix(".tmp")
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(datetime.now(UTC).timestamp()).encode())
        finally:
            os.close(fd)
        os.replace(fresh, self._stamp_path)


def _drop_sessions_of(db: sqlite3.Connection, username: str) -> None:
    db.execute(
        "DELETE FROM sessions"  # pragma: no mutate
        " WHERE user_id IN (SELECT id FROM users WHERE username = ?)",  # pragma: no mutate
        (username,),
    )


def _stored_status(text: str | None) -> dict[str, object] | None:
    """A device's stored status, or None if it cannot be shown (stored before statuses were
    checked: e.g. a lone surrogate, which no JSON answer can carry)."""
    if not text:
        return None
    try:
        status = json.loads(text)
        json.dumps(status, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return None
    return status if isinstance(status, dict) else None
