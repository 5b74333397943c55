"""Rating a finished visit at the kiosk (step 7 of the service standard): the presenter part.

No Kivy. The visitor picks their ticket (typing its digits on a keypad narrows the list of
today's finished numbers: numbers only, nothing personal), types the rating code printed on
the ticket (the proof that the visit is theirs; the server refuses a wrong one and limits
wrong tries per kiosk), taps one of four faces, is invited
to the nine SKM questions (each answered with one tap, or skipped all at once), may leave a
comment, and sees a thank-you. The state lives in ``KioskView.rating`` (``rating_state.py``),
so the idle timeout wipes it with everything else.

Desk mode (``pst-antrian kiosk --mode rating --desk 1``): a tablet at the desk asks the server
every second for the ticket that desk finished last and shows its faces by itself; no code is
asked there, the server accepts that one ticket from its desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from shared.api.client import ApiError
from shared.api.feedback_models import RateableOut, RatingOut
from shared.core.feedback.satisfaction import ELEMENTS

from .errors import offline, refusal
from .rating_state import CODE_DIGITS, COMMENT_MAX, RatingState, Stage
from .view import KioskView, Step

log = logging.getLogger("pst_antrian.kiosk.rating")

T = TypeVar("T")

THANKS_SECONDS = 8  # the rating's thank-you stays this long
BACK = {Stage.CODE: Stage.PICK, Stage.FACES: Stage.PICK, Stage.OFFER: Stage.FACES,
        Stage.COMMENT: Stage.OFFER}


class RatingHost(Protocol):
    """What the rating needs of the kernel."""

    @property
    def view(self) -> KioskView: ...
    def show(self, view: KioskView) -> None: ...
    def touched(self) -> None: ...
    def idle_for(self, now: float) -> float: ...
    def wipe(self) -> None: ...
    def submit_for_visitor(self, job: Callable[[], T],
                           done: Callable[[T | Exception], None]) -> None: ...


class RatingBackend(Protocol):
    def rateable(self, desk: str | None) -> list[RateableOut]: ...
    def rate(self, ticket_id: int, overall: int, skm: list[int] | None,
             comment: str | None, rating_code: str | None = None,
             desk: str | None = None) -> RatingOut: ...


class RatingPresenter:
    def __init__(self, host: RatingHost, backend: RatingBackend, desk: str | None) -> None:
        self._host = host
        self._backend = backend
        # Desk mode (``--mode rating --desk 1``): this tablet only rates that desk's visits.
        self.desk = desk

    def _state(self, state: RatingState) -> None:
        self._host.show(replace(self._host.view, rating=state))

    def start(self) -> None:
        """**Beri Penilaian** on Welcome: today's finished numbers to choose from."""
        self._host.touched()
        self._host.show(replace(self._host.view, step=Step.RATING, rating=RatingState(),
                                problem=None))
        self._load_rateable()

    def _load_rateable(self) -> None:
        desk = self.desk

        def done(result: list[RateableOut] | Exception) -> None:
            if self._host.view.step != Step.RATING:
                return
            state = self._host.view.rating
            if isinstance(result, Exception):
                log.warning("finished tickets not read: %s", result)
                self._state(replace(state, loaded=True, problem=offline()))
                return
            if desk is not None and state.stage == Stage.PICK and result:
                # Desk mode: the visitor the desk just finished, without a tap.
                self._state(replace(state, choices=tuple(result), loaded=True,
                                    ticket=result[0], stage=Stage.FACES, problem=None))
                return
            self._state(replace(state, choices=tuple(result), loaded=True, problem=None))

        self._host.submit_for_visitor(lambda: self._backend.rateable(desk), done)

    def tick(self, now: float) -> None:
        """Desk mode looks for its next visitor; the thank-you ends the visit."""
        view = self._host.view
        if view.step != Step.RATING:
            return
        self.poll_desk()
        if view.rating.stage == Stage.THANKS and self._host.idle_for(now) >= THANKS_SECONDS:
            self._host.wipe()

    def waiting_at_desk(self, view: KioskView) -> bool:
        """A desk tablet waiting for the next visitor is not idle."""
        return (self.desk is not None and view.step == Step.RATING
                and view.rating.stage == Stage.PICK)

    def poll_desk(self) -> None:
        """Desk mode, called every second: look for the ticket the desk just finished."""
        view = self._host.view
        if self.desk is None or view.rating.stage != Stage.PICK or view.step != Step.RATING:
            return
        self._load_rateable()

    def key(self, key: str) -> None:
        """The keypad: a digit, ``back`` (delete one) or ``clear``; it types the ticket's
        number when picking, the rating code after."""
        self._host.touched()
        state = self._host.view.rating
        on_code = state.stage == Stage.CODE
        typed = state.code if on_code else state.typed
        if key == "back":
            typed = typed[:-1]
        elif key == "clear":
            typed = ""
        elif key.isdigit() and len(typed) < (CODE_DIGITS if on_code else 4):
            typed += key
        self._state(replace(state, code=typed) if on_code else replace(state, typed=typed))

    def pick_ticket(self, ticket_id: int) -> None:
        self._host.touched()
        state = self._host.view.rating
        chosen = next((c for c in state.choices if c.ticket_id == ticket_id), None)
        if chosen is not None:
            self._state(replace(state, ticket=chosen, stage=Stage.CODE, code="", problem=None))

    def confirm_code(self) -> None:
        """**Lanjut** under the code: on to the faces; when the server refused the code of
        a rating already filled in, the rating is sent again with the new code."""
        self._host.touched()
        state = self._host.view.rating
        if state.stage != Stage.CODE or len(state.code) != CODE_DIGITS:
            return
        if state.overall is not None:
            self.send()
        else:
            self._state(replace(state, stage=Stage.FACES, problem=None))

    def choose_face(self, overall: int) -> None:
        self._host.touched()
        state = self._host.view.rating
        if overall in (1, 2, 3, 4) and state.ticket is not None:
            self._state(replace(state, overall=overall, stage=Stage.OFFER))

    def take_survey(self) -> None:
        self._host.touched()
        self._state(replace(self._host.view.rating, stage=Stage.QUESTION, answers=()))

    def skip_survey(self) -> None:
        self._host.touched()
        self._state(replace(self._host.view.rating, stage=Stage.COMMENT, answers=()))

    def answer(self, value: int) -> None:
        """One tap answers the question asked and moves on; after the ninth, the comment."""
        self._host.touched()
        state = self._host.view.rating
        if state.stage != Stage.QUESTION or value not in (1, 2, 3, 4):
            return
        answers = state.answers + (value,)
        done = len(answers) == len(ELEMENTS)
        self._state(replace(state, answers=answers,
                            stage=Stage.COMMENT if done else Stage.QUESTION))

    def previous_question(self) -> None:
        self._host.touched()
        state = self._host.view.rating
        if state.stage == Stage.QUESTION and state.answers:
            self._state(replace(state, answers=state.answers[:-1]))
        elif state.stage == Stage.QUESTION:
            self._state(replace(state, stage=Stage.OFFER))

    def comment(self, text: str) -> None:
        self._host.touched()
        self._state(replace(self._host.view.rating, comment=text[:COMMENT_MAX]))

    def send(self) -> None:
        self._host.touched()
        state = self._host.view.rating
        if state.sending or state.ticket is None or state.overall is None:
            return
        ticket, overall = state.ticket, state.overall
        skm = list(state.answers) if len(state.answers) == len(ELEMENTS) else None
        comment = state.comment.strip() or None
        # At a desk the desk is the proof; at the kiosk, the code on the visitor's paper.
        code, desk = (None, self.desk) if self.desk is not None else (state.code, None)
        self._state(replace(state, sending=True, problem=None))

        def done(result: RatingOut | Exception) -> None:
            state = self._host.view.rating
            if isinstance(result, ApiError) and any(
                    e.get("field") == "rating_code" for e in result.field_errors):
                # A wrong code: typed again on the code step; the answers are kept.
                self._state(replace(state, sending=False, stage=Stage.CODE, code="",
                                    problem=refusal(result)))
                return
            if isinstance(result, Exception):
                self._state(replace(state, sending=False, problem=refusal(result)))
                return
            self._state(replace(state, sending=False, stage=Stage.THANKS))

        self._host.submit_for_visitor(
            lambda: self._backend.rate(ticket.ticket_id, overall, skm, comment, code, desk),
            done)

    def back(self) -> None:
        """Back within the rating; from the first stage, to Welcome (or, at a desk, to
        waiting for the next visitor)."""
        self._host.touched()
        state = self._host.view.rating
        if state.stage == Stage.FACES and self.desk is None and not state.sending:
            self._state(replace(state, stage=Stage.CODE, problem=None))
        elif state.stage in BACK and not state.sending:
            self._state(replace(
                state, stage=BACK[state.stage],
                ticket=state.ticket if state.stage not in (Stage.CODE, Stage.FACES) else None,
                code=state.code if state.stage != Stage.CODE else "", problem=None))
        elif state.stage == Stage.QUESTION:
            self.previous_question()
        elif self.desk is not None:
            self._state(RatingState())
        else:
            self._host.show(replace(self._host.view, step=Step.WELCOME, rating=RatingState()))
