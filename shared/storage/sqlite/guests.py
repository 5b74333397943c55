"""SQLite reads and writes of the guest book: a visitor's entry, found again by the hash of
their identity number, and erased on request or when the retention period is over."""

from __future__ import annotations

from datetime import datetime

from shared.core.queue.model import GuestEntry
from shared.storage.sqlite.rows import Queries, guest_from_row, stored_time


class GuestBookQueries(Queries):
    """The guest book's part of a SQLite transaction."""

    def add_guest(self, entry: GuestEntry) -> GuestEntry:
        cursor = self._db.execute(
            "INSERT INTO guest_entries (created_at, id_type, id_masked,"  # pragma: no mutate
            " id_hash, name, email, phone, institution, occupation, purpose,"  # pragma: no mutate
            " consent_at, consent_version)"  # pragma: no mutate
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate
            (
                stored_time(entry.created_at), entry.id_type, entry.id_masked, entry.id_hash,
                entry.name, entry.email, entry.phone, entry.institution, entry.occupation,
                entry.purpose, stored_time(entry.consent_at), entry.consent_version,
            ),
        )
        return GuestEntry(**{**entry.__dict__, "id": cursor.lastrowid})

    def guest(self, entry_id: int) -> GuestEntry | None:
        row = self._one(
            "SELECT * FROM guest_entries WHERE id = ?",  # pragma: no mutate
            entry_id,
        )
        return guest_from_row(row) if row else None

    def latest_guest(self, id_hash: str) -> GuestEntry | None:
        row = self._one(
            "SELECT * FROM guest_entries"  # pragma: no mutate
            " WHERE id_hash = ? AND erased_at IS NULL"  # pragma: no mutate
            " ORDER BY id DESC LIMIT 1",  # pragma: no mutate
            id_hash,
        )
        return guest_from_row(row) if row else None

    def guests_by_hash(self, id_hash: str) -> list[GuestEntry]:
        rows = self._all(
            "SELECT * FROM guest_entries"  # pragma: no mutate
            " WHERE id_hash = ? AND erased_at IS NULL"  # pragma: no mutate
            " ORDER BY id",  # pragma: no mutate
            id_hash,
        )
        return [guest_from_row(r) for r in rows]

    def guests_created_before(self, cutoff: datetime) -> int:
        return self._count(
            "SELECT COUNT(*) FROM guest_entries"  # pragma: no mutate
            " WHERE created_at < ? AND erased_at IS NULL",  # pragma: no mutate
            stored_time(cutoff),
        )

    def erase_guest(self, entry_id: int, at: datetime) -> None:
        self.erased = True
        self._db.execute(
            "UPDATE guest_entries SET id_masked = NULL, id_hash = NULL,"  # pragma: no mutate
            " name = NULL, email = NULL, phone = NULL, institution = NULL,"  # pragma: no mutate
            " erased_at = ? WHERE id = ?",  # pragma: no mutate
            (stored_time(at), entry_id),
        )

    def erase_guests_before(self, cutoff: datetime, at: datetime) -> int:
        self.erased = True
        cursor = self._db.execute(
            "UPDATE guest_entries SET id_masked = NULL, id_hash = NULL,"  # pragma: no mutate
            " name = NULL, email = NULL, phone = NULL, institution = NULL,"  # pragma: no mutate
            " erased_at = ? WHERE created_at < ? AND erased_at IS NULL",  # pragma: no mutate
            (stored_time(at), stored_time(cutoff)),
        )
        return cursor.rowcount
