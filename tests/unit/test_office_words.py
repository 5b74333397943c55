"""What the office says, word for word: every refusal in Indonesian and English with the field
it names (a kiosk or the console shows it as it comes), the services' state at the kiosk, and
the log lines an administrator reads (ticket numbers, never a person). Over both stores.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from shared.core.errors import DomainError, FieldError, InvalidInput
from shared.core.queue.office import QueueOffice
from shared.core.settings import Queue, Settings
from tests.support.core import OfficeFactory
from tests.support.fakes import FakeClock, make_visitor

Refusal = tuple[str, str | None, str, str]  # code, field, Indonesian, English


def _issue(office: QueueOffice, serial: int = 1, service: str = "KONSULTASI",
           key: str | None = None) -> int:
    ticket = office.issue_ticket(service, make_visitor(serial), consent=True,
                                 principal="kiosk-1", idempotency_key=key).ticket
    assert ticket.id is not None
    return ticket.id


def _called(office: QueueOffice) -> int:
    _issue(office)
    ticket_id = office.call_next("1").id
    assert ticket_id is not None
    return ticket_id


def _reused_key(office: QueueOffice) -> None:
    _issue(office, 1, key="kunci-1")
    _issue(office, 2, key="kunci-1")


def _busy_desk(office: QueueOffice) -> None:
    _called(office)
    _issue(office, 2)
    office.call_next("1")


def _one_too_many(office: QueueOffice) -> None:
    _issue(office, 1)
    _issue(office, 1)


def _closed_service(office: QueueOffice) -> None:
    _issue(office, service="PERPUSTAKAAN")


REFUSALS: dict[str, tuple[Callable[[QueueOffice], object], Refusal]] = {
    "a second key for another request": (_reused_key, (
        "idempotency_conflict", "Idempotency-Key",
        "Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain.",
        "This Idempotency-Key was already used for a different request.")),
    "a visitor past the limit": (_one_too_many, (
        "visitor_limit", "visitor.id_number",
        "Anda sudah memegang 1 nomor antrian yang belum selesai hari ini.",
        "You already hold 1 unfinished queue numbers today.")),
    "a service switched off": (_closed_service, (
        "service_disabled", "service", "Layanan Perpustakaan tidak tersedia saat ini.",
        "The service Library is not offered at the moment.")),
    "a referral to a service switched off": (
        lambda office: office.transfer(_called(office), "PERPUSTAKAAN"), (
            "service_disabled", "service", "Layanan Perpustakaan tidak tersedia saat ini.",
            "The service Library is not offered at the moment.")),
    "a lost ticket link": (lambda office: office.ticket_status("tidak-ada"), (
        "ticket_not_found", None, "Tiket tidak ditemukan.", "Ticket not found.")),
    "finishing a ticket that is not there": (lambda office: office.finish(99), (
        "ticket_not_found", None, "Tiket tidak ditemukan.", "Ticket not found.")),
    "a desk that is not there": (lambda office: office.call_next("9"), (
        "desk_not_found", "desk", "Meja '9' tidak ada.", "There is no desk '9'.")),
    "a desk still serving": (_busy_desk, (
        "desk_busy", "desk",
        "Meja Konsultasi 1 masih melayani K-001. Selesaikan atau tandai tidak hadir dahulu.",
        "Meja Konsultasi 1 is still serving K-001. Finish it or mark it as a no-show first.")),
    "an empty queue": (lambda office: office.call_next("1"), (
        "queue_empty", "desk", "Tidak ada antrian yang menunggu.", "Nobody is waiting.")),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_each_refusal_in_both_languages_names_its_field(
    make_office: OfficeFactory, case: str
) -> None:
    office = make_office(Settings(queue=Queue(max_open_tickets_per_visitor=1)))
    provoke, expected = REFUSALS[case]

    with pytest.raises(DomainError) as caught:
        provoke(office)

    error = caught.value
    assert (error.code, error.field, error.message_id, error.message_en) == expected


FIELD_REFUSALS: dict[str, tuple[Callable[[QueueOffice], object], FieldError]] = {
    "an unknown service": (lambda office: _issue(office, service="ASTROLOGI"), FieldError(
        "service", "unknown_service", "Layanan 'ASTROLOGI' tidak dikenal.",
        "Unknown service 'ASTROLOGI'.")),
    "a referral to an unknown service": (
        lambda office: office.transfer(_called(office), "ASTROLOGI"), FieldError(
            "service", "unknown_service", "Layanan 'ASTROLOGI' tidak dikenal.",
            "Unknown service 'ASTROLOGI'.")),
    "a referral to the same service": (
        lambda office: office.transfer(_called(office), "KONSULTASI"), FieldError(
            "service", "same_service", "Pengunjung sudah berada di layanan ini.",
            "The visitor is already in this service.")),
    "no consent": (
        lambda office: office.issue_ticket("KONSULTASI", make_visitor(1), consent=False),
        FieldError(
            "consent", "consent_required",
            "Mohon setujui pemberitahuan pengolahan data pribadi untuk mengambil nomor.",
            "Please agree to the personal data notice to take a number.")),
}


@pytest.mark.parametrize("case", FIELD_REFUSALS)
def test_each_refused_field_in_both_languages(queue_office: QueueOffice, case: str) -> None:
    provoke, expected = FIELD_REFUSALS[case]

    with pytest.raises(InvalidInput) as caught:
        provoke(queue_office)

    assert caught.value.errors == [expected]


def test_the_kiosk_reads_why_each_service_is_closed(
    make_office: OfficeFactory, clock: FakeClock
) -> None:
    office = make_office(Settings(hours={"monday": ("08:00-15:30",)}))
    clock.set(datetime(2026, 11, 29, 2, 0, tzinfo=UTC))  # Sunday 10:00 WITA

    states = {s.config.code: (s.open, s.reason_id, s.reason_en) for s in office.services()}

    assert states["KONSULTASI"] == (
        False, "Layanan tutup pada hari Minggu.", "The service is closed on Sunday.")
    assert states["PERPUSTAKAAN"] == (
        False, "Layanan ini tidak tersedia.", "This service is not offered.")


def test_the_log_tells_each_tickets_story_by_number_and_never_names_the_visitor(
    make_office: OfficeFactory, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    services = tuple(s.model_copy(update={"enabled": True}) if s.code == "PERPUSTAKAAN" else s
                     for s in Settings().services)
    office = make_office(Settings(services=services, retention_days=30))
    caplog.set_level(logging.INFO, logger="pst_antrian.queue")

    first = _issue(office, 1, key="kunci-1")
    _issue(office, 1, key="kunci-1")  # the kiosk retried
    _issue(office, 2)
    office.call_next("1")
    office.recall(first)
    office.finish(first)
    second = office.call_next("1").id
    assert second is not None
    office.transfer(second, "PERPUSTAKAAN")
    office.issue_ticket("KONSULTASI", make_visitor(3), consent=True, priority=True)
    third = office.call_next("2").id
    assert third is not None
    office.no_show(third)
    clock.advance(days=1)
    office.close_earlier_days()  # the referral to the library still waited
    clock.advance(days=30)
    office.purge_expired()

    assert [r.getMessage() for r in caplog.records] == [
        "ticket K-001 issued (KONSULTASI)",
        "ticket K-001 returned again for a retried request",
        "ticket K-002 issued (KONSULTASI)",
        "ticket K-001 called to desk 1",
        "ticket K-001 called again",
        "ticket K-001 finished",
        "ticket K-002 called to desk 1",
        "ticket K-002 referred to PERPUSTAKAAN",
        "ticket P-001 issued for referral from K-002",
        "ticket K-003 issued (KONSULTASI, priority)",
        "ticket K-003 called to desk 2",
        "ticket K-003 marked no-show",
        "day's end: 1 tickets of earlier days closed",
        "retention: erased personal data of 3 guest-book entries",
    ]
    told = " ".join(caplog.messages)
    for serial in (1, 2, 3):
        visitor = make_visitor(serial)
        for key in ("id_number", "name", "email", "institution"):
            assert str(visitor[key]) not in told
