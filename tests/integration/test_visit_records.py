"""The officers' notes and follow-up notes may name the visitor: they are erased with the
guest-book data when the retention period ends (UU PDP), on the real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shared.clock import OfficeCalendar
from shared.config import Settings
from shared.identity import IdentityKeyring
from shared.office import QueueOffice
from shared.read_model import DeskBoard
from shared.sqlite_store import DB_FILE, SqliteStore
from shared.visits import Visits
from tests.support.fakes import MONDAY_9_WITA, FakeClock
from tests.support.offices import VISITOR


def test_notes_go_when_the_retention_period_ends(tmp_path: Path) -> None:
    settings = Settings(retention_days=30)
    clock = FakeClock(MONDAY_9_WITA)
    store = SqliteStore(tmp_path)
    calendar = OfficeCalendar(settings, clock)
    office = QueueOffice(store, settings, calendar, IdentityKeyring(b"k" * 32))
    visits = Visits(store, settings, calendar)
    ticket = office.issue_ticket("KONSULTASI", VISITOR, consent=True).ticket
    called = office.call_next("1")
    assert called.id == ticket.id and ticket.id is not None
    visits.set_note(ticket.id, "Siti minta data kemiskinan", "petugas1")
    visits.mark_follow_up(ticket.id, "Kirim ke siti.pakaya@example.com", "petugas1")

    clock.advance(days=29)
    assert visits.purge_expired() == 0
    clock.advance(days=2)
    assert visits.purge_expired() == 2

    visit = DeskBoard(store, settings, calendar).visit(ticket.id)
    assert visit.note is None
    assert visit.follow_up is not None and visit.follow_up.note == ""
    store.close()
    with sqlite3.connect(tmp_path / DB_FILE) as db:
        text = " ".join(str(v) for row in db.execute("SELECT * FROM follow_ups") for v in row)
    assert "siti" not in text.lower()
