"""The kiosk's presenter without a window: a fake server and printer, a set clock, and the
background work run when the test says so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.guest_form import ReturningVisitor
from kiosk.presenters import KioskFlow, Step, Timing
from kiosk.printer import PrinterState, PrinterStatus, PrintResult
from shared.api.client import ApiError, Offline
from tests.support.kiosk_fakes import (
    PIN,
    PIN_HASH,
    TODAY,
    Clock,
    FakeBackend,
    HeldTasks,
    service,
)

NIK = "7502014103030001"


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def flow(backend: FakeBackend, tasks: HeldTasks, kiosk_clock: Clock) -> KioskFlow:
    kiosk = KioskFlow(backend, tasks, kiosk_clock, lambda: TODAY,
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
    backend: FakeBackend, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    backend.services_list = [service(open_=False)]
    kiosk = KioskFlow(backend, tasks, kiosk_clock, lambda: TODAY)
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


def test_idle_warns_then_wipes_everything(flow: KioskFlow, kiosk_clock: Clock) -> None:
    flow.guest_book.choose_service("KONSULTASI")
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    flow.set_lang("en")
    flow.guest_book.edit("id_number", "7502")
    kiosk_clock.now += 59
    flow.tick()
    assert flow.view.idle_countdown is None
    kiosk_clock.now += 1
    flow.tick()
    assert flow.view.idle_countdown == 15
    flow.touched()  # the visitor is back
    assert flow.view.idle_countdown is None and flow.view.form.id_number == "7502"
    kiosk_clock.now += 60 + 15
    flow.tick()
    view = flow.view
    assert view.step == Step.WELCOME and view.lang == "id"
    assert view.form.id_number == "" and not view.consent and view.service is None


def test_unreachable_server_keeps_the_form_and_retries_with_the_same_key(
    flow: KioskFlow, backend: FakeBackend, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    fill_guest_book(flow, tasks)
    backend.failures = [Offline("connection refused"), Offline("connection refused")]
    flow.ticket.take()
    flow.ticket.take()  # a double tap while the first is on its way
    tasks.run()
    assert len(backend.orders) == 1
    assert flow.view.step == Step.CONFIRM and flow.view.problem is not None
    assert flow.view.form.name == "Siti Aisyah Pakaya"
    kiosk_clock.now += 5
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
    flow: KioskFlow, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    fill_guest_book(flow, tasks)
    flow.ticket.take()
    tasks.run()
    assert flow.view.countdown == 30
    kiosk_clock.now += 10
    flow.tick()
    assert flow.view.countdown == 20
    kiosk_clock.now += 20
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
