"""The rating's own state (``KioskView.rating``): its stage, the numbers to pick from, the code,
the answers, and the complaint form, whose thank-you is the rating's. Plain values, no Kivy."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from shared.api.feedback_models import RateableOut

from ..complaint_form import ComplaintForm
from ..texts import Sentence

CODE_DIGITS = 4  # shared.core.feedback.ratings.RATING_CODE_DIGITS
COMMENT_MAX = 300
SHOWN = 12


class Stage(StrEnum):
    """Where the visitor is within the rating screen."""

    PICK = "pick"
    CODE = "code"
    FACES = "faces"
    OFFER = "offer"
    QUESTION = "question"
    COMMENT = "comment"
    THANKS = "thanks"


@dataclass(frozen=True)
class RatingState:
    stage: Stage = Stage.PICK
    choices: tuple[RateableOut, ...] = ()
    typed: str = ""  # digits typed on the keypad, narrowing the list
    code: str = ""  # the rating code printed on the ticket, as typed
    loaded: bool = False
    ticket: RateableOut | None = None
    overall: int | None = None
    answers: tuple[int, ...] = ()
    comment: str = ""
    # the complaint form (``presenters.complaint``); once sent, the thank-you says so
    complaint: ComplaintForm = field(default_factory=ComplaintForm)
    sending: bool = False
    problem: Sentence | None = None

    @property
    def shown(self) -> tuple[RateableOut, ...]:
        """The finished numbers whose digits contain what was typed, at most ``SHOWN``."""
        found = [c for c in self.choices if self.typed in c.number.replace("-", "")]
        return tuple(found[:SHOWN])

    @property
    def question(self) -> int:
        """The element now asked (index into ``ELEMENTS``)."""
        return len(self.answers)
