"""A complaint at the kiosk, the presenter without a window: the text, an optional contact,
an optional link to today's number; each page checked before the next (the errors beside
their field, in the visitor's language), nothing sent until valid; the idle timeout wipes it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.complaint_form import ComplaintForm
from kiosk.presenters import KioskFlow, Stage, Step, Timing
from shared.api.client import ApiError, Offline
from shared.api.feedback_models import ComplaintOut, RateableOut
from tests.support.kiosk_fakes import TODAY, Clock, FakeBackend, HeldTasks

TODAYS = [RateableOut(ticket_id=14, number="K-014", service="KONSULTASI", desk=None),
          RateableOut(ticket_id=12, number="K-012", service="KONSULTASI", desk="1"),
          RateableOut(ticket_id=3, number="P-002", service="PERPUSTAKAAN", desk="2")]
Sent = tuple[str, str | None, str | None, int | None]


class ComplaintBackend(FakeBackend):
    def __init__(self) -> None:
        super().__init__()
        self.complaints: list[Sent] = []
        self.refusal: Exception | None = None

    def rateable(self, desk: str | None) -> list[RateableOut]:
        return []

    def todays_tickets(self) -> list[RateableOut]:
        return list(TODAYS)

    def file_complaint(self, text: str, email: str | None, phone: str | None,
                       ticket_id: int | None) -> ComplaintOut:
        if self.refusal is not None:
            raise self.refusal
        self.complaints.append((text, email, phone, ticket_id))
        return ComplaintOut(id=1, created_at=datetime(2026, 11, 30, 2, tzinfo=UTC), text=text,
                            contact_email=email, contact_phone=phone, ticket_id=ticket_id,
                            channel="kiosk", status="new", status_name="baru", reply=None,
                            updated_at=None, updated_by=None)


@pytest.fixture
def backend() -> ComplaintBackend:
    return ComplaintBackend()


def opened(backend: ComplaintBackend, tasks: HeldTasks, clock: Clock) -> KioskFlow:
    flow = KioskFlow(backend, tasks, clock, lambda: TODAY,
                     Timing(idle_seconds=60, idle_warning_seconds=15))
    flow.start()
    tasks.run()
    flow.rating.start()
    tasks.run()
    flow.complaint.start()
    tasks.run()
    return flow


def form(flow: KioskFlow) -> ComplaintForm:
    complaint: ComplaintForm = flow.view.rating.complaint
    return complaint


def error(flow: KioskFlow, name: str, lang: str = "id") -> str:
    found = form(flow).errors.get(name)
    return found.message(lang) if found else ""


def test_text_contact_and_ticket_checked_page_by_page_then_sent(
        backend: ComplaintBackend, tasks: HeldTasks, kiosk_clock: Clock) -> None:
    flow = opened(backend, tasks, kiosk_clock)
    assert flow.view.step == Step.COMPLAINT and form(flow).page == 0
    assert form(flow).keyboard == "letters"
    flow.complaint.next()  # nothing written
    assert error(flow, "text") == "Mohon tuliskan pengaduan Anda."
    flow.complaint.edit("text", "AC mati")
    assert error(flow, "text") == ""  # being fixed
    flow.complaint.next()
    assert "paling sedikit 10 karakter" in error(flow, "text")
    assert form(flow).page == 0
    flow.complaint.edit("text", "AC ruang tunggu mati sejak pagi")
    flow.complaint.next()
    assert form(flow).page == 1 and form(flow).focus == "email"
    assert form(flow).keyboard == "email"

    flow.complaint.edit("email", "siti@gmail")
    flow.complaint.focus("phone")
    assert form(flow).keyboard == "digits"
    flow.complaint.edit("phone", "12")
    flow.complaint.next()
    assert form(flow).page == 1
    assert "email" in error(flow, "email", "en").lower()
    assert error(flow, "phone") != "" and error(flow, "phone", "en") != error(flow, "phone")
    assert form(flow).focus == "email"  # the first wrong field
    flow.complaint.edit("email", "siti@gmail.com")
    flow.complaint.edit("phone", "0812 3456 7890")
    flow.complaint.next()
    assert form(flow).page == 2 and form(flow).keyboard == "digits"

    assert [t.number for t in form(flow).shown] == ["K-014", "K-012", "P-002"]
    flow.complaint.edit("ticket", "1x")  # digits only
    assert form(flow).typed == "1"
    flow.complaint.edit("ticket", "12")
    assert [t.number for t in form(flow).shown] == ["K-012"]
    flow.complaint.next()  # digits typed, no number tapped
    assert error(flow, "ticket") == "Sentuh nomor Anda di daftar, atau hapus angkanya."
    assert backend.complaints == []  # nothing sent until valid
    flow.complaint.pick_ticket(12)
    assert error(flow, "ticket") == "" and form(flow).ticket == TODAYS[1]
    flow.complaint.next()  # the last page's button sends
    flow.complaint.next()  # an impatient second tap sends nothing more
    tasks.run()
    assert backend.complaints == [
        ("AC ruang tunggu mati sejak pagi", "siti@gmail.com", "0812 3456 7890", 12)]
    assert flow.view.step == Step.RATING and flow.view.rating.stage == Stage.THANKS
    assert form(flow).sent
    kiosk_clock.now += 8
    flow.tick()
    assert flow.view.step == Step.WELCOME and form(flow) == ComplaintForm()


def test_contact_and_ticket_may_stay_empty(backend: ComplaintBackend, tasks: HeldTasks,
                                           kiosk_clock: Clock) -> None:
    flow = opened(backend, tasks, kiosk_clock)
    flow.complaint.edit("text", "Antrian terlalu lama hari ini")
    for _ in range(3):
        flow.complaint.next()
    tasks.run()
    assert backend.complaints == [("Antrian terlalu lama hari ini", None, None, None)]


def test_back_walks_the_pages_then_returns_to_the_rating(
        backend: ComplaintBackend, tasks: HeldTasks, kiosk_clock: Clock) -> None:
    flow = opened(backend, tasks, kiosk_clock)
    flow.complaint.edit("text", "Antrian terlalu lama hari ini")
    flow.complaint.next()
    flow.complaint.back()
    assert form(flow).page == 0 and form(flow).text == "Antrian terlalu lama hari ini"
    flow.complaint.back()
    assert flow.view.step == Step.RATING and flow.view.rating.stage == Stage.PICK


def test_a_tapped_number_tapped_again_is_let_go(backend: ComplaintBackend, tasks: HeldTasks,
                                               kiosk_clock: Clock) -> None:
    flow = opened(backend, tasks, kiosk_clock)
    flow.complaint.pick_ticket(14)
    assert form(flow).ticket == TODAYS[0]
    flow.complaint.pick_ticket(14)
    assert form(flow).ticket is None
    flow.complaint.pick_ticket(14)
    flow.complaint.edit("ticket", "0")  # typing again: looking for another number
    assert form(flow).ticket is None


def test_what_the_server_still_refuses_shows_beside_the_field(
        backend: ComplaintBackend, tasks: HeldTasks, kiosk_clock: Clock) -> None:
    flow = opened(backend, tasks, kiosk_clock)
    flow.complaint.edit("text", "Antrian terlalu lama hari ini")
    flow.complaint.next()
    flow.complaint.edit("email", "siti@gmail.com")
    flow.complaint.next()
    backend.refusal = ApiError(422, [{"field": "contact_email", "code": "email_domain",
                                      "message_id": "Domain email tidak ditemukan.",
                                      "message_en": "The email domain does not exist."}])
    flow.complaint.next()
    tasks.run()
    assert flow.view.step == Step.COMPLAINT and form(flow).page == 1
    assert error(flow, "email", "en") == "The email domain does not exist."
    assert not flow.view.rating.sending

    backend.refusal = Offline("down")
    flow.complaint.edit("email", "siti@yahoo.com")
    flow.complaint.next()
    flow.complaint.next()
    tasks.run()
    problem = flow.view.rating.problem
    assert problem is not None and "tidak terjangkau" in problem.message_id
    assert form(flow).email == "siti@yahoo.com"  # kept for another try
    backend.refusal = None
    flow.complaint.next()
    tasks.run()
    assert backend.complaints == [("Antrian terlalu lama hari ini", "siti@yahoo.com", None,
                                   None)]


def test_the_idle_timeout_wipes_the_form(backend: ComplaintBackend, tasks: HeldTasks,
                                         kiosk_clock: Clock) -> None:
    flow = opened(backend, tasks, kiosk_clock)
    flow.complaint.edit("text", "Petugas meja 2 tidak ramah")
    flow.complaint.next()
    flow.complaint.edit("email", "siti@gmail.com")
    kiosk_clock.now += 61
    flow.tick()
    assert flow.view.idle_countdown is not None
    kiosk_clock.now += 15
    flow.tick()
    assert flow.view.step == Step.WELCOME
    assert form(flow) == ComplaintForm() and backend.complaints == []
