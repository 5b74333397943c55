"""The officers' notes and follow-up notes may name the visitor: they are erased with the
guest-book data when the retention period ends (UU PDP), on the real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import DomainError, InvalidInput, NotFound
from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import DeskBoard
from shared.core.queue.visits import Visits
from shared.core.settings import Settings
from shared.core.visitors.identity import IdentityKeyring
from shared.storage.sqlite.store import DB_FILE, SqliteStore
from tests.support.fakes import MONDAY_9_WITA, FakeClock
from tests.support.offices import VISITOR


def _office_on_sqlite(
    tmp_path: Path, settings: Settings
) -> tuple[FakeClock, SqliteStore, OfficeCalendar, QueueOffice, Visits]:
    """The office and its visit records on a real SQLite file, on a Monday at 9 WITA."""
    clock = FakeClock(MONDAY_9_WITA)
    store = SqliteStore(tmp_path)
    calendar = OfficeCalendar(settings, clock)
    office = QueueOffice(store, settings, calendar, IdentityKeyring(b"k" * 32))
    return clock, store, calendar, office, Visits(store, settings, calendar)



def test_notes_go_when_the_retention_period_ends(tmp_path: Path) -> None:
    settings = Settings(retention_days=30)
    clock, store, calendar, office, visits = _office_on_sqlite(tmp_path, settings)
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


def test_a_closed_follow_up_is_read_back_with_who_closed_it_and_why(tmp_path: Path) -> None:
    settings = Settings()
    clock, store, calendar, office, visits = _office_on_sqlite(tmp_path, settings)
    ticket = office.issue_ticket("KONSULTASI", VISITOR, consent=True).ticket
    assert ticket.id is not None
    office.call_next("1")
    visits.set_note(ticket.id, "Minta tabel kemiskinan per kecamatan", "petugas1")
    marked = visits.mark_follow_up(ticket.id, "Kirim tabel lewat surel", "petugas1")
    assert marked.follow_up.id is not None
    clock.advance(hours=2)
    visits.close_follow_up(marked.follow_up.id, "Tabel sudah dikirim", "kepala")

    board = DeskBoard(store, settings, calendar)
    (closed,) = board.follow_ups(open_only=False)
    assert board.follow_ups() == []
    store.close()

    f = closed.follow_up
    assert (f.id, f.ticket_id, f.note, f.opened_by) == (
        marked.follow_up.id, ticket.id, "Kirim tabel lewat surel", "petugas1")
    assert (f.closed_by, f.closing_note, f.closed_at) == ("kepala", "Tabel sudah dikirim",
                                                          clock())
    assert closed.visit.ticket.number == "K-001"
    assert closed.visit.note is not None
    assert (closed.visit.note.text, closed.visit.note.author) == (
        "Minta tabel kemiskinan per kecamatan", "petugas1")


def _refusal(error: DomainError) -> tuple[str | None, str, str, str]:
    if isinstance(error, InvalidInput):
        (first,) = error.errors
        return first.field, first.code, first.message_id, first.message_en
    return error.field, error.code, error.message_id, error.message_en


def test_the_officers_texts_and_follow_ups_are_refused_in_both_languages(
    tmp_path: Path
) -> None:
    _, _, _, office, visits = _office_on_sqlite(tmp_path, Settings())
    ticket = office.issue_ticket("KONSULTASI", VISITOR, consent=True).ticket
    assert ticket.id is not None
    ticket_id = ticket.id
    refusals = []
    for attempt in (
        lambda: visits.mark_follow_up(ticket_id, "", "petugas1"),  # still waiting
        lambda: visits.set_note(ticket_id, "x" * 1001, "petugas1"),
        lambda: visits.mark_follow_up(ticket_id, "\ud800", "petugas1"),
        lambda: visits.close_follow_up(99, "Sudah dikirim", "petugas1"),
    ):
        with pytest.raises(DomainError) as refused:
            attempt()
        refusals.append(_refusal(refused.value))
    office.call_next("1")
    visits.set_note(ticket_id, "x" * 1000, "petugas1")  # the longest note taken
    opened = visits.mark_follow_up(ticket_id, "", "petugas1")
    assert opened.follow_up.id is not None
    follow_up_id = opened.follow_up.id
    for attempt in (lambda: visits.mark_follow_up(ticket_id, "lagi", "petugas1"),
                    lambda: visits.close_follow_up(follow_up_id, "  ", "petugas1")):
        with pytest.raises(DomainError) as refused:
            attempt()
        refusals.append(_refusal(refused.value))
    assert refusals == [
        ("ticket", "not_served_yet",
         "K-001 belum dilayani: tindak lanjut ditandai saat atau setelah pelayanan.",
         "K-001 has not been served yet: mark a follow-up during or after the visit."),
        ("text", "too_long", "Paling banyak 1000 karakter.", "At most 1000 characters."),
        ("note", "invalid_text", "Teks berisi karakter yang tidak sah.",
         "The text contains invalid characters."),
        ("follow_up", "follow_up_not_found", "Tindak lanjut tidak ditemukan.",
         "Follow-up not found."),
        ("ticket", "follow_up_exists",
         "Kunjungan K-001 sudah ditandai perlu tindak lanjut.",
         "Visit K-001 is already marked for follow-up."),
        ("note", "required", "Wajib diisi.", "Required."),
    ]


def test_each_change_to_a_visit_tells_the_new_queue_version(tmp_path: Path) -> None:
    """The console and the displays wait on the version: each note and follow-up moves it."""
    settings = Settings()
    _, store, calendar, office, _ = _office_on_sqlite(tmp_path, settings)
    told: list[int] = []
    visits = Visits(store, settings, calendar, on_change=told.append)
    board = DeskBoard(store, settings, calendar)
    ticket = office.issue_ticket("KONSULTASI", VISITOR, consent=True).ticket
    assert ticket.id is not None
    office.call_next("1")
    versions = []
    visits.set_note(ticket.id, "Minta data", "petugas1")
    versions.append(board.desk_view("1").version)
    opened = visits.mark_follow_up(ticket.id, "Kirim tabel", "petugas1")
    versions.append(board.desk_view("1").version)
    assert opened.follow_up.id is not None
    visits.close_follow_up(opened.follow_up.id, "Sudah dikirim", "petugas1")
    versions.append(board.desk_view("1").version)
    assert told == versions and len(set(versions)) == 3


def test_a_desk_sees_its_own_services_first_and_how_long_each_visitor_waited(
    tmp_path: Path
) -> None:
    base = Settings()
    services = tuple(s.model_copy(update={"enabled": True}) if s.code == "PERPUSTAKAAN" else s
                     for s in base.services)
    desks = (base.desks[0], base.desks[1].model_copy(update={"services": ("PERPUSTAKAAN",)}))
    settings = base.model_copy(update={"services": services, "desks": desks})
    clock, store, calendar, office, _ = _office_on_sqlite(tmp_path, settings)
    office.issue_ticket("KONSULTASI", VISITOR, consent=True)
    clock.advance(seconds=30)
    office.issue_ticket("PERPUSTAKAAN", VISITOR, consent=True)
    clock.advance(seconds=120)
    board = DeskBoard(store, settings, calendar)
    view = board.desk_view("2")
    assert list(view.waiting) == ["PERPUSTAKAAN", "KONSULTASI"]
    assert [(w.ticket.number, w.minutes_waited) for code in view.waiting
            for w in view.waiting[code]] == [("P-001", 2), ("K-001", 2)]
    assert [(w.ticket.number, w.minutes_waited) for w in board.desk_view("1").waiting[
        "KONSULTASI"]] == [("K-001", 2)]
    clock.set(MONDAY_9_WITA + timedelta(seconds=61))  # 31 seconds: not a minute yet
    assert [w.minutes_waited for w in board.desk_view("1").waiting["PERPUSTAKAAN"]] == [0]
    with pytest.raises(NotFound) as unknown:
        board.desk_view("9")
    assert _refusal(unknown.value) == (
        "desk", "desk_not_found", "Meja '9' tidak ada.", "There is no desk '9'.")
    with pytest.raises(NotFound) as gone:
        board.visit(99)
    assert _refusal(gone.value) == (
        "ticket", "ticket_not_found", "Tiket tidak ditemukan.", "Ticket not found.")


def test_the_guest_book_takes_at_most_366_days_in_order(tmp_path: Path) -> None:
    settings = Settings()
    _, store, calendar, _, _ = _office_on_sqlite(tmp_path, settings)
    board = DeskBoard(store, settings, calendar)
    first = date(2026, 1, 1)
    assert board.guest_book(first, first + timedelta(days=365)) == []
    refusals = []
    for last in (first + timedelta(days=366), first - timedelta(days=1)):
        with pytest.raises(InvalidInput) as refused:
            board.guest_book(first, last)
        refusals.append(_refusal(refused.value))
    assert refusals == [
        ("to", "range_too_long", "Paling panjang 366 hari sekaligus.",
         "At most 366 days at once."),
        ("to", "range_reversed", "Tanggal akhir sebelum tanggal awal.",
         "The end date is before the start date."),
    ]
