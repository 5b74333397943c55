"""Fakes for the kiosk's presenter tests (``tests/ui/kiosk/presenter``): the server and printer
behind the presenter (``FakeBackend``), background work held until the test runs it
(``HeldTasks``), a monotonic clock the test sets (``Clock``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from kiosk.guest_form import ReturningVisitor
from kiosk.presenters import TicketOrder
from kiosk.printer import PrintResult
from shared.api.models import IssuedTicketOut, OfficeOut, ServiceOut
from shared.core.access.auth import hash_password

TODAY = date(2026, 11, 30)
PIN = "246813"
# Few iterations: the same check as the kiosk's hash (which names its count), in a millisecond.
PIN_HASH = hash_password(PIN, iterations=1_000)


def service(code: str = "KONSULTASI", open_: bool = True, enabled: bool = True) -> ServiceOut:
    names = {"KONSULTASI": ("Konsultasi Statistik", "Statistical Consultation", "K"),
             "PERPUSTAKAAN": ("Perpustakaan", "Library", "P")}
    name, name_en, letter = names[code]
    return ServiceOut(code=code, name=name, name_en=name_en, letter=letter, enabled=enabled,
                      open=open_, closed_reason=None if open_ else "Layanan belum buka.",
                      closed_reason_en=None if open_ else "Not open yet.")


OFFICE = OfficeOut(name="PST BPS Kabupaten Boalemo", short_name="PST Boalemo", address="-",
                   phone="0811437501", website="boalemokab.bps.go.id",
                   complaint_channels=["pengaduan7501@gmail.com"], hours=None,
                   close_on_holidays=False, timezone="Asia/Makassar", retention_days=365,
                   privacy_notice_version="2026-11")


def ticket(number: str = "K-001") -> IssuedTicketOut:
    return IssuedTicketOut(id=1, number=number, service="KONSULTASI", status="waiting",
                           priority=False, issued_at=datetime(2026, 11, 30, 1, 0, tzinfo=UTC),
                           waiting_ahead=2, estimated_wait_minutes=15,
                           status_url="http://127.0.0.1/t/abc", rating_code="4821")


class FakeBackend:
    def __init__(self) -> None:
        self.services_list = [service("PERPUSTAKAAN"), service()]
        self.orders: list[TicketOrder] = []
        self.lookups: list[tuple[str, str]] = []
        self.failures: list[Exception] = []  # raised by take_ticket, first first
        self.returning: ReturningVisitor | None = None
        self.print_results: list[PrintResult] = []
        self.keys = 0

    def office(self) -> OfficeOut:
        return OFFICE

    def services(self) -> list[ServiceOut]:
        return self.services_list

    def lookup(self, id_type: str, id_number: str) -> ReturningVisitor | None:
        self.lookups.append((id_type, id_number))
        return self.returning

    def take_ticket(self, order: TicketOrder) -> IssuedTicketOut:
        self.orders.append(order)
        if self.failures:
            raise self.failures.pop(0)
        return ticket()

    def print_ticket(self, ticket: IssuedTicketOut, service_name: str) -> PrintResult:
        return self.print_results.pop(0)

    def heartbeat(self) -> None:
        pass

    def new_key(self) -> str:
        self.keys += 1
        return f"key-{self.keys}"


class HeldTasks:
    """Background work waits until the test calls ``run()``, like answers still on the way."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def submit(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.pending.append((job, done))

    def run(self) -> None:
        while self.pending:
            job, done = self.pending.pop(0)
            try:
                result = job()
            except Exception as exc:
                result = exc
            done(result)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
