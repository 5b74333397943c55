"""Rating a finished visit at the kiosk (step 7 of the service standard): the presenter part.

No Kivy. The visitor picks their ticket (typing its digits on a keypad narrows the list of
today's finished numbers: numbers only, nothing personal), types the rating code printed on
the ticket (the proof that the visit is theirs; the server refuses a wrong one and limits
wrong tries per kiosk), taps one of four faces, is invited
to the nine SKM questions (each answered with one tap, or skipped all at once), may leave a
comment, and sees a thank-you. The state lives in ``KioskView.rating``, so the idle timeout
wipes it with everything else.

Desk mode (``pst-antrian kiosk --mode rating --desk 1``): a tablet at the desk asks the server
every second for the ticket that desk finished last and shows its faces by itself; no code is
asked there, the server accepts that one ticket from its desk.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any

from shared.api.client import ApiError, ClientError
from shared.api.feedback_models import RateableOut, RatingOut
from shared.core.feedback.satisfaction import ELEMENTS

from ..complaint_form import ComplaintForm
from ..texts import Text

log = logging.getLogger("pst_antrian.kiosk.rating")

RATING = "rating"
PICK, CODE, FACES, OFFER, QUESTION, COMMENT, THANKS = (
    "pick", "code", "faces", "offer", "question", "comment", "thanks")
CODE_DIGITS = 4  # shared.core.feedback.ratings.RATING_CODE_DIGITS
COMMENT_MAX = 300
SHOWN = 12


@dataclass(frozen=True)
class RatingState:
    stage: str = PICK
    choices: tuple[RateableOut, ...] = ()
    typed: str = ""  # digits typed on the keypad, narrowing the list
    code: str = ""  # the rating code printed on the ticket, as typed
    loaded: bool = False
    ticket: RateableOut | None = None
    overall: int | None = None
    answers: tuple[int, ...] = ()
    comment: str = ""
    # the complaint form (``kiosk.complaint``); once sent, the thank-you says so
    complaint: ComplaintForm = field(default_factory=ComplaintForm)
    sending: bool = False
    problem: Text | None = None

    @property
    def shown(self) -> tuple[RateableOut, ...]:
        """The finished numbers whose digits contain what was typed, at most ``SHOWN``."""
        found = [c for c in self.choices if self.typed in c.number.replace("-", "")]
        return tuple(found[:SHOWN])

    @property
    def question(self) -> int:
        """The element now asked (index into ``ELEMENTS``)."""
        return len(self.answers)


class RatingActions:
    """The rating half of :class:`kiosk.flow.KioskFlow` (mixed in; uses its view, tasks,
    backend and ``touched``)."""

    view: Any
    desk: str | None
    _tasks: Any
    _backend: Any
    _session: int

    def touched(self) -> None: ...
    def _show(self, **changes: Any) -> None: ...

    def _rating(self, **changes: Any) -> None:
        self._show(rating=replace(self.view.rating, **changes))

    def start_rating(self) -> None:
        """**Beri Penilaian** on Welcome: today's finished numbers to choose from."""
        self.touched()
        self._show(step=RATING, rating=RatingState(), problem=None)
        self._load_rateable()

    def _load_rateable(self) -> None:
        session = self._session
        desk = self.desk

        def done(result: list[RateableOut] | Exception) -> None:
            if session != self._session or self.view.step != RATING:
                return
            state = self.view.rating
            if isinstance(result, Exception):
                log.warning("finished tickets not read: %s", result)
                self._rating(loaded=True, problem=_offline())
                return
            if desk is not None and state.stage == PICK and result:
                # Desk mode: the visitor the desk just finished, without a tap.
                self._rating(choices=tuple(result), loaded=True, ticket=result[0],
                             stage=FACES, problem=None)
                return
            self._rating(choices=tuple(result), loaded=True, problem=None)

        self._tasks.submit(lambda: self._backend.rateable(desk), done)

    def poll_desk(self) -> None:
        """Desk mode, called every second: look for the ticket the desk just finished."""
        if self.desk is None or self.view.rating.stage != PICK or self.view.step != RATING:
            return
        self._load_rateable()

    def rating_key(self, key: str) -> None:
        """The keypad: a digit, ``back`` (delete one) or ``clear``; it types the ticket's
        number when picking, the rating code after."""
        self.touched()
        state = self.view.rating
        field_name = "code" if state.stage == CODE else "typed"
        typed = getattr(state, field_name)
        if key == "back":
            typed = typed[:-1]
        elif key == "clear":
            typed = ""
        elif key.isdigit() and len(typed) < (CODE_DIGITS if state.stage == CODE else 4):
            typed += key
        self._rating(**{field_name: typed})

    def pick_ticket(self, ticket_id: int) -> None:
        self.touched()
        chosen = next((c for c in self.view.rating.choices if c.ticket_id == ticket_id), None)
        if chosen is not None:
            self._rating(ticket=chosen, stage=CODE, code="", problem=None)

    def confirm_code(self) -> None:
        """**Lanjut** under the code: on to the faces; when the server refused the code of
        a rating already filled in, the rating is sent again with the new code."""
        self.touched()
        state = self.view.rating
        if state.stage != CODE or len(state.code) != CODE_DIGITS:
            return
        if state.overall is not None:
            self.send_rating()
        else:
            self._rating(stage=FACES, problem=None)

    def choose_face(self, overall: int) -> None:
        self.touched()
        if overall in (1, 2, 3, 4) and self.view.rating.ticket is not None:
            self._rating(overall=overall, stage=OFFER)

    def take_survey(self) -> None:
        self.touched()
        self._rating(stage=QUESTION, answers=())

    def skip_survey(self) -> None:
        self.touched()
        self._rating(stage=COMMENT, answers=())

    def answer(self, value: int) -> None:
        """One tap answers the question asked and moves on; after the ninth, the comment."""
        self.touched()
        state = self.view.rating
        if state.stage != QUESTION or value not in (1, 2, 3, 4):
            return
        answers = state.answers + (value,)
        self._rating(answers=answers,
                     stage=COMMENT if len(answers) == len(ELEMENTS) else QUESTION)

    def previous_question(self) -> None:
        self.touched()
        state = self.view.rating
        if state.stage == QUESTION and state.answers:
            self._rating(answers=state.answers[:-1])
        elif state.stage == QUESTION:
            self._rating(stage=OFFER)

    def rating_comment(self, text: str) -> None:
        self.touched()
        self._rating(comment=text[:COMMENT_MAX])

    def send_rating(self) -> None:
        self.touched()
        state = self.view.rating
        if state.sending or state.ticket is None or state.overall is None:
            return
        session = self._session
        ticket, overall = state.ticket, state.overall
        skm = list(state.answers) if len(state.answers) == len(ELEMENTS) else None
        comment = state.comment.strip() or None
        # At a desk the desk is the proof; at the kiosk, the code on the visitor's paper.
        code, desk = (None, self.desk) if self.desk is not None else (state.code, None)
        self._rating(sending=True, problem=None)

        def done(result: RatingOut | Exception) -> None:
            if session != self._session:
                return
            if isinstance(result, ApiError) and any(
                    e.get("field") == "rating_code" for e in result.field_errors):
                # A wrong code: typed again on the code step; the answers are kept.
                self._rating(sending=False, stage=CODE, code="", problem=refusal(result))
                return
            if isinstance(result, Exception):
                self._rating(sending=False, problem=refusal(result))
                return
            self._rating(sending=False, stage=THANKS)

        self._tasks.submit(
            lambda: self._backend.rate(ticket.ticket_id, overall, skm, comment, code, desk),
            done)

    def rating_back(self) -> None:
        """Back within the rating; from the first stage, to Welcome (or, at a desk, to
        waiting for the next visitor)."""
        self.touched()
        state = self.view.rating
        if state.stage == FACES and self.desk is None and not state.sending:
            self._rating(stage=CODE, problem=None)
        elif state.stage in (CODE, FACES, OFFER, COMMENT) and not state.sending:
            self._rating(stage={CODE: PICK, FACES: PICK, OFFER: FACES,
                                COMMENT: OFFER}[state.stage],
                         ticket=state.ticket if state.stage not in (CODE, FACES) else None,
                         code=state.code if state.stage != CODE else "", problem=None)
        elif state.stage == QUESTION:
            self.previous_question()
        elif self.desk is not None:
            self._show(rating=RatingState())
        else:
            self._show(step="welcome", rating=RatingState())


def _offline() -> Text:
    return Text("Server antrian tidak terjangkau. Silakan coba lagi sebentar lagi.",
                "The queue server cannot be reached. Please try again in a moment.")


def refusal(error: Exception) -> Text:
    """The server's own sentence (already rated, not finished, too late), or offline."""
    if isinstance(error, ApiError):
        return Text(error.message_id, error.message_en)
    if isinstance(error, ClientError):
        return _offline()
    raise error
