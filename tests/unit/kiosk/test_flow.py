"""The kiosk's presenter without a window: a fake server and printer, a set clock, and the
background work run when the test says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from kiosk.guest_form import ReturningVisitor
from kiosk.presenters import KioskFlow, Step, TicketOrder, Timing
from kiosk.printer import PrinterState, PrinterStatus, PrintResult
from shared.api.client import ApiError, Offline
from shared.api.models import IssuedTicketOut, OfficeOut, ServiceOut
from shared.core.access.auth import hash_password

TODAY = date(2026, 11, 30)
NIK = "7502014103030001"
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


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def flow(backend: FakeBackend, tasks: HeldTasks, clock: Clock) -> KioskFlow:
    kiosk = KioskFlow(backend, tasks, clock, lambda: TODAY,
                      Timing(idle_seconds=60, idle_warning_seconds=15, ticket_seconds=30,
                             retry_seconds=5), admin_pin_hash=PIN_HASH)
    kiosk.start()
    tasks.run()
    return kiosk


def fill_guest_book(flow: KioskFlow, tasks: HeldTasks) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    flow.guest_book.select("id_type", "KTP")
    flow.guest_book.edit("id_number", NIK)
    flow.guest_book.next()
    tasks.run()  # the returning-visitor lookup
    flow.guest_book.edit("name", "Siti Aisyah Pakaya")
    flow.guest_book.edit("email", "siti.pakaya@example.com")
    flow.guest_book.next()
    flow.guest_book.next()  # phone and institution may stay empty
    flow.guest_book.select("occupation", "Pelajar/Mahasiswa")
    flow.guest_book.select("purpose", "Penelitian")
    flow.guest_book.next()


def test_welcome_offers_enabled_open_services_konsultasi_first(flow: KioskFlow) -> None:
    assert flow.view.connected
    assert [s.code for s in flow.view.offered_services] == ["KONSULTASI", "PERPUSTAKAAN"]
    assert flow.view.closed is None


def test_closed_service_explains_and_cannot_be_chosen(
    backend: FakeBackend, tasks: HeldTasks, clock: Clock
) -> None:
    backend.services_list = [service(open_=False)]
    kiosk = KioskFlow(backend, tasks, clock, lambda: TODAY)
    kiosk.start()
    tasks.run()
    closed = kiosk.view.closed
    assert closed is not None and closed.closed_reason == "Layanan belum buka."
    kiosk.guest_book.choose_service("KONSULTASI")
    assert kiosk.view.step == Step.WELCOME


def test_whole_way_to_a_ticket_sends_the_guest_book(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks
) -> None:
    fill_guest_book(flow, tasks)
    assert flow.view.step == Step.CONFIRM
    assert backend.lookups == [("KTP", NIK)]
    flow.ticket.take()
    assert flow.view.busy  # "mohon tunggu" while the server answers
    tasks.run()
    assert flow.view.step == Step.TICKET and flow.view.ticket is not None
    assert flow.view.ticket.number == "K-001"
    (order,) = backend.orders
    assert order.consent is True and order.service == "KONSULTASI"
    assert order.visitor == {
        "id_type": "KTP", "id_number": NIK, "name": "Siti Aisyah Pakaya",
        "email": "siti.pakaya@example.com", "phone": None, "institution": None,
        "occupation": "Pelajar/Mahasiswa", "purpose": "Penelitian",
    }


def test_no_consent_no_guest_book(flow: KioskFlow, backend: FakeBackend) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.agree()
    assert flow.view.step == Step.NOTICE and flow.view.consent_error
    assert backend.orders == [] and backend.lookups == []


def test_invalid_nik_stays_on_the_page_with_the_reason(
    flow: KioskFlow, backend: FakeBackend
) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    flow.guest_book.select("id_type", "KTP")
    flow.guest_book.edit("id_number", "7502011303030000")  # serial 0000
    flow.guest_book.next()
    error = flow.view.form.errors["id_number"]
    assert flow.view.page == 0 and flow.view.focus == "id_number"
    assert "0000" in error.message_id and error.message_en
    assert backend.lookups == []  # nothing sent
    flow.guest_book.edit("id_number", NIK)
    assert "id_number" not in flow.view.form.errors  # fixing it clears the error


def test_invalid_email_is_named_in_both_languages(flow: KioskFlow, tasks: HeldTasks) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    flow.guest_book.select("id_type", "KTP")
    flow.guest_book.edit("id_number", NIK)
    flow.guest_book.next()
    tasks.run()
    flow.guest_book.edit("name", "Siti")
    flow.guest_book.edit("email", "siti@gmail")
    flow.guest_book.next()
    assert flow.view.page == 1 and flow.view.focus == "email"
    error = flow.view.form.errors["email"]
    assert error.message("id") != error.message("en")


def test_page_opens_on_its_first_empty_field(flow: KioskFlow, tasks: HeldTasks) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    assert flow.view.focus == "id_number" and flow.view.keyboard == "digits"
    flow.guest_book.select("id_type", "PASPOR")
    assert flow.view.keyboard == "letters"
    flow.guest_book.edit("id_number", "X1234567")
    flow.guest_book.next()
    tasks.run()
    assert flow.view.page == 1 and flow.view.focus == "name"


def test_idle_warns_then_wipes_everything(flow: KioskFlow, clock: Clock) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    flow.set_lang("en")
    flow.guest_book.edit("id_number", "7502")
    clock.now += 59
    flow.tick()
    assert flow.view.idle_countdown is None
    clock.now += 1
    flow.tick()
    assert flow.view.idle_countdown == 15
    flow.touched()  # the visitor is back
    assert flow.view.idle_countdown is None and flow.view.form.id_number == "7502"
    clock.now += 60 + 15
    flow.tick()
    view = flow.view
    assert view.step == Step.WELCOME and view.lang == "id"
    assert view.form.id_number == "" and not view.consent and view.service is None


def test_unreachable_server_keeps_the_form_and_retries_with_the_same_key(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks, clock: Clock
) -> None:
    fill_guest_book(flow, tasks)
    backend.failures = [Offline("connection refused"), Offline("connection refused")]
    flow.ticket.take()
    flow.ticket.take()  # a double tap while the first is on its way
    tasks.run()
    assert len(backend.orders) == 1
    assert flow.view.step == Step.CONFIRM and flow.view.problem is not None
    assert flow.view.form.name == "Siti Aisyah Pakaya"
    clock.now += 5
    flow.tick()  # the automatic retry
    tasks.run()
    flow.ticket.take()  # the visitor taps again
    tasks.run()
    assert flow.view.step == Step.TICKET
    assert len(backend.orders) == 3
    assert len({o.idempotency_key for o in backend.orders}) == 1


def test_server_field_errors_return_to_the_field(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks
) -> None:
    fill_guest_book(flow, tasks)
    backend.failures = [ApiError(422, [{
        "field": "visitor.email", "code": "email_domain", "message_id": "Domain email tidak ada.",
        "message_en": "The email domain does not exist."}])]
    flow.ticket.take()
    tasks.run()
    assert flow.view.step == Step.GUEST and flow.view.page == 1
    assert flow.view.form.errors["email"].message_en == "The email domain does not exist."


def test_closed_meanwhile_says_why(flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks) -> None:
    fill_guest_book(flow, tasks)
    backend.failures = [ApiError(409, {"field": "service", "code": "service_closed",
                                       "message_id": "Layanan sudah tutup.",
                                       "message_en": "The service has closed."})]
    flow.ticket.take()
    tasks.run()
    assert flow.view.step == Step.CONFIRM
    problem = flow.view.problem
    assert problem is not None and problem.message_en == "The service has closed."


def test_returning_visitor_reuses_masked_details_by_reference(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks
) -> None:
    backend.returning = ReturningVisitor(
        reference="ref-1", expires_at=datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
        id_type="KTP", id_number_masked="7502********0001",
        name_masked="S*** A*****", email_masked="s***@example.com", phone_masked=None,
        institution="UNG", occupation="Peneliti/Dosen", purpose="Penelitian")
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    flow.guest_book.select("id_type", "KTP")
    flow.guest_book.edit("id_number", NIK)
    flow.guest_book.next()
    tasks.run()
    assert flow.view.offer is not None
    flow.guest_book.accept_offer()
    assert flow.view.page == 3 and flow.view.form.occupation == "Peneliti/Dosen"
    flow.guest_book.toggle_priority()
    flow.guest_book.next()
    assert flow.view.step == Step.CONFIRM
    flow.ticket.take()
    tasks.run()
    (order,) = backend.orders
    assert order.visitor_reference == "ref-1" and order.priority
    assert order.visitor == {"occupation": "Peneliti/Dosen", "purpose": "Penelitian"}


def test_printer_failure_keeps_the_ticket_and_the_qr(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks
) -> None:
    fill_guest_book(flow, tasks)
    flow.ticket.take()
    tasks.run()
    status = PrinterStatus(PrinterState.PAPER_OUT, "Kertas habis.", "Out of paper.")
    backend.print_results = [PrintResult(False, status, 0, "Tidak dicetak: kertas habis.",
                                         "Not printed: out of paper.")]
    flow.ticket.print()
    assert flow.view.print_state == "printing"
    tasks.run()
    assert flow.view.step == Step.TICKET and flow.view.ticket is not None
    assert flow.view.print_state == "failed"
    assert flow.view.print_message is not None
    assert "out of paper" in flow.view.print_message.message_en


def test_ticket_screen_counts_down_to_welcome(
    flow: KioskFlow, tasks: HeldTasks, clock: Clock
) -> None:
    fill_guest_book(flow, tasks)
    flow.ticket.take()
    tasks.run()
    assert flow.view.countdown == 30
    clock.now += 10
    flow.tick()
    assert flow.view.countdown == 20
    clock.now += 20
    flow.tick()
    assert flow.view.step == Step.WELCOME and flow.view.ticket is None


def test_late_answer_for_a_wiped_visitor_is_dropped(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks
) -> None:
    fill_guest_book(flow, tasks)
    flow.ticket.take()
    flow.wipe()
    tasks.run()
    assert flow.view.step == Step.WELCOME and flow.view.ticket is None


def test_the_pin_leaves_the_kiosk(flow: KioskFlow, tasks: HeldTasks) -> None:
    left: list[bool] = []
    flow.admin.on_exit(lambda: left.append(True))
    flow.admin.ask()
    flow.admin.enter_pin("111111")
    tasks.run()  # the hash is checked on the worker
    assert flow.view.admin_error and not left
    flow.admin.enter_pin(PIN)
    assert not left  # not before the check is done
    tasks.run()
    assert left == [True] and not flow.view.admin
