"""Rows as the domain's objects, and the base every query module builds on.

SQLite keeps times as UTC ISO text (to the microsecond, so text order is time order) and days
as ISO dates; each ``*_from_row`` turns a ``SELECT *`` row of its table into the frozen
domain object. ``Queries`` is what each query module (``tickets``, ``guests``,
``visit_records``, ``feedback``, ``reports``) needs of the open transaction.

The SQL of this package is written where it runs; each line of a plain SQL string ends with
``# pragma: no mutate``: mutmut would change its letter case, which SQLite ignores (see
docs/testing.md), while the Python around it (which statement, which arguments in which order,
how a row becomes an object) is mutated as any code. f-strings need no pragma (mutmut leaves
their text alone).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any

from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.queue.model import Call, FollowUp, GuestEntry, Ticket, TicketStatus, VisitNote


class Queries:
    """The connection of one open transaction (a write, or a reader's snapshot)."""

    _db: sqlite3.Connection
    # Set by every erasure: the store then checkpoints the WAL (see SqliteStore.transaction).
    erased: bool

    def _one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(sql, args).fetchone()
        return row

    def _all(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        return self._db.execute(sql, args).fetchall()

    def _count(self, sql: str, *args: Any) -> int:
        """The one number a ``SELECT COUNT(*) ...`` answers."""
        row = self._one(sql, *args)
        assert row is not None
        return int(row[0])


def stored_time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def read_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def marks(values: Collection[object]) -> str:
    """The ``?, ?, ?`` of an ``IN (...)`` list of these values."""
    return ",".join("?" for _ in values)


def ticket_from_row(row: sqlite3.Row) -> Ticket:
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
        called_at=read_time(row["called_at"]),
        recalls=row["recalls"],
        finished_at=read_time(row["finished_at"]),
        transferred_from=row["transferred_from"],
        transferred_to=row["transferred_to"],
        rating_code=row["rating_code"],
    )


def guest_from_row(row: sqlite3.Row) -> GuestEntry:
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


def call_from_row(row: sqlite3.Row) -> Call:
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


def note_from_row(row: sqlite3.Row) -> VisitNote:
    return VisitNote(row["ticket_id"], row["text"], row["author"],
                     datetime.fromisoformat(row["updated_at"]))


def follow_up_from_row(row: sqlite3.Row) -> FollowUp:
    return FollowUp(
        id=row["id"],
        ticket_id=row["ticket_id"],
        due_on=date.fromisoformat(row["due_on"]),
        note=row["note"],
        opened_by=row["opened_by"],
        opened_at=datetime.fromisoformat(row["opened_at"]),
        closed_at=read_time(row["closed_at"]),
        closed_by=row["closed_by"],
        closing_note=row["closing_note"],
    )


def rating_from_row(row: sqlite3.Row) -> Rating:
    answers = tuple(row[f"e{i}"] for i in range(1, 10))
    return Rating(
        id=row["id"], ticket_id=row["ticket_id"], day=date.fromisoformat(row["day"]),
        rated_at=datetime.fromisoformat(row["rated_at"]), overall=row["overall"],
        skm=None if answers[0] is None else answers, comment=row["comment"],
        channel=row["channel"],
    )


def complaint_from_row(row: sqlite3.Row) -> Complaint:
    return Complaint(
        id=row["id"], created_at=datetime.fromisoformat(row["created_at"]),
        ticket_id=row["ticket_id"], text=row["text"], contact_email=row["contact_email"],
        contact_phone=row["contact_phone"], channel=row["channel"],
        status=ComplaintStatus(row["status"]), reply=row["reply"],
        updated_at=read_time(row["updated_at"]), updated_by=row["updated_by"],
    )
