"""One visitor's data (export, erase) and the retention purge: statistics and IKM survive."""

from __future__ import annotations

from datetime import date

import pytest

from shared.core.errors import NotFound
from shared.core.feedback.complaints import ComplaintStatus
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import QueueOffice
from shared.core.visitors.personal_data import PersonalData
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
    office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports,
    personal_data: PersonalData, clock: FakeClock
) -> None:
    mine = _visit(office, 1)
    clock.advance(days=1)
    again = _visit(office, 1)  # the same visitor comes back the next day
    other = _visit(office, 2)
    feedback.rate(mine, 4, [4, 4, 3, 4, 3, 4, 4, 3, 3], "Saya Sitti, puas", "kiosk",
                  rating_code=CODES[mine])
    feedback.rate(other, 2, [2] * 9, "kurang", "kiosk", rating_code=CODES[other])
    feedback.file_complaint("Mohon hubungi saya soal data.", None, "0812 4455 6677")
    before = (reports.report(*DEC), reports.satisfaction(*DEC))

    erased = personal_data.erase(nik(1))
    assert (erased.guest_entries, erased.tickets, erased.comments, erased.complaints) == (
        2, 2, 1, 1)
    after = (reports.report(*DEC), reports.satisfaction(*DEC))
    assert after == before
    with pytest.raises(NotFound):
        personal_data.export(nik(1))
    assert personal_data.export(nik(2))["ratings"][0]["comment"] == "kurang"
    # The other visitor's complaint contact was not theirs: nothing else touched.
    assert [c.text for c in feedback.complaints()][0].startswith("(dihapus")
    assert again != mine


def test_purge_dry_run_counts_then_purge_erases(
    office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports,
    personal_data: PersonalData, clock: FakeClock
) -> None:
    first = _visit(office, 1)
    feedback.rate(first, 2, None, "Saya Sitti, antrean lama", "kiosk",
                  rating_code=CODES[first])
    old = feedback.file_complaint("Ruang tunggu panas sekali.", "a@example.com")
    assert old.id is not None
    feedback.update_complaint(old.id, ComplaintStatus.CLOSED, "Bu Sitti, AC sudah diperbaiki.",
                              "kepala")
    clock.advance(days=200)
    second = _visit(office, 2)
    feedback.rate(second, 4, None, "Cepat dan ramah", "kiosk", rating_code=CODES[second])
    recent = feedback.file_complaint("Toilet tidak ada air.", None, "081234567890")
    clock.advance(days=200)  # the first visit is now 400 days old, the second 200
    dry = personal_data.purge(dry_run=True)
    assert (dry.guest_entries, dry.rating_comments, dry.complaints, dry.dry_run) == (
        1, 1, 1, True)
    assert personal_data.export(nik(1))["guest_book"]  # nothing erased by the dry run
    done = personal_data.purge()
    assert (done.guest_entries, done.rating_comments, done.complaints) == (1, 1, 1)
    with pytest.raises(NotFound):
        personal_data.export(nik(1))
    assert personal_data.export(nik(2))["ratings"][0]["comment"] == "Cepat dan ramah"
    kept, erased = feedback.complaints()
    assert (kept.id, kept.text, kept.contact_phone) == (
        recent.id, "Toilet tidak ada air.", "081234567890")
    assert erased.id == old.id and erased.status is ComplaintStatus.CLOSED
    assert "Sitti" not in f"{erased.text} {erased.reply}" and "panas" not in erased.text
    assert (erased.contact_email, erased.reply) == (None, None)
    # the scores stay (the faces of the first visit's day are still counted)
    assert reports.report(*DEC).faces == (0, 1, 0, 0)
    again = personal_data.purge(dry_run=True)
    assert (again.guest_entries, again.rating_comments, again.complaints) == (0, 0, 0)


def test_complaints_with_contacts_written_differently_go_with_their_visitor(
    office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData
) -> None:
    """Emails and phones are kept in one form (lower case, ``+62`` as ``0``), so the visitor
    who typed ``zulk.unique123@...`` / ``0812...`` is found in complaints that typed
    ``Zulk.Unique123@...`` / ``+62 812...``."""
    ticket = office.issue_ticket("KONSULTASI", make_visitor(
        3, email="zulk.unique123@example.org", phone="0812-9988-7766"), True).ticket
    assert ticket.id is not None
    feedback.file_complaint("Antrean terlalu lama.", "Zulk.Unique123@example.org")
    feedback.file_complaint("AC mati sejak pagi.", None, "+62 812 9988 7766")
    feedback.file_complaint("Kursi kurang banyak.", "zulk.other@example.org")
    exported = personal_data.export(nik(3))
    assert [(c["text"], c["contact_email"], c["contact_phone"])
            for c in exported["complaints"]] == [
        ("Antrean terlalu lama.", "zulk.unique123@example.org", None),
        ("AC mati sejak pagi.", None, "081299887766")]
    assert personal_data.erase(nik(3)).complaints == 2
    left = [(c.text, c.contact_email, c.contact_phone) for c in feedback.complaints()]
    assert ("Kursi kurang banyak.", "zulk.other@example.org", None) in left
    assert not any("Zulk" in str(c) or "zulk.unique" in str(c) or "9988" in str(c)
                   for c in left)
