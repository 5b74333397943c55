"""SQLite storage: one file in the data directory, WAL mode, versioned schema.

Every use case that writes runs in one ``BEGIN IMMEDIATE`` transaction, so two kiosks taking
a ticket at the same instant are serialised and never get the same number, and a ticket is on
disk before the server answers for it. Reads (the phone page, the display, token checks) run
on separate read-only connections in a deferred transaction: WAL readers see a consistent
snapshot and never wait for the write lock, even when another process holds it.

A write waits at most ``WRITE_WAIT_SECONDS`` for the lock (ours, then SQLite's), then gives
up with :class:`StorageBusy`, so the kiosk hears "busy, retry" before its own 5 s timeout.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from shared.core.errors import StorageBusy, StorageFailed, StorageFull
from shared.core.ports.accounts import Account, DeviceInfo, NameTaken, UserInfo
from shared.core.queue.model import Call, FollowUp, GuestEntry, Ticket, TicketStatus, VisitNote
from shared.storage.sqlite.feedback import FEEDBACK_SCHEMA, FeedbackQueries

log = logging.getLogger("pst_antrian.storage")

DB_FILE = "pst-antrian.sqlite3"
# Rewritten whenever an account is disabled or a device revoked, so that a running server
# (another process than the command line) stops honouring the account at its next request.
ACCOUNTS_STAMP_FILE = "accounts.changed"
# Below the kiosk client's 5 s timeout, so a busy database is answered, not timed out.
WRITE_WAIT_SECONDS = 3.0
# Read-only connections kept for the server's threads (more are made while all are busy).
READERS_KEPT = 4

MIGRATIONS: tuple[str, ...] = (
    # 1: the queue, the guest book, accounts and devices
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('version', '0');
    CREATE TABLE guest_entries (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        id_type TEXT NOT NULL,
        id_masked TEXT,
        id_hash TEXT,
        name TEXT,
        email TEXT,
        phone TEXT,
        institution TEXT,
        occupation TEXT,
        purpose TEXT,
        consent_at TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        erased_at TEXT
    );
    CREATE INDEX guest_entries_hash ON guest_entries (id_hash, id);
    CREATE INDEX guest_entries_created ON guest_entries (created_at);
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        number TEXT NOT NULL,
        status TEXT NOT NULL,
        priority INTEGER NOT NULL,
        guest_entry_id INTEGER REFERENCES guest_entries (id),
        issued_at TEXT NOT NULL,
        desk TEXT,
        called_at TEXT,
        recalls INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT,
        transferred_from INTEGER REFERENCES tickets (id),
        transferred_to INTEGER REFERENCES tickets (id),
        UNIQUE (service, day, sequence)
    );
    CREATE INDEX tickets_day_status ON tickets (day, status, service, priority, issued_at);
    CREATE INDEX tickets_desk ON tickets (desk, status);
    CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id),
        number TEXT NOT NULL,
        service TEXT NOT NULL,
        desk TEXT NOT NULL,
        day TEXT NOT NULL,
        called_at TEXT NOT NULL,
        recall INTEGER NOT NULL
    );
    CREATE INDEX calls_day ON calls (day, id);
    CREATE TABLE idempotency (
        principal TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (principal, key)
    );
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        expires_at TEXT NOT NULL
    );
    CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        last_seen_at TEXT,
        status TEXT
    );
    """,
    # 2: ratings, complaints, and the officer who made each call (reports per officer)
    FEEDBACK_SCHEMA,
    # 3: request hashes of Idempotency-Keys were plain SHA-256 of the whole request (identity
    # number included): dropped, new ones are keyed. Open tickets found by status for the
    # day's end.
    """
    DELETE FROM idempotency;
    CREATE INDEX tickets_status_day ON tickets (status, day);
    """,
    # 4: the officers' records of a visit: a note, and follow-ups due the next working day
    """
    CREATE TABLE visit_notes (
        ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        due_on TEXT NOT NULL,
        note TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        closing_note TEXT
    );
    CREATE INDEX follow_ups_open ON follow_ups (closed_at, due_on);
    """,
    # complaints found by ticket (the daily limit per status token, an erasure) and by age
    # (the retention purge); ratings by age (the purge of old comments)
    """
    CREATE INDEX complaints_ticket ON complaints (ticket_id, created_at);
    CREATE INDEX complaints_created ON complaints (created_at);
    CREATE INDEX ratings_rated ON ratings (rated_at);
    """,
    # emails and phones in one form (shared.core.visitors.validation.canonical_email /
    # canonical_phone), so
    # a visitor's erasure finds complaints whose contact was typed differently: lower case
    # (SQLite's lower(): ASCII letters only, older non-ASCII addresses keep theirs), +62 as 0
    """
    UPDATE guest_entries SET email = lower(email) WHERE email != lower(email);
    UPDATE guest_entries SET phone = '0' || substr(phone, 4) WHERE phone LIKE '+62%';
    UPDATE complaints SET contact_email = lower(contact_email)
        WHERE contact_email != lower(contact_email);
    UPDATE complaints SET contact_phone = '0' || substr(contact_phone, 4)
        WHERE contact_phone LIKE '+62%'
    """,
    # the ticket's rating code, the proof of the visit a kiosk rating needs (older
    # tickets have none: they can be rated from the phone or the desk tablet only)
    """
    ALTER TABLE tickets ADD COLUMN rating_code TEXT NOT NULL DEFAULT '';
    """,
)


# The statements the store runs, by name. Module constants, apart from the functions, so that
# mutation testing (mutmut mutates code inside functions only) changes the Python around them,
# not their text: it would change the letter case of the SQL, which SQLite ignores (see
# docs/testing.md). The statements whose IN list grows with the arguments are built where they
# run (f-strings, which mutmut leaves alone too).

# --- the queue (SqliteTransaction) -------------------------------------------------------
NEXT_SEQUENCE = (
    "SELECT COALESCE(MAX(sequence), 0) + 1 FROM tickets WHERE service = ? AND day = ?"
)
ADD_GUEST = (
    "INSERT INTO guest_entries (created_at, id_type, id_masked, id_hash, name, email,"
    " phone, institution, occupation, purpose, consent_at, consent_version)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
GUEST = "SELECT * FROM guest_entries WHERE id = ?"
LATEST_GUEST = (
    "SELECT * FROM guest_entries WHERE id_hash = ? AND erased_at IS NULL"
    " ORDER BY id DESC LIMIT 1"
)
ADD_TICKET = (
    "INSERT INTO tickets (token, service, day, sequence, number, status, priority,"
    " guest_entry_id, issued_at, transferred_from, rating_code)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SAVE_TICKET = (
    "UPDATE tickets SET status = ?, desk = ?, called_at = ?, recalls = ?,"
    " finished_at = ?, transferred_to = ? WHERE id = ?"
)
TICKET = "SELECT * FROM tickets WHERE id = ?"
TICKET_BY_TOKEN = "SELECT * FROM tickets WHERE token = ?"
TICKETS_OF_DAY = "SELECT * FROM tickets WHERE day = ? ORDER BY id LIMIT ? OFFSET ?"
TICKETS_OF_DAY_IN_STATUS = (
    "SELECT * FROM tickets WHERE day = ? AND status = ? ORDER BY id LIMIT ? OFFSET ?"
)
# Three index range counts (priority above; same priority issued earlier; same instant, lower
# id) instead of one OR'd condition, which would scan the whole queue.
_WAITING_HERE = "SELECT COUNT(*) FROM tickets WHERE day = ? AND status = 'waiting' AND service = ?"
COUNT_AHEAD = (
    f"SELECT ({_WAITING_HERE} AND priority > ?)"
    f" + ({_WAITING_HERE} AND priority = ? AND issued_at < ?)"
    f" + ({_WAITING_HERE} AND priority = ? AND issued_at = ? AND id < ?)"
)
AT_DESK = (
    "SELECT * FROM tickets WHERE desk = ? AND status = 'called' AND day = ?"
    " ORDER BY called_at DESC LIMIT 1"
)
SERVICE_TIMES = (
    "SELECT called_at, finished_at FROM tickets WHERE day = ? AND service = ?"
    " AND status = 'done' AND called_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?"
)
OPEN_TICKETS_OF = (
    "SELECT COUNT(*) FROM tickets t JOIN guest_entries g ON g.id = t.guest_entry_id"
    " WHERE g.id_hash = ? AND t.day = ? AND t.status IN ('waiting', 'called')"
)
OPEN_TICKETS_BEFORE = (
    "SELECT * FROM tickets WHERE status IN ('waiting', 'called') AND day < ? ORDER BY id"
)
ADD_CALL = (
    "INSERT INTO calls (ticket_id, number, service, desk, day, called_at, recall,"
    " officer) VALUES (?, ?, ?, ?, (SELECT day FROM tickets WHERE id = ?), ?, ?, ?)"
)
RECENT_CALLS = "SELECT * FROM calls WHERE day = ? ORDER BY id DESC LIMIT ?"
IDEMPOTENT_TICKET = (
    "SELECT request_hash, ticket_id FROM idempotency WHERE principal = ? AND key = ?"
)
REMEMBER_IDEMPOTENT = (
    "INSERT INTO idempotency (principal, key, request_hash, ticket_id, created_at)"
    " VALUES (?, ?, ?, ?, ?)"
)
BUMP_VERSION = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'"
VERSION = "SELECT value FROM meta WHERE key = 'version'"
ERASE_GUESTS_BEFORE = (
    "UPDATE guest_entries SET id_masked = NULL, id_hash = NULL, name = NULL,"
    " email = NULL, phone = NULL, institution = NULL, erased_at = ?"
    " WHERE created_at < ? AND erased_at IS NULL"
)
FORGET_IDEMPOTENCY_BEFORE = "DELETE FROM idempotency WHERE created_at < ?"
SAVE_NOTE = (
    "INSERT INTO visit_notes (ticket_id, text, author, updated_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (ticket_id) DO UPDATE SET text = excluded.text,"
    " author = excluded.author, updated_at = excluded.updated_at"
)
ADD_FOLLOW_UP = (
    "INSERT INTO follow_ups (ticket_id, due_on, note, opened_by, opened_at)"
    " VALUES (?, ?, ?, ?, ?)"
)
SAVE_FOLLOW_UP = (
    "UPDATE follow_ups SET closed_at = ?, closed_by = ?, closing_note = ? WHERE id = ?"
)
FOLLOW_UP = "SELECT * FROM follow_ups WHERE id = ?"
OPEN_FOLLOW_UPS = "SELECT * FROM follow_ups WHERE closed_at IS NULL ORDER BY due_on, id LIMIT ?"
CLOSED_FOLLOW_UPS = (
    "SELECT * FROM follow_ups WHERE closed_at IS NOT NULL ORDER BY closed_at DESC LIMIT ?"
)
FOLLOW_UP_COUNTS = (
    "SELECT COUNT(*), COALESCE(SUM(due_on < ?), 0) FROM follow_ups WHERE closed_at IS NULL"
)
TICKETS_BETWEEN = (
    "SELECT * FROM tickets WHERE day BETWEEN ? AND ? ORDER BY day, id LIMIT ? OFFSET ?"
)
ERASE_NOTES_BEFORE = (
    "DELETE FROM visit_notes WHERE ticket_id IN (SELECT id FROM tickets WHERE day < ?)"
)
ERASE_FOLLOW_UP_NOTES_BEFORE = (
    "UPDATE follow_ups SET note = '', closing_note = NULL WHERE ticket_id IN"
    " (SELECT id FROM tickets WHERE day < ?) AND (note != '' OR closing_note IS NOT NULL)"
)

# --- the connection and its transactions (SqliteStore) -----------------------------------
WAL_MODE = "PRAGMA journal_mode = WAL"
# FULL: a ticket the server acknowledged survives a power cut, not only a crash.
SYNCHRONOUS_FULL = "PRAGMA synchronous = FULL"
SYNCHRONOUS_NORMAL = "PRAGMA synchronous = NORMAL"
FOREIGN_KEYS_ON = "PRAGMA foreign_keys = ON"
# Erased guest-book data is overwritten on disk, not only unlinked from the b-tree.
SECURE_DELETE_ON = "PRAGMA secure_delete = ON"
# Small page caches: the file is in the OS's cache anyway, and each connection's own cache
# only grows with the file (measured in the soak: server memory grew with it). 1 MiB for the
# writer, 256 KiB for each reader.
WRITER_CACHE = "PRAGMA cache_size = -1024"
READER_CACHE = "PRAGMA cache_size = -256"
QUERY_ONLY = "PRAGMA query_only = ON"
SCHEMA_VERSION = "PRAGMA user_version"
BEGIN_WRITE = "BEGIN IMMEDIATE"
BEGIN_READ = "BEGIN"
COMMIT = "COMMIT"
ROLLBACK = "ROLLBACK"
CHECKPOINT_WAIT = "PRAGMA busy_timeout = 1000"
CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)"

# --- accounts (SqliteStore) ----------------------------------------------------------------
ADD_USER = (
    "INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)"
)
USERS = "SELECT id, username, role, active, created_at FROM users ORDER BY username"
DISABLE_USER = "UPDATE users SET active = 0 WHERE username = ?"
SET_PASSWORD = "UPDATE users SET password_hash = ? WHERE username = ?"
DROP_SESSIONS_OF_USER = (
    "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = ?)"
)
DROP_SESSION = "DELETE FROM sessions WHERE token_hash = ?"
REVOKE_DEVICE = "UPDATE devices SET active = 0 WHERE name = ? AND active = 1"
USER_CREDENTIALS = (
    "SELECT id, role, password_hash FROM users WHERE username = ? AND active = 1"
)
ADD_SESSION = "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)"
SESSION_ACCOUNT = (
    "SELECT u.id, u.username, u.role, s.expires_at FROM sessions s"
    " JOIN users u ON u.id = s.user_id"
    " WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1"
)
DROP_EXPIRED_SESSIONS = "DELETE FROM sessions WHERE expires_at <= ?"
# A revoked device's name can be registered again (a replaced kiosk): same row, new token,
# its old status forgotten. RETURNING gives that row's id (lastrowid is not set by an upsert
# that updates: it would be the connection's previous insert, another row).
ADD_DEVICE = (
    "INSERT INTO devices (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET role = excluded.role,"
    " token_hash = excluded.token_hash, created_at = excluded.created_at,"
    " active = 1, last_seen_at = NULL, status = NULL WHERE active = 0 RETURNING id"
)
DEVICE_ACCOUNT = "SELECT id, name, role FROM devices WHERE token_hash = ? AND active = 1"
SET_DEVICE_STATUS = "UPDATE devices SET status = ?, last_seen_at = ? WHERE id = ?"
DEVICES = "SELECT * FROM devices WHERE active = 1 ORDER BY name"


def _ts(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _ticket(row: sqlite3.Row) -> Ticket:
    return Ticket(
        id=row["id"],
        token=row["token"],
        service=row["service"],
        day=date.fromisoformat(row["day"]),
        sequence=row["sequence"],
        number=row["number"],
        status=TicketStatus(row["status"]),
        priority=bool(row["priority"]),
        guest_entry_id=row["guest_entry_id"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        desk=row["desk"],
        called_at=_dt(row["called_at"]),
        recalls=row["recalls"],
        finished_at=_dt(row["finished_at"]),
        transferred_from=row["transferred_from"],
        transferred_to=row["transferred_to"],
        rating_code=row["rating_code"],
    )


def _guest(row: sqlite3.Row) -> GuestEntry:
    return GuestEntry(
        id=row["id"],
        created_at=datetime.fromisoformat(row["created_at"]),
        id_type=row["id_type"],
        id_masked=row["id_masked"] or "",
        id_hash=row["id_hash"] or "",
        name=row["name"] or "",
        email=row["email"] or "",
        phone=row["phone"],
        institution=row["institution"],
        occupation=row["occupation"] or "",
        purpose=row["purpose"] or "",
        consent_at=datetime.fromisoformat(row["consent_at"]),
        consent_version=row["consent_version"],
    )


def _call(row: sqlite3.Row) -> Call:
    return Call(
        id=row["id"],
        ticket_id=row["ticket_id"],
        number=row["number"],
        service=row["service"],
        desk=row["desk"],
        called_at=datetime.fromisoformat(row["called_at"]),
        recall=bool(row["recall"]),
        officer=row["officer"],
    )


def _follow_up(row: sqlite3.Row) -> FollowUp:
    return FollowUp(
        id=row["id"],
        ticket_id=row["ticket_id"],
        due_on=date.fromisoformat(row["due_on"]),
        note=row["note"],
        opened_by=row["opened_by"],
        opened_at=datetime.fromisoformat(row["opened_at"]),
        closed_at=_dt(row["closed_at"]),
        closed_by=row["closed_by"],
        closing_note=row["closing_note"],
    )


# For the feedback queries (shared.storage.sqlite.feedback), which read tickets and guests too.
ticket_from_row = _ticket
guest_from_row = _guest


def _marks(values: Collection[object]) -> str:
    return ",".join("?" for _ in values)


class SqliteTransaction(FeedbackQueries):
    """The queue's reads and writes inside one open SQLite transaction."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self.erased = False

    def _one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(sql, args).fetchone()
        return row

    def _all(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        return self._db.execute(sql, args).fetchall()

    def next_sequence(self, service: str, day: date) -> int:
        row = self._one(NEXT_SEQUENCE, service, day.isoformat())
        assert row is not None
        return int(row[0])

    def add_guest(self, entry: GuestEntry) -> GuestEntry:
        cursor = self._db.execute(
            ADD_GUEST,
            (
                _ts(entry.created_at), entry.id_type, entry.id_masked, entry.id_hash,
                entry.name, entry.email, entry.phone, entry.institution, entry.occupation,
                entry.purpose, _ts(entry.consent_at), entry.consent_version,
            ),
        )
        return GuestEntry(**{**entry.__dict__, "id": cursor.lastrowid})

    def guest(self, entry_id: int) -> GuestEntry | None:
        row = self._one(GUEST, entry_id)
        return _guest(row) if row else None

    def latest_guest(self, id_hash: str) -> GuestEntry | None:
        row = self._one(LATEST_GUEST, id_hash)
        return _guest(row) if row else None

    def add_ticket(self, ticket: Ticket) -> Ticket:
        cursor = self._db.execute(
            ADD_TICKET,
            (
                ticket.token, ticket.service, ticket.day.isoformat(), ticket.sequence,
                ticket.number, ticket.status.value, int(ticket.priority),
                ticket.guest_entry_id, _ts(ticket.issued_at), ticket.transferred_from,
                ticket.rating_code,
            ),
        )
        return Ticket(**{**ticket.__dict__, "id": cursor.lastrowid})

    def save_ticket(self, ticket: Ticket) -> None:
        self._db.execute(
            SAVE_TICKET,
            (
                ticket.status.value, ticket.desk, _ts(ticket.called_at), ticket.recalls,
                _ts(ticket.finished_at), ticket.transferred_to, ticket.id,
            ),
        )

    def ticket(self, ticket_id: int) -> Ticket | None:
        row = self._one(TICKET, ticket_id)
        return _ticket(row) if row else None

    def ticket_by_token(self, token: str) -> Ticket | None:
        row = self._one(TICKET_BY_TOKEN, token)
        return _ticket(row) if row else None

    def tickets(
        self,
        day: date,
        status: TicketStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Ticket]:
        page = (-1 if limit is None else limit, offset)
        if status is None:
            rows = self._all(TICKETS_OF_DAY, day.isoformat(), *page)
        else:
            rows = self._all(TICKETS_OF_DAY_IN_STATUS, day.isoformat(), status.value, *page)
        return [_ticket(r) for r in rows]

    def waiting(self, services: Collection[str], day: date) -> list[Ticket]:
        rows = self._all(
            f"SELECT * FROM tickets WHERE day = ? AND status = 'waiting'"
            f" AND service IN ({_marks(services)}) ORDER BY id",
            day.isoformat(),
            *services,
        )
        return [_ticket(r) for r in rows]

    def front_of_queue(self, services: Collection[str], day: date) -> list[Ticket]:
        # The SQL twin of queue_rules.call_order (ORDER BY issued_at, id): they must agree.
        found = []
        for priority in (1, 0):
            row = self._one(
                f"SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND priority = ?"
                f" AND service IN ({_marks(services)}) ORDER BY issued_at, id LIMIT 1",
                day.isoformat(), priority, *services,
            )
            if row is not None:
                found.append(_ticket(row))
        return found

    def count_ahead(self, ticket: Ticket) -> int:
        # The SQL twin of queue_rules.call_order (as is front_of_queue): they must agree.
        key = (ticket.day.isoformat(), ticket.service)
        priority, issued = int(ticket.priority), _ts(ticket.issued_at)
        row = self._one(
            COUNT_AHEAD,
            *key, priority, *key, priority, issued, *key, priority, issued, ticket.id,
        )
        assert row is not None
        return int(row[0])

    def waiting_counts(self, services: Collection[str], day: date) -> dict[str, int]:
        rows = self._all(
            f"SELECT service, COUNT(*) FROM tickets WHERE day = ? AND status = 'waiting'"
            f" AND service IN ({_marks(services)}) GROUP BY service",
            day.isoformat(), *services,
        )
        counts = {service: 0 for service in services}
        counts.update({r[0]: int(r[1]) for r in rows})
        return counts

    def at_desk(self, desk: str, day: date) -> Ticket | None:
        row = self._one(AT_DESK, desk, day.isoformat())
        return _ticket(row) if row else None

    def first_calls_priority(self, services: Collection[str], day: date, n: int) -> list[bool]:
        rows = self._all(
            f"SELECT t.priority FROM calls c JOIN tickets t ON t.id = c.ticket_id"
            f" WHERE c.day = ? AND c.recall = 0 AND c.service IN ({_marks(services)})"
            f" ORDER BY c.id DESC LIMIT ?",
            day.isoformat(),
            *services,
            n,
        )
        return [bool(r[0]) for r in rows]

    def service_minutes(self, service: str, day: date, n: int) -> list[float]:
        rows = self._all(SERVICE_TIMES, day.isoformat(), service, n)
        return [
            (datetime.fromisoformat(r[1]) - datetime.fromisoformat(r[0])).total_seconds() / 60
            for r in rows
        ]

    def open_tickets_of(self, id_hash: str, day: date) -> int:
        row = self._one(OPEN_TICKETS_OF, id_hash, day.isoformat())
        assert row is not None
        return int(row[0])

    def open_tickets_before(self, day: date) -> list[Ticket]:
        rows = self._all(OPEN_TICKETS_BEFORE, day.isoformat())
        return [_ticket(r) for r in rows]

    def add_call(self, call: Call) -> Call:
        cursor = self._db.execute(
            ADD_CALL,
            (
                call.ticket_id, call.number, call.service, call.desk, call.ticket_id,
                _ts(call.called_at), int(call.recall), call.officer,
            ),
        )
        return Call(**{**call.__dict__, "id": cursor.lastrowid})

    def recent_calls(self, day: date, n: int) -> list[Call]:
        rows = self._all(RECENT_CALLS, day.isoformat(), n)
        return [_call(r) for r in rows]

    def idempotent_ticket(self, principal: str, key: str) -> tuple[str, int] | None:
        row = self._one(IDEMPOTENT_TICKET, principal, key)
        return (row[0], int(row[1])) if row else None

    def remember_idempotent(
        self, principal: str, key: str, request_hash: str, ticket_id: int, at: datetime
    ) -> None:
        self._db.execute(
            REMEMBER_IDEMPOTENT, (principal, key, request_hash, ticket_id, _ts(at))
        )

    def bump_version(self) -> int:
        self._db.execute(BUMP_VERSION)
        return self.version()

    def version(self) -> int:
        row = self._one(VERSION)
        assert row is not None
        return int(row[0])

    def erase_guests_before(self, cutoff: datetime, at: datetime) -> int:
        self.erased = True
        cursor = self._db.execute(ERASE_GUESTS_BEFORE, (_ts(at), _ts(cutoff)))
        return cursor.rowcount

    def forget_idempotency_before(self, cutoff: datetime) -> int:
        cursor = self._db.execute(FORGET_IDEMPOTENCY_BEFORE, (_ts(cutoff),))
        return cursor.rowcount


    # --- the officers' records of a visit ------------------------------------------------

    def note(self, ticket_id: int) -> VisitNote | None:
        return self.notes([ticket_id]).get(ticket_id)

    def notes(self, ticket_ids: Collection[int]) -> dict[int, VisitNote]:
        if not ticket_ids:
            return {}
        rows = self._all(
            f"SELECT * FROM visit_notes WHERE ticket_id IN ({_marks(ticket_ids)})", *ticket_ids
        )
        return {
            r["ticket_id"]: VisitNote(r["ticket_id"], r["text"], r["author"],
                                      datetime.fromisoformat(r["updated_at"]))
            for r in rows
        }

    def save_note(self, note: VisitNote) -> None:
        self._db.execute(
            SAVE_NOTE,
            (note.ticket_id, note.text, note.author, _ts(note.updated_at)),
        )

    def add_follow_up(self, follow_up: FollowUp) -> FollowUp:
        cursor = self._db.execute(
            ADD_FOLLOW_UP,
            (follow_up.ticket_id, follow_up.due_on.isoformat(), follow_up.note,
             follow_up.opened_by, _ts(follow_up.opened_at)),
        )
        return FollowUp(**{**follow_up.__dict__, "id": cursor.lastrowid})

    def save_follow_up(self, follow_up: FollowUp) -> None:
        self._db.execute(
            SAVE_FOLLOW_UP,
            (_ts(follow_up.closed_at), follow_up.closed_by, follow_up.closing_note,
             follow_up.id),
        )

    def follow_up(self, follow_up_id: int) -> FollowUp | None:
        row = self._one(FOLLOW_UP, follow_up_id)
        return _follow_up(row) if row else None

    def follow_ups_of(self, ticket_ids: Collection[int]) -> dict[int, FollowUp]:
        if not ticket_ids:
            return {}
        rows = self._all(
            f"SELECT * FROM follow_ups WHERE ticket_id IN ({_marks(ticket_ids)})", *ticket_ids
        )
        return {r["ticket_id"]: _follow_up(r) for r in rows}

    def follow_ups(self, open_only: bool, limit: int) -> list[FollowUp]:
        sql = OPEN_FOLLOW_UPS if open_only else CLOSED_FOLLOW_UPS
        return [_follow_up(r) for r in self._all(sql, limit)]

    def follow_up_counts(self, today: date) -> tuple[int, int]:
        row = self._one(FOLLOW_UP_COUNTS, today.isoformat())
        assert row is not None
        return int(row[0]), int(row[1])

    def tickets_between(self, first: date, last: date, limit: int | None = None,
                        offset: int = 0) -> list[Ticket]:
        rows = self._all(TICKETS_BETWEEN, first.isoformat(), last.isoformat(),
                         -1 if limit is None else limit, offset)
        return [_ticket(r) for r in rows]

    def erase_visit_notes_before(self, cutoff: datetime) -> int:
        """Notes may name the visitor: they go with the guest-book data they describe."""
        self.erased = True
        day = cutoff.date().isoformat()
        erased = self._db.execute(ERASE_NOTES_BEFORE, (day,)).rowcount
        erased += self._db.execute(ERASE_FOLLOW_UP_NOTES_BEFORE, (day,)).rowcount
        return erased


class SqliteStore:
    """The SQLite file of one office. Safe to share between the server's threads."""

    def __init__(self, data_dir: Path, durable: bool = True):
        self.path = data_dir / DB_FILE
        self._stamp_path = data_dir / ACCOUNTS_STAMP_FILE
        _private_files(data_dir, self.path)
        self._durable = durable
        self._db = self._connect()
        self._db.execute(WAL_MODE)
        self._lock = threading.Lock()
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._closed = False
        self._migrate()

    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False,
            timeout=WRITE_WAIT_SECONDS,
        )
        db.row_factory = sqlite3.Row
        # FULL: a ticket the server acknowledged survives a power cut, not only a crash.
        db.execute(SYNCHRONOUS_FULL if self._durable else SYNCHRONOUS_NORMAL)
        db.execute(FOREIGN_KEYS_ON)
        db.execute(SECURE_DELETE_ON)
        db.execute(READER_CACHE if read_only else WRITER_CACHE)
        if read_only:
            db.execute(QUERY_ONLY)
        return db

    @property
    def schema_version(self) -> int:
        return int(self._read(SCHEMA_VERSION)[0][0])

    def _migrate(self) -> None:
        with self.transaction():
            current = int(self._db.execute(SCHEMA_VERSION).fetchone()[0])
            for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[SqliteTransaction]:
        """One write transaction; committed when the block ends, rolled back if it raises
        (or if the COMMIT itself fails, e.g. on a full disk)."""
        deadline = time.monotonic() + WRITE_WAIT_SECONDS
        if not self._lock.acquire(timeout=WRITE_WAIT_SECONDS):
            raise StorageBusy()
        try:
            left_ms = max(1, int((deadline - time.monotonic()) * 1000))
            self._db.execute(f"PRAGMA busy_timeout = {left_ms}")
            try:
                self._db.execute(BEGIN_WRITE)
            except sqlite3.OperationalError as exc:
                raise _storage_error(exc) from exc
            tx = SqliteTransaction(self._db)
            try:
                yield tx
                self._db.execute(COMMIT)
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute(ROLLBACK)
                if isinstance(exc, sqlite3.OperationalError):
                    raise _storage_error(exc) from exc
                raise
            if tx.erased:
                self._checkpoint()
        finally:
            self._lock.release()

    def _checkpoint(self) -> None:
        """After an erasure: the WAL still holds copies of the pages from before it (names,
        contacts) until a checkpoint; copy it into the database file (whose freed content
        secure_delete overwrites) and empty it. Readers in progress may delay this; then the
        next erasure or the server's stop finishes it. (Writers wait meanwhile: at most 1 s.)"""
        self._db.execute(CHECKPOINT_WAIT)
        busy, _, _ = self._db.execute(CHECKPOINT).fetchone()
        if busy:
            log.warning("erased data may stay in the write-ahead log until the next checkpoint")

    @contextmanager
    def snapshot(self) -> Iterator[SqliteTransaction]:
        """A consistent read-only view of the queue that never waits for a writer."""
        try:
            reader = self._readers.get_nowait()
        except queue.Empty:
            reader = self._connect(read_only=True)
        try:
            reader.execute(BEGIN_READ)
            try:
                yield SqliteTransaction(reader)
            finally:
                if reader.in_transaction:
                    reader.execute(COMMIT)
        except sqlite3.OperationalError as exc:
            reader.close()
            raise _storage_error(exc) from exc
        except BaseException:
            self._keep_reader(reader)
            raise
        self._keep_reader(reader)

    def _keep_reader(self, reader: sqlite3.Connection) -> None:
        if self._closed or self._readers.qsize() >= READERS_KEPT:
            reader.close()
        else:
            self._readers.put(reader)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()
        while not self._readers.empty():
            self._readers.get_nowait().close()

    # --- accounts -------------------------------------------------------------------------

    def _write(self, sql: str, *args: Any) -> sqlite3.Cursor:
        with self.transaction():
            return self._db.execute(sql, args)

    def _read(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with self.snapshot() as tx:
            return tx._all(sql, *args)

    def add_user(self, username: str, role: str, password_hash: str, at: datetime) -> int:
        try:
            cursor = self._write(ADD_USER, username, role, password_hash, _ts(at))
        except sqlite3.IntegrityError as exc:
            raise NameTaken(username) from exc
        return int(cursor.lastrowid or 0)

    def users(self) -> list[UserInfo]:
        rows = self._read(USERS)
        return [
            UserInfo(r["id"], r["username"], r["role"], bool(r["active"]),
                     datetime.fromisoformat(r["created_at"]))
            for r in rows
        ]

    def disable_user(self, username: str) -> bool:
        with self.transaction():
            changed = self._db.execute(DISABLE_USER, (username,)).rowcount
            self._db.execute(DROP_SESSIONS_OF_USER, (username,))
        self._touch_accounts_stamp()
        return changed > 0

    def set_password(self, username: str, password_hash: str) -> bool:
        with self.transaction():
            changed = self._db.execute(SET_PASSWORD, (password_hash, username)).rowcount
            self._db.execute(DROP_SESSIONS_OF_USER, (username,))
        self._touch_accounts_stamp()
        return changed > 0

    def drop_session(self, token_hash: str) -> None:
        self._write(DROP_SESSION, token_hash)

    def revoke_device(self, name: str) -> bool:
        changed = self._write(REVOKE_DEVICE, name).rowcount
        self._touch_accounts_stamp()
        return changed > 0

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

    def user_credentials(self, username: str) -> tuple[int, str, str] | None:
        rows = self._read(USER_CREDENTIALS, username)
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def add_session(self, token_hash: str, user_id: int, expires_at: datetime) -> None:
        self._write(ADD_SESSION, token_hash, user_id, _ts(expires_at))

    def session_account(self, token_hash: str, now: datetime) -> Account | None:
        rows = self._read(SESSION_ACCOUNT, token_hash, _ts(now))
        if not rows:
            return None
        return Account("user", rows[0][0], rows[0][1], rows[0][2], _dt(rows[0][3]))

    def drop_expired_sessions(self, now: datetime) -> int:
        return self._write(DROP_EXPIRED_SESSIONS, _ts(now)).rowcount

    def add_device(self, name: str, role: str, token_hash: str, at: datetime) -> int:
        try:
            with self.transaction():
                row = self._db.execute(ADD_DEVICE, (name, role, token_hash, _ts(at))).fetchone()
        except sqlite3.IntegrityError as exc:
            raise NameTaken(name) from exc
        if row is None:  # the name is an active device's
            raise NameTaken(name)
        return int(row[0])

    def device_account(self, token_hash: str, now: datetime) -> Account | None:
        rows = self._read(DEVICE_ACCOUNT, token_hash)
        return Account("device", rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def set_device_status(self, device_id: int, status: dict[str, object], at: datetime) -> None:
        self._write(SET_DEVICE_STATUS, json.dumps(status), _ts(at), device_id)

    def devices(self) -> list[DeviceInfo]:
        rows = self._read(DEVICES)
        return [
            DeviceInfo(
                id=r["id"],
                name=r["name"],
                role=r["role"],
                created_at=datetime.fromisoformat(r["created_at"]),
                last_seen_at=_dt(r["last_seen_at"]),
                status=_stored_status(r["status"]),
            )
            for r in rows
        ]


def _private_files(data_dir: Path, db_file: Path) -> None:
    """The data directory only its owner can enter (0700); the database files 0600."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)
    if not db_file.exists():
        os.close(os.open(db_file, os.O_WRONLY | os.O_CREAT, 0o600))
    for path in (db_file, db_file.with_name(db_file.name + "-wal"),
                 db_file.with_name(db_file.name + "-shm")):
        if path.exists():
            os.chmod(path, 0o600)


def _storage_error(exc: sqlite3.OperationalError) -> Exception:
    """SQLite's failure as the error the edge reports: busy, full, or broken."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageBusy()
    if "full" in text or "disk i/o" in text:
        return StorageFull()
    return StorageFailed()


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
