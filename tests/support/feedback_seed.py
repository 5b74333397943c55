"""A small seeded office month whose figures the report tests know by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from shared.core.queue.model import Ticket
from shared.core.queue.office import QueueOffice
from tests.support.fakes import FakeClock, make_visitor

WITA = ZoneInfo("Asia/Makassar")


def wita(day: int, hour: int, minute: int, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WITA)


@dataclass
class Seeded:
    v1: Ticket
    v2: Ticket
    v3: Ticket
    v4: Ticket
    library: Ticket
    v5: Ticket
    november: Ticket


def _take(office: QueueOffice, clock: FakeClock, when: datetime, serial: int, purpose: str,
          occupation: str) -> Ticket:
    clock.set(when)
    return office.issue_ticket(
        "KONSULTASI", make_visitor(serial, purpose=purpose, occupation=occupation), True
    ).ticket


def _id(ticket: Ticket) -> int:
    assert ticket.id is not None
    return ticket.id


def seed_december(office: QueueOffice, clock: FakeClock) -> Seeded:
    """Tuesday 1 and Wednesday 2 December 2026, times in WITA:

    v1 09:00 called 09:10 desk 1 (petugas1), recalled 09:12, finished 09:30: wait 10, service 20
    v2 09:05 called 09:30 desk 1 (petugas1), finished 09:40:                 wait 25, service 10
    v3 09:20 called 09:35 desk 2 (petugas2), no-show 09:40:                  wait 15
    v4 (2 Dec) 10:00 called 10:05 desk 2 (petugas2), referred to the library 10:15:
       wait 5, service 10; the library ticket P-001 called 10:20 desk 2, finished 10:50:
       wait 5, service 30
    v5 (2 Dec) 13:00, never called.
    And one visit on 30 November, outside the month.
    """
    november = _take(office, clock, wita(30, 9, 0, month=11), 90, "Penelitian", "Dosen")
    clock.set(wita(30, 9, 1, month=11))
    office.call_next("1", "petugas1")
    office.finish(_id(november))

    v1 = _take(office, clock, wita(1, 9, 0), 1, "Tugas Kuliah", "Pelajar/Mahasiswa")
    v2 = _take(office, clock, wita(1, 9, 5), 2, "Pemerintahan", "ASN/TNI/Polri")
    v3 = _take(office, clock, wita(1, 9, 20), 3, "Tugas Kuliah", "Pelajar/Mahasiswa")
    clock.set(wita(1, 9, 10))
    office.call_next("1", "petugas1")
    clock.set(wita(1, 9, 12))
    office.recall(_id(v1), "petugas1")
    clock.set(wita(1, 9, 30))
    office.finish(_id(v1))
    office.call_next("1", "petugas1")
    clock.set(wita(1, 9, 35))
    office.call_next("2", "petugas2")
    clock.set(wita(1, 9, 40))
    office.finish(_id(v2))
    office.no_show(_id(v3))

    v4 = _take(office, clock, wita(2, 10, 0), 4, "Komersial", "Wiraswasta")
    clock.set(wita(2, 10, 5))
    office.call_next("2", "petugas2")
    clock.set(wita(2, 10, 15))
    library = office.transfer(_id(v4), "PERPUSTAKAAN")
    clock.set(wita(2, 10, 20))
    office.call_next("2", "petugas2")
    clock.set(wita(2, 10, 50))
    office.finish(_id(library))
    v5 = _take(office, clock, wita(2, 13, 0), 5, "Tugas Kuliah", "Pelajar/Mahasiswa")
    return Seeded(v1, v2, v3, v4, library, v5, november)
