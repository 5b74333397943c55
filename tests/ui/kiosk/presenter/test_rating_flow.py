"""Rating at the kiosk, the presenter without a window: pick the number, type the ticket's
rating code, a face, the nine SKM answers, a comment, thank you; refusals in the server's
words (a wrong code sends the visitor back to the code, answers kept); idle wipe; desk mode."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.presenters import KioskFlow, Stage, Step, Timing
from shared.api.client import ApiError, Offline
from shared.api.feedback_models import RateableOut, RatingOut
from tests.support.kiosk_fakes import TODAY, Clock, FakeBackend, HeldTasks

FINISHED = [RateableOut(ticket_id=12, number="K-012", service="KONSULTASI", desk="1"),
            RateableOut(ticket_id=7, number="K-007", service="KONSULTASI", desk="2"),
            RateableOut(ticket_id=3, number="P-002", service="PERPUSTAKAAN", desk="2")]
CODES = {12: "1212", 7: "4821", 3: "0042"}  # the rating code printed on each ticket


class RatingBackend(FakeBackend):
    def __init__(self) -> None:
        super().__init__()
        self.finished = list(FINISHED)
        self.ratings: list[tuple[int, int, list[int] | None, str | None]] = []
        self.refusal: Exception | None = None
        self.asked_desks: list[str | None] = []
        self.proofs: list[tuple[str | None, str | None]] = []  # (rating code, desk) sent

    def rateable(self, desk: str | None) -> list[RateableOut]:
        self.asked_desks.append(desk)
        return [f for f in self.finished if desk is None or f.desk == desk]

    def rate(self, ticket_id: int, overall: int, skm: list[int] | None,
             comment: str | None, rating_code: str | None = None,
             desk: str | None = None) -> RatingOut:
        self.proofs.append((rating_code, desk))
        if self.refusal is not None:
            raise self.refusal
        if desk is None and rating_code != CODES[ticket_id]:  # as the server refuses it
            raise ApiError(422, [{"field": "rating_code", "code": "wrong_rating_code",
                                  "message_id": "Kode penilaian tidak cocok.",
                                  "message_en": "The rating code does not match."}])
        self.ratings.append((ticket_id, overall, skm, comment))
        return RatingOut(id=1, ticket_id=ticket_id, overall=overall, skm=skm, comment=comment,
                         rated_at=datetime(2026, 11, 30, 2, 0, tzinfo=UTC), channel="kiosk")


@pytest.fixture
def backend() -> RatingBackend:
    return RatingBackend()


def make(backend: RatingBackend, tasks: HeldTasks, clock: Clock,
         desk: str | None = None) -> KioskFlow:
    kiosk = KioskFlow(backend, tasks, clock, lambda: TODAY,
                      Timing(idle_seconds=60, idle_warning_seconds=15), desk=desk)
    kiosk.start()
    tasks.run()
    return kiosk


def type_code(flow: KioskFlow, code: str) -> None:
    for digit in code:
        flow.rating.key(digit)
    flow.rating.confirm_code()


def test_pick_faces_nine_answers_comment_thanks(backend: RatingBackend, tasks: HeldTasks,
                                                 kiosk_clock: Clock) -> None:
    flow = make(backend, tasks, kiosk_clock)
    flow.rating.start()
    assert flow.view.step == Step.RATING and flow.view.rating.stage == Stage.PICK
    tasks.run()
    assert [c.number for c in flow.view.rating.shown] == ["K-012", "K-007", "P-002"]
    for key in "0", "7":
        flow.rating.key(key)
    assert [c.number for c in flow.view.rating.shown] == ["K-007"]
    flow.rating.key("back")
    assert [c.number for c in flow.view.rating.shown] == ["K-012", "K-007", "P-002"]
    flow.rating.pick_ticket(7)
    assert flow.view.rating.stage == Stage.CODE
    flow.rating.key("4")
    flow.rating.confirm_code()  # three digits short: nothing happens
    assert flow.view.rating.stage == Stage.CODE and flow.view.rating.code == "4"
    for key in "8", "2", "1", "9":  # a fifth digit is not taken
        flow.rating.key(key)
    assert flow.view.rating.code == "4821"
    flow.rating.confirm_code()
    assert flow.view.rating.stage == Stage.FACES
    flow.rating.choose_face(4)
    assert flow.view.rating.stage == Stage.OFFER
    flow.rating.take_survey()
    answers = [4, 3, 4, 4, 3, 4, 4, 3, 3]
    for n, value in enumerate(answers):
        assert flow.view.rating.stage == Stage.QUESTION and flow.view.rating.question == n
        flow.rating.answer(value)
    assert flow.view.rating.stage == Stage.COMMENT
    flow.rating.comment("Petugas ramah")
    flow.rating.send()
    flow.rating.send()  # an impatient second tap sends nothing more
    tasks.run()
    assert backend.ratings == [(7, 4, answers, "Petugas ramah")]
    assert backend.proofs == [("4821", None)]
    assert flow.view.rating.stage == Stage.THANKS
    kiosk_clock.now += 8
    flow.tick()
    assert flow.view.step == Step.WELCOME and flow.view.rating.ticket is None


def test_skipping_the_survey_sends_faces_only(backend: RatingBackend, tasks: HeldTasks,
                                               kiosk_clock: Clock) -> None:
    flow = make(backend, tasks, kiosk_clock)
    flow.rating.start()
    tasks.run()
    flow.rating.pick_ticket(12)
    type_code(flow, "1212")
    flow.rating.choose_face(2)
    flow.rating.skip_survey()
    flow.rating.send()
    tasks.run()
    assert backend.ratings == [(12, 2, None, None)]


def test_a_refusal_is_said_in_the_servers_words(backend: RatingBackend, tasks: HeldTasks,
                                                kiosk_clock: Clock) -> None:
    backend.refusal = ApiError(409, {"field": "ticket_id", "code": "already_rated",
                                     "message_id": "Tiket K-012 sudah dinilai.",
                                     "message_en": "Ticket K-012 has been rated already."})
    flow = make(backend, tasks, kiosk_clock)
    flow.rating.start()
    tasks.run()
    flow.rating.pick_ticket(12)
    type_code(flow, "1212")
    flow.rating.choose_face(3)
    flow.rating.skip_survey()
    flow.rating.send()
    tasks.run()
    problem = flow.view.rating.problem
    assert problem is not None and problem.message_id == "Tiket K-012 sudah dinilai."
    assert flow.view.rating.stage == Stage.COMMENT and not flow.view.rating.sending
    backend.refusal = Offline("no route")
    flow.rating.send()
    tasks.run()
    assert "tidak terjangkau" in (flow.view.rating.problem or problem).message_id


def test_back_steps_and_idle_wipes_the_rating(backend: RatingBackend, tasks: HeldTasks,
                                              kiosk_clock: Clock) -> None:
    flow = make(backend, tasks, kiosk_clock)
    flow.rating.start()
    tasks.run()
    flow.rating.pick_ticket(12)
    type_code(flow, "1212")
    flow.rating.choose_face(4)
    flow.rating.take_survey()
    flow.rating.answer(4)
    flow.rating.back()
    assert flow.view.rating.question == 0
    flow.rating.back()
    assert flow.view.rating.stage == Stage.OFFER
    kiosk_clock.now += 60
    flow.tick()
    assert flow.view.idle_countdown == 15
    kiosk_clock.now += 15
    flow.tick()
    assert flow.view.step == Step.WELCOME and flow.view.rating.overall is None


def test_desk_mode_shows_the_desks_finished_visitor_by_itself(
    backend: RatingBackend, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    backend.finished = []
    flow = make(backend, tasks, kiosk_clock, desk="2")
    assert flow.view.step == Step.RATING
    flow.tick()
    tasks.run()
    assert flow.view.rating.stage == Stage.PICK and backend.asked_desks[-1] == "2"
    kiosk_clock.now += 600
    flow.tick()  # waiting for the next visitor is not idle
    assert flow.view.idle_countdown is None
    backend.finished = list(FINISHED)  # the officer at desk 2 finishes K-007
    kiosk_clock.now += 1
    flow.tick()
    tasks.run()
    assert flow.view.rating.stage == Stage.FACES and flow.view.rating.ticket == FINISHED[1]
    flow.rating.choose_face(3)
    flow.rating.skip_survey()
    flow.rating.send()
    tasks.run()
    assert backend.proofs == [(None, "2")]  # the desk is the proof, no code asked
    kiosk_clock.now += 8
    flow.tick()
    # ready for the next
    assert flow.view.step == Step.RATING and flow.view.rating.stage == Stage.PICK


def test_a_wrong_code_goes_back_to_the_code_with_the_answers_kept(
    backend: RatingBackend, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    flow = make(backend, tasks, kiosk_clock)
    flow.rating.start()
    tasks.run()
    flow.rating.pick_ticket(7)
    type_code(flow, "4812")  # two digits swapped
    flow.rating.choose_face(4)
    flow.rating.skip_survey()
    flow.rating.comment("Cepat")
    flow.rating.send()
    tasks.run()
    state = flow.view.rating
    assert state.stage == Stage.CODE and state.code == "" and not state.sending
    assert state.problem is not None and state.problem.message_id == "Kode penilaian tidak cocok."
    assert (state.overall, state.comment) == (4, "Cepat")
    type_code(flow, "4821")  # Lanjut sends the rating filled in before
    tasks.run()
    assert backend.ratings == [(7, 4, None, "Cepat")]
    assert flow.view.rating.stage == Stage.THANKS



def test_a_desk_tablet_waiting_for_its_next_visitor_never_counts_down(
    backend: RatingBackend, tasks: HeldTasks, kiosk_clock: Clock
) -> None:
    backend.finished = []
    flow = make(backend, tasks, kiosk_clock, desk="2")
    for _ in range(3):
        kiosk_clock.now += 61  # past the idle time, short of the wipe
        flow.tick()
        tasks.run()
        assert flow.view.idle_countdown is None and flow.view.step == Step.RATING
