"""SQLite reads and writes of the visitors' feedback: ratings (the face and the nine SKM
answers) and complaints, and their erasure on request or when the retention period is over."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.storage.sqlite.rows import (
    Queries,
    complaint_from_row,
    marks,
    rating_from_row,
    stored_time,
)

ERASED_TEXT = "(dihapus atas permintaan / erased on request)"
EXPIRED_TEXT = "(dihapus, masa simpan berakhir / erased, retention period over)"

_ELEMENTS = ", ".join(f"e{i}" for i in range(1, 10))


class FeedbackQueries(Queries):
    """The ratings' and complaints' part of a SQLite transaction."""

    # --- ratings --------------------------------------------------------------------------

    def add_rating(self, rating: Rating) -> Rating:
        answers = list(rating.skm) if rating.skm else [None] * 9
        cursor = self._db.execute(
            f"INSERT INTO ratings (ticket_id, day, rated_at, overall, {_ELEMENTS}, comment,"
            f" channel) VALUES (?, ?, ?, ?, {marks(answers)}, ?, ?)",
            (rating.ticket_id, rating.day.isoformat(), stored_time(rating.rated_at),
             rating.overall, *answers, rating.comment, rating.channel),
        )
        return Rating(**{**rating.__dict__, "id": cursor.lastrowid})

    def rating_of(self, ticket_id: int) -> Rating | None:
        row = self._one(
            "SELECT * FROM ratings WHERE ticket_id = ?",  # pragma: no mutate
            ticket_id,
        )
        return rating_from_row(row) if row else None

    def ratings_between(self, first: date, last: date) -> list[Rating]:
        rows = self._all(
            "SELECT * FROM ratings WHERE day BETWEEN ? AND ? ORDER BY day, id",  # pragma: no mutate
            first.isoformat(), last.isoformat(),
        )
        return [rating_from_row(r) for r in rows]

    def ratings_of(self, ticket_ids: Collection[int]) -> list[Rating]:
        rows = self._all(
            f"SELECT * FROM ratings WHERE ticket_id IN ({marks(ticket_ids)}) ORDER BY id",
            *ticket_ids,
        )
        return [rating_from_row(r) for r in rows]

    def skm_sums(self, first: date, last: date) -> tuple[int, list[int]]:
        sums = ", ".join(f"COALESCE(SUM(e{i}), 0)" for i in range(1, 10))
        row = self._one(
            f"SELECT COUNT(*), {sums} FROM ratings WHERE day BETWEEN ? AND ?"
            f" AND e1 IS NOT NULL",
            first.isoformat(), last.isoformat(),
        )
        assert row is not None
        return int(row[0]), [int(v) for v in tuple(row)[1:]]

    def face_counts(self, first: date, last: date) -> list[int]:
        rows = self._all(
            "SELECT overall, COUNT(*) FROM ratings WHERE day BETWEEN ? AND ?"  # pragma: no mutate
            " GROUP BY overall",  # pragma: no mutate
            first.isoformat(), last.isoformat(),
        )
        counts = dict((int(r[0]), int(r[1])) for r in rows)
        return [counts.get(face, 0) for face in (1, 2, 3, 4)]

    def rating_comments_before(self, cutoff: datetime) -> int:
        return self._count(
            "SELECT COUNT(*) FROM ratings WHERE rated_at < ?"  # pragma: no mutate
            " AND comment IS NOT NULL",  # pragma: no mutate
            stored_time(cutoff),
        )

    def erase_rating_comments(self, ticket_ids: Collection[int]) -> int:
        self.erased = True
        return self._db.execute(
            f"UPDATE ratings SET comment = NULL WHERE comment IS NOT NULL"
            f" AND ticket_id IN ({marks(ticket_ids)})",
            tuple(ticket_ids),
        ).rowcount

    def erase_rating_comments_before(self, cutoff: datetime) -> int:
        self.erased = True
        return self._db.execute(
            "UPDATE ratings SET comment = NULL"  # pragma: no mutate
            " WHERE rated_at < ? AND comment IS NOT NULL",  # pragma: no mutate
            (stored_time(cutoff),),
        ).rowcount

    # --- complaints -----------------------------------------------------------------------

    def add_complaint(self, complaint: Complaint) -> Complaint:
        cursor = self._db.execute(
            "INSERT INTO complaints (created_at, ticket_id, text,"  # pragma: no mutate
            " contact_email, contact_phone, channel, status, reply,"  # pragma: no mutate
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate
            (stored_time(complaint.created_at), complaint.ticket_id, complaint.text,
             complaint.contact_email, complaint.contact_phone, complaint.channel,
             complaint.status.value, complaint.reply, stored_time(complaint.updated_at),
             complaint.updated_by),
        )
        return Complaint(**{**complaint.__dict__, "id": cursor.lastrowid})

    def save_complaint(self, complaint: Complaint) -> None:
        self._db.execute(
            "UPDATE complaints SET status = ?, reply = ?, updated_at = ?,"  # pragma: no mutate
            " updated_by = ? WHERE id = ?",  # pragma: no mutate
            (complaint.status.value, complaint.reply, stored_time(complaint.updated_at),
             complaint.updated_by, complaint.id),
        )

    def complaint(self, complaint_id: int) -> Complaint | None:
        row = self._one(
            "SELECT * FROM complaints WHERE id = ?",  # pragma: no mutate
            complaint_id,
        )
        return complaint_from_row(row) if row else None

    def complaints(self, status: ComplaintStatus | None, limit: int, offset: int
                   ) -> list[Complaint]:
        sql, args = "SELECT * FROM complaints", []  # pragma: no mutate
        if status is not None:
            sql += " WHERE status = ?"  # pragma: no mutate
            args.append(status.value)
        rows = self._all(
            sql + " ORDER BY id DESC LIMIT ? OFFSET ?",  # pragma: no mutate
            *args, limit, offset,
        )
        return [complaint_from_row(r) for r in rows]

    def complaint_counts(self) -> dict[ComplaintStatus, int]:
        rows = self._all(
            "SELECT status, COUNT(*) FROM complaints GROUP BY status"  # pragma: no mutate
        )
        return {ComplaintStatus(r[0]): int(r[1]) for r in rows}

    def complaint_times(self, ticket_id: int, channel: str, after: datetime
                        ) -> list[datetime]:
        rows = self._all(
            "SELECT created_at FROM complaints"  # pragma: no mutate
            " WHERE ticket_id = ? AND created_at > ? AND channel = ?"  # pragma: no mutate
            " ORDER BY created_at",  # pragma: no mutate
            ticket_id, stored_time(after), channel,
        )
        return [datetime.fromisoformat(r[0]) for r in rows]

    def complaints_of(self, ticket_ids: Collection[int], contacts: Collection[str]
                      ) -> list[Complaint]:
        rows = self._all(
            f"SELECT * FROM complaints WHERE ticket_id IN ({marks(ticket_ids)})"
            f" OR contact_email IN ({marks(contacts)}) OR contact_phone IN ({marks(contacts)})"
            " ORDER BY id",  # pragma: no mutate
            *ticket_ids, *contacts, *contacts,
        )
        return [complaint_from_row(r) for r in rows]

    def complaints_before(self, cutoff: datetime) -> int:
        return self._count(
            "SELECT COUNT(*) FROM complaints WHERE created_at < ?"  # pragma: no mutate
            " AND erased_at IS NULL",  # pragma: no mutate
            stored_time(cutoff),
        )

    def erase_complaints(self, complaint_ids: Collection[int], at: datetime) -> int:
        self.erased = True
        return self._db.execute(
            f"UPDATE complaints SET text = ?, contact_email = NULL, contact_phone = NULL,"
            f" reply = NULL, erased_at = ? WHERE id IN ({marks(complaint_ids)})",
            (ERASED_TEXT, stored_time(at), *complaint_ids),
        ).rowcount

    def erase_complaints_before(self, cutoff: datetime, at: datetime) -> int:
        self.erased = True
        return self._db.execute(
            "UPDATE complaints SET text = ?, contact_email = NULL,"  # pragma: no mutate
            " contact_phone = NULL, reply = NULL, erased_at = ?"  # pragma: no mutate
            " WHERE created_at < ? AND erased_at IS NULL",  # pragma: no mutate
            (EXPIRED_TEXT, stored_time(at), stored_time(cutoff)),
        ).rowcount
