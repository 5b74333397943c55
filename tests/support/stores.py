"""The two queue stores the core's tests run over, each with a window for the tests' eyes.

Every use-case test runs once over ``FakeStore`` (in memory) and once over the real
``SqliteStore`` (a file in ``tmp_path``), so a test that passes proves the product, not only
the fake. ``SqliteStore`` is looked into through a second, read-only connection to the file:
what the tests see is what is on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from shared.core.ports.queue import QueueTransaction
from shared.core.queue.model import Call, GuestEntry, Ticket, TicketStatus
from shared.storage.sqlite.store import SqliteStore


class InspectableStore(Protocol):
    """A ``QueueStore`` whose contents a test can read without a use case."""

    def transaction(self) -> AbstractContextManager[QueueTransaction]: ...
    def close(self) -> None: ...
    @property
    def guests(self) -> list[GuestEntry]: ...
    @property
    def tickets(self) -> list[Ticket]: ...
    @property
    def calls(self) -> list[Call]: ...
    def erased(self, entry_id: int) -> bool: ...


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class InspectedSqliteStore(SqliteStore):
    """``SqliteStore`` on a file, read back column by column for the tests."""

    def _rows(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
            db.row_factory = sqlite3.Row
            return db.execute(sql, args).fetchall()

    def raw_guests(self) -> list[dict[str, Any]]:
        """Every column of the guest book as stored, NULLs as ``None``."""
        return [dict(r) for r in self._rows("SELECT * FROM guest_entries ORDER BY id")]

    @property
    def guests(self) -> list[GuestEntry]:
        return [
            GuestEntry(
                id=r["id"], id_type=r["id_type"], id_masked=r["id_masked"] or "",
                id_hash=r["id_hash"] or "", name=r["name"] or "", email=r["email"] or "",
                phone=r["phone"], institution=r["institution"],
                occupation=r["occupation"] or "", purpose=r["purpose"] or "",
                consent_at=datetime.fromisoformat(r["consent_at"]),
                consent_version=r["consent_version"],
                created_at=datetime.fromisoformat(r["created_at"]),
            )
            for r in self.raw_guests()
        ]

    @property
    def tickets(self) -> list[Ticket]:
        return [
            Ticket(
                id=r["id"], service=r["service"], day=date.fromisoformat(r["day"]),
                sequence=r["sequence"], number=r["number"], token=r["token"],
                issued_at=datetime.fromisoformat(r["issued_at"]),
                priority=bool(r["priority"]), status=TicketStatus(r["status"]),
                guest_entry_id=r["guest_entry_id"], desk=r["desk"],
                called_at=_when(r["called_at"]), recalls=r["recalls"],
                finished_at=_when(r["finished_at"]), transferred_from=r["transferred_from"],
                transferred_to=r["transferred_to"],
            )
            for r in self._rows("SELECT * FROM tickets ORDER BY id")
        ]

    @property
    def calls(self) -> list[Call]:
        return [
            Call(
                id=r["id"], ticket_id=r["ticket_id"], number=r["number"], service=r["service"],
                desk=r["desk"], called_at=datetime.fromisoformat(r["called_at"]),
                recall=bool(r["recall"]),
            )
            for r in self._rows("SELECT * FROM calls ORDER BY id")
        ]

    def erased(self, entry_id: int) -> bool:
        rows = self._rows("SELECT erased_at FROM guest_entries WHERE id = ?", entry_id)
        return bool(rows) and rows[0]["erased_at"] is not None


@contextmanager
def sqlite_store(directory: Path) -> Iterator[InspectedSqliteStore]:
    """A fresh store on a file in ``directory``, closed on leaving."""
    store = InspectedSqliteStore(directory, durable=False)  # no fsync per test commit
    try:
        yield store
    finally:
        store.close()
