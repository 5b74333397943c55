"""SQLite reads and writes for ratings, complaints, reports and one visitor's data.

Mixed into ``shared.storage.sqlite.store.SqliteTransaction``; the schema is ``FEEDBACK_SCHEMA``,
one of the store's migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any

from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.queue.model import GuestEntry, Ticket
from shared.storage.sqlite.reports import ReportQueries

ERASED_TEXT = "(dihapus atas permintaan / erased on request)"
EXPIRED_TEXT = "(dihapus, masa simpan berakhir / erased, retention period over)"

FEEDBACK_SCHEMA = """
    CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        day TEXT NOT NULL,
        rated_at TEXT NOT NULL,
        overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 4),
        e1 INTEGER, e2 INTEGER, e3 INTEGER, e4 INTEGER, e5 INTEGER,
        e6 INTEGER, e7 INTEGER, e8 INTEGER, e9 INTEGER,
        comment TEXT,
        channel TEXT NOT NULL
    );
    CREATE INDEX ratings_day ON ratings (day);
    CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        ticket_id INTEGER REFERENCES tickets (id),
        text TEXT NOT NULL,
        contact_email TEXT,
        contact_phone TEXT,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        reply TEXT,
        updated_at TEXT,
        updated_by TEXT,
        erased_at TEXT
    );
    CREATE INDEX complaints_status ON complaints (status, id);
    ALTER TABLE calls ADD COLUMN officer TEXT;
    CREATE INDEX tickets_guest ON tickets (guest_entry_id)
"""

_ELEMENTS = ", ".join(f"e{i}" for i in range(1, 10))
# Minutes between two stored timestamps, to the millisecond (julianday alone leaves 9.99999).


def _ts(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="microseconds") if moment else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _marks(values: Collection[object]) -> str:
    return ",".join("?" for _ in values)


def _rating(row: sqlite3.Row) -> Rating:
    answers = tuple(row[f"e{i}"] for i in range(1, 10))
    return Rating(
        id=row["id"], ticket_id=row["ticket_id"], day=date.fromisoformat(row["day"]),
        rated_at=datetime.fromisoformat(row["rated_at"]), overall=row["overall"],
        skm=None if answers[0] is None else answers, comment=row["comment"],
        channel=row["channel"],
    )


def _complaint(row: sqlite3.Row) -> Complaint:
    return Complaint(
        id=row["id"], created_at=datetime.fromisoformat(row["created_at"]),
        ticket_id=row["ticket_id"], text=row["text"], contact_email=row["contact_email"],
        contact_phone=row["contact_phone"], channel=row["channel"],
        status=ComplaintStatus(row["status"]), reply=row["reply"],
        updated_at=_dt(row["updated_at"]), updated_by=row["updated_by"],
    )


class FeedbackQueries(ReportQueries):
    """The feedback half of a SQLite transaction (needs the connection in ``_db``)."""

    _db: sqlite3.Connection
    # Set by every erasure: the store then checkpoints the WAL (see SqliteStore.transaction).
    erased: bool

    def _rows(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        return self._db.execute(sql, args).fetchall()

    # --- ratings --------------------------------------------------------------------------

    def add_rating(self, rating: Rating) -> Rating:
        answers = list(rating.skm) if rating.skm else [None] * 9
        cursor = self._db.execute(
            f"INSERT INTO ratings (ticket_id, day, rated_at, overall, {_ELEMENTS}, comment,"
            f" channel) VALUES (?, ?, ?, ?, {_marks(answers)}, ?, ?)",
            (rating.ticket_id, rating.day.isoformat(), _ts(rating.rated_at), rating.overall,
             *answers, rating.comment, rating.channel),
        )
        return Rating(**{**rating.__dict__, "id": cursor.lastrowid})

    def rating_of(self, ticket_id: int) -> Rating | None:
        rows = self._rows("SELECT * FROM ratings WHERE ticket_id = ?", ticket_id)
        return _rating(rows[0]) if rows else None

    def ratings_between(self, first: date, last: date) -> list[Rating]:
        rows = self._rows("SELECT * FROM ratings WHERE day BETWEEN ? AND ? ORDER BY day, id",
                          first.isoformat(), last.isoformat())
        return [_rating(r) for r in rows]

    def skm_sums(self, first: date, last: date) -> tuple[int, list[int]]:
        sums = ", ".join(f"COALESCE(SUM(e{i}), 0)" for i in range(1, 10))
        row = self._rows(
            f"SELECT COUNT(*), {sums} FROM ratings WHERE day BETWEEN ? AND ?"
            f" AND e1 IS NOT NULL",
            first.isoformat(), last.isoformat(),
        )[0]
        return int(row[0]), [int(v) for v in tuple(row)[1:]]

    def face_counts(self, first: date, last: date) -> list[int]:
        rows = self._rows(
            "SELECT overall, COUNT(*) FROM ratings WHERE day BETWEEN ? AND ? GROUP BY overall",
            first.isoformat(), last.isoformat(),
        )
        counts = dict((int(r[0]), int(r[1])) for r in rows)
        return [counts.get(face, 0) for face in (1, 2, 3, 4)]

    def finished_tickets(self, day: date, desk: str | None = None) -> list[Ticket]:
        from shared.storage.sqlite.store import ticket_from_row

        sql = "SELECT * FROM tickets WHERE day = ? AND status = 'done'"
        args: list[Any] = [day.isoformat()]
        if desk is not None:
            sql += " AND desk = ?"
            args.append(desk)
        rows = self._rows(sql + " ORDER BY finished_at DESC, id DESC", *args)
        return [ticket_from_row(r) for r in rows]

    def day_tickets(self, day: date) -> list[Ticket]:
        from shared.storage.sqlite.store import ticket_from_row

        rows = self._rows("SELECT * FROM tickets WHERE day = ? ORDER BY issued_at DESC, id DESC",
                          day.isoformat())
        return [ticket_from_row(r) for r in rows]

    # --- complaints -----------------------------------------------------------------------

    def add_complaint(self, complaint: Complaint) -> Complaint:
        cursor = self._db.execute(
            "INSERT INTO complaints (created_at, ticket_id, text, contact_email, contact_phone,"
            " channel, status, reply, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            (_ts(complaint.created_at), complaint.ticket_id, complaint.text,
             complaint.contact_email, complaint.contact_phone, complaint.channel,
             complaint.status.value, complaint.reply, _ts(complaint.updated_at),
             complaint.updated_by),
        )
        return Complaint(**{**complaint.__dict__, "id": cursor.lastrowid})

    def save_complaint(self, complaint: Complaint) -> None:
        self._db.execute(
            "UPDATE complaints SET status = ?, reply = ?, updated_at = ?, updated_by = ?"
            " WHERE id = ?",
            (complaint.status.value, complaint.reply, _ts(complaint.updated_at),
             complaint.updated_by, complaint.id),
        )

    def complaint(self, complaint_id: int) -> Complaint | None:
        rows = self._rows("SELECT * FROM complaints WHERE id = ?", complaint_id)
        return _complaint(rows[0]) if rows else None

    def complaints(self, status: ComplaintStatus | None, limit: int, offset: int
                   ) -> list[Complaint]:
        sql, args = "SELECT * FROM complaints", []
        if status is not None:
            sql += " WHERE status = ?"
            args.append(status.value)
        rows = self._rows(sql + " ORDER BY id DESC LIMIT ? OFFSET ?", *args, limit, offset)
        return [_complaint(r) for r in rows]

    def complaint_counts(self) -> dict[ComplaintStatus, int]:
        rows = self._rows("SELECT status, COUNT(*) FROM complaints GROUP BY status")
        return {ComplaintStatus(r[0]): int(r[1]) for r in rows}

    # --- reports --------------------------------------------------------------------------

    # --- one visitor's personal data ------------------------------------------------------

    def guests_by_hash(self, id_hash: str) -> list[GuestEntry]:
        from shared.storage.sqlite.store import guest_from_row

        rows = self._rows(
            "SELECT * FROM guest_entries WHERE id_hash = ? AND erased_at IS NULL ORDER BY id",
            id_hash,
        )
        return [guest_from_row(r) for r in rows]

    def tickets_of_guests(self, entry_ids: Collection[int]) -> list[Ticket]:
        from shared.storage.sqlite.store import ticket_from_row

        rows = self._rows(
            f"SELECT * FROM tickets WHERE guest_entry_id IN ({_marks(entry_ids)}) ORDER BY id",
            *entry_ids,
        )
        return [ticket_from_row(r) for r in rows]

    def ratings_of(self, ticket_ids: Collection[int]) -> list[Rating]:
        rows = self._rows(
            f"SELECT * FROM ratings WHERE ticket_id IN ({_marks(ticket_ids)}) ORDER BY id",
            *ticket_ids,
        )
        return [_rating(r) for r in rows]

    def complaints_of(self, ticket_ids: Collection[int], contacts: Collection[str]
                      ) -> list[Complaint]:
        rows = self._rows(
            f"SELECT * FROM complaints WHERE ticket_id IN ({_marks(ticket_ids)})"
            f" OR contact_email IN ({_marks(contacts)}) OR contact_phone IN ({_marks(contacts)})"
            " ORDER BY id",
            *ticket_ids, *contacts, *contacts,
        )
        return [_complaint(r) for r in rows]

    def erase_guest(self, entry_id: int, at: datetime) -> None:
        self.erased = True
        self._db.execute(
            "UPDATE guest_entries SET id_masked = NULL, id_hash = NULL, name = NULL,"
            " email = NULL, phone = NULL, institution = NULL, erased_at = ? WHERE id = ?",
            (_ts(at), entry_id),
        )

    def erase_rating_comments(self, ticket_ids: Collection[int]) -> int:
        self.erased = True
        return self._db.execute(
            f"UPDATE ratings SET comment = NULL WHERE comment IS NOT NULL"
            f" AND ticket_id IN ({_marks(ticket_ids)})",
            tuple(ticket_ids),
        ).rowcount

    def erase_complaints(self, complaint_ids: Collection[int], at: datetime) -> int:
        self.erased = True
        return self._db.execute(
            f"UPDATE complaints SET text = ?, contact_email = NULL, contact_phone = NULL,"
            f" reply = NULL, erased_at = ? WHERE id IN ({_marks(complaint_ids)})",
            (ERASED_TEXT, _ts(at), *complaint_ids),
        ).rowcount

    def visit_notes_of(self, ticket_ids: Collection[int]) -> list[tuple[int, str]]:
        marks = _marks(ticket_ids)
        rows = self._rows(
            f"SELECT ticket_id, text FROM visit_notes WHERE ticket_id IN ({marks})"
            f" UNION ALL SELECT ticket_id, note FROM follow_ups WHERE ticket_id IN ({marks})"
            " AND note != '' UNION ALL SELECT ticket_id, closing_note FROM follow_ups"
            f" WHERE ticket_id IN ({marks}) AND closing_note IS NOT NULL",
            *ticket_ids, *ticket_ids, *ticket_ids,
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def erase_visit_notes_of(self, ticket_ids: Collection[int]) -> int:
        self.erased = True
        marks = _marks(ticket_ids)
        erased = self._db.execute(
            f"DELETE FROM visit_notes WHERE ticket_id IN ({marks})", tuple(ticket_ids)
        ).rowcount
        erased += self._db.execute(
            f"UPDATE follow_ups SET note = '', closing_note = NULL WHERE ticket_id IN ({marks})"
            " AND (note != '' OR closing_note IS NOT NULL)", tuple(ticket_ids)
        ).rowcount
        return erased

    def guests_created_before(self, cutoff: datetime) -> int:
        row = self._rows(
            "SELECT COUNT(*) FROM guest_entries WHERE created_at < ? AND erased_at IS NULL",
            _ts(cutoff),
        )[0]
        return int(row[0])

    def rating_comments_before(self, cutoff: datetime) -> int:
        row = self._rows("SELECT COUNT(*) FROM ratings WHERE rated_at < ?"
                         " AND comment IS NOT NULL", _ts(cutoff))[0]
        return int(row[0])

    def erase_rating_comments_before(self, cutoff: datetime) -> int:
        self.erased = True
        return self._db.execute(
            "UPDATE ratings SET comment = NULL WHERE rated_at < ? AND comment IS NOT NULL",
            (_ts(cutoff),),
        ).rowcount

    def complaints_before(self, cutoff: datetime) -> int:
        row = self._rows("SELECT COUNT(*) FROM complaints WHERE created_at < ?"
                         " AND erased_at IS NULL", _ts(cutoff))[0]
        return int(row[0])

    def erase_complaints_before(self, cutoff: datetime, at: datetime) -> int:
        self.erased = True
        return self._db.execute(
            "UPDATE complaints SET text = ?, contact_email = NULL, contact_phone = NULL,"
            " reply = NULL, erased_at = ? WHERE created_at < ? AND erased_at IS NULL",
            (EXPIRED_TEXT, _ts(at), _ts(cutoff)),
        ).rowcount

    def complaint_times(self, ticket_id: int, channel: str, after: datetime
                        ) -> list[datetime]:
        rows = self._rows(
            "SELECT created_at FROM complaints WHERE ticket_id = ? AND created_at > ?"
            " AND channel = ? ORDER BY created_at",
            ticket_id, _ts(after), channel,
        )
        return [datetime.fromisoformat(r[0]) for r in rows]
