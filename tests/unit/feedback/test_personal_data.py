"""One visitor's data (export, erase) and the retention purge: statistics and IKM survive."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import NotFound
from shared.core.feedback.complaints import ComplaintStatus
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.ports.feedback import FeedbackStore
from shared.core.queue.office import QueueOffice
from shared.core.queue.visits import Visits
from shared.core.settings import Settings
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
    queue_office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData
) -> None:
    mine = _visit(queue_office, 1)
    _visit(queue_office, 2)
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
    queue_office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports,
    personal_data: PersonalData, clock: FakeClock
) -> None:
    mine = _visit(queue_office, 1)
    clock.advance(days=1)
    again = _visit(queue_office, 1)  # the same visitor comes back the next day
    other = _visit(queue_office, 2)
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
    queue_office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports,
    personal_data: PersonalData, clock: FakeClock
) -> None:
    first = _visit(queue_office, 1)
    feedback.rate(first, 2, None, "Saya Sitti, antrean lama", "kiosk",
                  rating_code=CODES[first])
    old = feedback.file_complaint("Ruang tunggu panas sekali.", "a@example.com")
    assert old.id is not None
    feedback.update_complaint(old.id, ComplaintStatus.CLOSED, "Bu Sitti, AC sudah diperbaiki.",
                              "kepala")
    clock.advance(days=200)
    second = _visit(queue_office, 2)
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
    queue_office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData
) -> None:
    """Emails and phones are kept in one form (lower case, ``+62`` as ``0``), so the visitor
    who typed ``zulk.unique123@...`` / ``0812...`` is found in complaints that typed
    ``Zulk.Unique123@...`` / ``+62 812...``."""
    ticket = queue_office.issue_ticket("KONSULTASI", make_visitor(
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


def test_the_export_is_every_record_whole_with_local_times(
    queue_office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData,
    store: FeedbackStore, settings: Settings, clock: FakeClock
) -> None:
    """What the visitor is handed, field by field: each moment in the office's time, the
    officers' note, a complaint naming a ticket by its number, a ticket never called."""
    calendar = OfficeCalendar(settings, clock)
    first = queue_office.issue_ticket("KONSULTASI", make_visitor(1), True).ticket
    assert first.id is not None
    clock.advance(minutes=5)
    queue_office.call_next("1")
    clock.advance(minutes=20)
    queue_office.finish(first.id)
    Visits(store, settings, calendar).set_note(first.id, "Minta tabel kemiskinan", "petugas1")
    clock.advance(minutes=3)
    feedback.rate(first.id, 3, [3, 4, 3, 4, 3, 4, 3, 4, 2], "Terima kasih", "kiosk",
                  rating_code=first.rating_code)
    clock.advance(days=1)
    second = queue_office.issue_ticket("KONSULTASI", make_visitor(1), True).ticket
    clock.advance(minutes=1)
    feedback.file_complaint("Antrean lama.", None, "0812 4455 6677", ticket_id=second.id)
    clock.advance(minutes=1)
    exported = personal_data.export(nik(1))
    guest = {
        "id_type": "KTP", "id_number_masked": "7502********0001",
        "name": "Sitti Rahmawati Pakaya B", "email": "sitti.pakaya1@gmail.com",
        "phone": "081244556677", "institution": "Universitas Negeri Gorontalo",
        "occupation": "Mahasiswa", "purpose": "Data kemiskinan Kabupaten Boalemo 2025",
        "consent_version": "2026-11",
    }
    assert exported == {
        "exported_at": "2026-12-01T09:30:00+08:00",
        "office": "Pelayanan Statistik Terpadu BPS Kabupaten Boalemo",
        "guest_book": [
            {**guest, "created_at": "2026-11-30T09:00:00+08:00",
             "consent_at": "2026-11-30T09:00:00+08:00"},
            {**guest, "created_at": "2026-12-01T09:28:00+08:00",
             "consent_at": "2026-12-01T09:28:00+08:00"},
        ],
        "tickets": [
            {"number": "K-001", "service": "KONSULTASI", "day": "2026-11-30",
             "status": "done", "issued_at": "2026-11-30T09:00:00+08:00",
             "called_at": "2026-11-30T09:05:00+08:00",
             "finished_at": "2026-11-30T09:25:00+08:00", "desk": "1"},
            {"number": "K-001", "service": "KONSULTASI", "day": "2026-12-01",
             "status": "waiting", "issued_at": "2026-12-01T09:28:00+08:00",
             "called_at": None, "finished_at": None, "desk": None},
        ],
        "ratings": [
            {"ticket": "K-001", "overall": 3, "skm": [3, 4, 3, 4, 3, 4, 3, 4, 2],
             "comment": "Terima kasih",
             "rated_at": "2026-11-30T09:28:00+08:00"},
        ],
        "officers_notes": [{"ticket": "K-001", "note": "Minta tabel kemiskinan"}],
        "complaints": [
            {"ticket": "K-001", "created_at": "2026-12-01T09:29:00+08:00",
             "text": "Antrean lama.", "contact_email": None, "contact_phone": "081244556677",
             "status": "new", "reply": None},
        ],
    }


def test_what_was_erased_on_request_is_not_counted_again_by_the_purge(
    queue_office: QueueOffice, feedback: FeedbackOffice, personal_data: PersonalData,
    clock: FakeClock
) -> None:
    _visit(queue_office, 1)
    _visit(queue_office, 2)
    feedback.file_complaint("Mohon balas ke email saya.", "sitti.pakaya1@gmail.com")
    assert personal_data.erase(nik(1)).complaints == 1
    clock.advance(days=400)
    dry = personal_data.purge(dry_run=True)
    assert (dry.guest_entries, dry.rating_comments, dry.complaints) == (1, 0, 0)


def test_the_purge_tells_its_cutoff_and_logs_what_it_erased(
    queue_office: QueueOffice, personal_data: PersonalData, settings: Settings, clock: FakeClock,
    caplog: pytest.LogCaptureFixture
) -> None:
    _visit(queue_office, 1)
    clock.advance(days=settings.retention_days + 1)
    caplog.set_level(logging.INFO, logger="pst_antrian.personal_data")

    def said() -> list[str]:  # the purge's own lines (the queue logs its tickets as well)
        return [r.getMessage() for r in caplog.records if r.name == "pst_antrian.personal_data"]

    dry = personal_data.purge(dry_run=True)
    assert dry.cutoff == clock() - timedelta(days=settings.retention_days)
    assert said() == []  # a dry run erases nothing and says nothing
    done = personal_data.purge()
    assert (done.cutoff, done.guest_entries, done.dry_run) == (dry.cutoff, 1, False)
    assert said() == [
        "retention: erased 1 guest-book entries, 0 rating comments, 0 complaints"]
    caplog.clear()
    personal_data.purge()  # nothing left: nothing to say
    assert said() == []


def test_an_unknown_identity_number_is_refused_in_both_languages(
    queue_office: QueueOffice, personal_data: PersonalData
) -> None:
    _visit(queue_office, 1)
    for attempt in (personal_data.export, personal_data.erase):
        with pytest.raises(NotFound) as refused:
            attempt(nik(77))
        error = refused.value
        assert (error.code, error.field, error.message_id, error.message_en) == (
            "visitor_not_found", "id_number",
            "Tidak ada data tersimpan untuk nomor identitas ini.",
            "Nothing is kept for this identity number.")
    erased = personal_data.erase(nik(1))  # no complaint of theirs: none erased
    assert (erased.guest_entries, erased.tickets, erased.comments, erased.complaints) == (
        1, 1, 0, 0)
