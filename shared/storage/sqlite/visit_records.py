"""SQLite reads and writes of the officers' records of a visit: the visit's note and its
follow-up (due the next working day, closed with a note). Notes may name the visitor, so
they are erased with the visitor's data."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from shared.core.queue.model import FollowUp, VisitNote
from shared.storage.sqlite.rows import (
    Queries,
    follow_up_from_row,
    marks,
    note_from_row,
    stored_time,
)


class VisitRecordQueries(Queries):
    """The visit records' part of a SQLite transaction."""

    def note(self, ticket_id: int) -> VisitNote | None:
        return self.notes([ticket_id]).get(ticket_id)

    def notes(self, ticket_ids: Collection[int]) -> dict[int, VisitNote]:
        if not ticket_ids:
            return {}
        rows = self._all(
            f"SELECT * FROM visit_notes WHERE ticket_id IN ({marks(ticket_ids)})", *ticket_ids
        )
        return {r["ticket_id"]: note_from_row(r) for r in rows}

    def save_note(self, note: VisitNote) -> None:
        self._db.execute(
            "INSERT INTO visit_notes (ticket_id, text, author, updated_at)"  # pragma: no mutate
            " VALUES (?, ?, ?, ?)"  # pragma: no mutate
            " ON CONFLICT (ticket_id) DO UPDATE SET text = excluded.text,"  # pragma: no mutate
            " author = excluded.author, updated_at = excluded.updated_at",  # pragma: no mutate
            (note.ticket_id, note.text, note.author, stored_time(note.updated_at)),
        )

    def add_follow_up(self, follow_up: FollowUp) -> FollowUp:
        cursor = self._db.execute(
            "INSERT INTO follow_ups (ticket_id, due_on, note, opened_by,"  # pragma: no mutate
            " opened_at) VALUES (?, ?, ?, ?, ?)",  # pragma: no mutate
            (follow_up.ticket_id, follow_up.due_on.isoformat(), follow_up.note,
             follow_up.opened_by, stored_time(follow_up.opened_at)),
        )
        return FollowUp(**{**follow_up.__dict__, "id": cursor.lastrowid})

    def save_follow_up(self, follow_up: FollowUp) -> None:
        self._db.execute(
            "UPDATE follow_ups SET closed_at = ?, closed_by = ?, closing_note"  # pragma: no mutate
            " = ?"  # pragma: no mutate
            " WHERE id = ?",  # pragma: no mutate
            (stored_time(follow_up.closed_at), follow_up.closed_by, follow_up.closing_note,
             follow_up.id),
        )

    def follow_up(self, follow_up_id: int) -> FollowUp | None:
        row = self._one(
            "SELECT * FROM follow_ups WHERE id = ?",  # pragma: no mutate
            follow_up_id,
        )
        return follow_up_from_row(row) if row else None

    def follow_ups_of(self, ticket_ids: Collection[int]) -> dict[int, FollowUp]:
        if not ticket_ids:
            return {}
        rows = self._all(
            f"SELECT * FROM follow_ups WHERE ticket_id IN ({marks(ticket_ids)})", *ticket_ids
        )
        return {r["ticket_id"]: follow_up_from_row(r) for r in rows}

    def follow_ups(self, open_only: bool, limit: int) -> list[FollowUp]:
        if open_only:
            sql = (
                "SELECT * FROM follow_ups WHERE closed_at IS NULL"  # pragma: no mutate
                " ORDER BY due_on, id LIMIT ?"  # pragma: no mutate
            )
        else:
            sql = (
                "SELECT * FROM follow_ups WHERE closed_at IS NOT NULL"  # pragma: no mutate
                " ORDER BY closed_at DESC LIMIT ?"  # pragma: no mutate
            )
        return [follow_up_from_row(r) for r in self._all(sql, limit)]

    def follow_up_counts(self, today: date) -> tuple[int, int]:
        row = self._one(
            "SELECT COUNT(*), COALESCE(SUM(due_on < ?), 0) FROM follow_ups"  # pragma: no mutate
            " WHERE closed_at IS NULL",  # pragma: no mutate
            today.isoformat(),
        )
        assert row is not None
        return int(row[0]), int(row[1])

    # --- one visitor's notes, and the retention purge -------------------------------------

    def visit_notes_of(self, ticket_ids: Collection[int]) -> list[tuple[int, str]]:
        ids = marks(ticket_ids)
        rows = self._all(
            f"SELECT ticket_id, text FROM visit_notes WHERE ticket_id IN ({ids})"
            f" UNION ALL SELECT ticket_id, note FROM follow_ups WHERE ticket_id IN ({ids})"
            " AND note != '' UNION ALL SELECT ticket_id, closing_note"  # pragma: no mutate
            " FROM follow_ups"  # pragma: no mutate
            f" WHERE ticket_id IN ({ids}) AND closing_note IS NOT NULL",
            *ticket_ids, *ticket_ids, *ticket_ids,
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def erase_visit_notes_of(self, ticket_ids: Collection[int]) -> int:
        self.erased = True
        ids = marks(ticket_ids)
        erased = self._db.execute(
            f"DELETE FROM visit_notes WHERE ticket_id IN ({ids})", tuple(ticket_ids)
        ).rowcount
        erased += self._db.execute(
            f"UPDATE follow_ups SET note = '', closing_note = NULL WHERE ticket_id IN ({ids})"
            " AND (note != '' OR closing_note IS NOT NULL)",  # pragma: no mutate
            tuple(ticket_ids),
        ).rowcount
        return erased

    def erase_visit_notes_before(self, cutoff: datetime) -> int:
        """Notes may name the visitor: they go with the guest-book data they describe."""
        self.erased = True
        day = cutoff.date().isoformat()
        erased = self._db.execute(
            "DELETE FROM visit_notes"  # pragma: no mutate
            " WHERE ticket_id IN (SELECT id FROM tickets WHERE day < ?)",  # pragma: no mutate
            (day,),
        ).rowcount
        erased += self._db.execute(
            "UPDATE follow_ups SET note = '', closing_note = NULL"  # pragma: no mutate
            " WHERE ticket_id IN (SELECT id FROM tickets WHERE day < ?)"  # pragma: no mutate
            " AND (note != '' OR closing_note IS NOT NULL)",  # pragma: no mutate
            (day,),
        ).rowcount
        return erased
