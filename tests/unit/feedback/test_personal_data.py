"""One visitor's data (export, erase) and the retention purge: statistics and IKM survive."""

from __future__ import annotations

from datetime import date

import pytest

from shared.errors import NotFound
from shared.feedback import FeedbackOffice
from shared.office import QueueOffice
from shared.personal_data import PersonalData
from tests.support.fakes import FakeClock, make_visitor, nik

DEC = (date(2026, 11, 1), date(2026, 12, 31))


CODES: dict[int, str] = {}  # ticket id -> the rating code on its paper


def _visit(office: QueueOffice, serial: int, desk: str = "1") -> int:
    ticket = office.issue_ticket("KONSULTASI", make_visitor(serial), True).ticket
    assert ticket.id is not None
    office.call_next(desk)
    office.finish(ticket.id)
    CODES[ticket.id] = ticket.rating_code
    return ticket.id


def test_export_lists_everything_kept_about_the_visitor(
    office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData
) -> None:
    mine = _visit(office, 1)
    _visit(office, 2)
    feedback.rate(mine, 4, [4] * 9, "Terima kasih Bu Rina", "kiosk",
                  rating_code=CODES[mine])
    feedback.file_complaint("Parkiran sempit sekali.", "sitti.pakaya1@gmail.com")
    exported = personal_data.export(nik(1)[:4] + " " + nik(1)[4:])
    assert [g["name"] for g in exported["guest_book"]] == [make_visitor(1)["name"]]
    assert exported["guest_book"][0]["id_number_masked"].startswith("7502")
    assert [t["number"] for t in exported["tickets"]] == ["K-001"]
    assert exported["ratings"][0]["comment"] == "Terima kasih Bu Rina"
    assert exported["complaints"][0]["text"] == "Parkiran sempit sekali."
    with pytest.raises(NotFound):
        personal_data.export(nik(77))


def test_erase_keeps_counts_and_the_index(
    office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData,
    clock: FakeClock
) -> None:
    mine = _visit(office, 1)
    clock.advance(days=1)
    again = _visit(office, 1)  # the same visitor comes back the next day
    other = _visit(office, 2)
    feedback.rate(mine, 4, [4, 4, 3, 4, 3, 4, 4, 3, 3], "Saya Sitti, puas", "kiosk",
                  rating_code=CODES[mine])
    feedback.rate(other, 2, [2] * 9, "kurang", "kiosk", rating_code=CODES[other])
    feedback.file_complaint("Mohon hubungi saya soal data.", None, "0812 4455 6677")
    before = (feedback.report(*DEC), feedback.satisfaction(*DEC))

    erased = personal_data.erase(nik(1))
    assert (erased.guest_entries, erased.tickets, erased.comments, erased.complaints) == (
        2, 2, 1, 1)
    after = (feedback.report(*DEC), feedback.satisfaction(*DEC))
    assert after == before
    with pytest.raises(NotFound):
        personal_data.export(nik(1))
    assert personal_data.export(nik(2))["ratings"][0]["comment"] == "kurang"
    # The other visitor's complaint contact was not theirs: nothing else touched.
    assert [c.text for c in feedback.complaints()][0].startswith("(dihapus")
    assert again != mine


def test_purge_dry_run_counts_then_purge_erases(
    office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData,
    clock: FakeClock
) -> None:
    _visit(office, 1)
    feedback.file_complaint("Ruang tunggu panas sekali.", "a@example.com")
    clock.advance(days=200)
    _visit(office, 2)
    clock.advance(days=200)  # the first visit is now 400 days old, the second 200
    dry = personal_data.purge(dry_run=True)
    assert (dry.guest_entries, dry.complaint_contacts, dry.dry_run) == (1, 1, True)
    assert personal_data.export(nik(1))["guest_book"]  # nothing erased by the dry run
    done = personal_data.purge()
    assert (done.guest_entries, done.complaint_contacts) == (1, 1)
    with pytest.raises(NotFound):
        personal_data.export(nik(1))
    assert personal_data.export(nik(2))["guest_book"]
    assert feedback.complaints()[0].contact_email is None
    assert personal_data.purge(dry_run=True).guest_entries == 0
