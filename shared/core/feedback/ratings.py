"""A visitor's rating of a finished visit (step 7 of the service standard), and its rules.

One rating per ticket, only for a finished visit, only within the configured number of
days after it. The overall rating is one tap on four faces (1-4); the nine SKM answers
(see ``shared.core.feedback.satisfaction``) are optional, and so is a comment.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from shared.core.errors import DomainError, FieldError, InvalidInput
from shared.core.feedback.satisfaction import ANSWERS, ELEMENTS
from shared.core.feedback.sentences import FEEDBACK_ERRORS
from shared.core.messages import Sentence
from shared.core.queue.model import Ticket, TicketStatus

COMMENT_MAX = 1000
CHANNELS = ("kiosk", "phone", "desk")
# The proof of the visit a kiosk rating needs: a code printed on the paper ticket and shown
# on the phone page. Four digits keep it easy to type for an elderly visitor; wrong codes
# are limited per kiosk (``WRONG_CODES``), so guessing costs days, not seconds.
RATING_CODE_DIGITS = 4
WRONG_CODES = (5, 60.0)  # 5 wrong codes at once per kiosk, then one more a minute
# The desk tablet's proof instead: the ticket that desk finished last, this recently.
DESK_PROOF_MINUTES = 15


def new_rating_code() -> str:
    """A random code of ``RATING_CODE_DIGITS`` digits (``secrets``: not guessable)."""
    return f"{secrets.randbelow(10 ** RATING_CODE_DIGITS):0{RATING_CODE_DIGITS}d}"


def check_rating_code(ticket: Ticket, code: str | None) -> None:
    """Refuse a kiosk rating whose code is missing or not the one on ``ticket``'s paper."""
    if not code:
        raise InvalidInput([FieldError.said("rating_code", "rating_code_required",
                                            words=FEEDBACK_ERRORS)])
    if not ticket.rating_code or not secrets.compare_digest(
            code.encode(), ticket.rating_code.encode()):
        raise InvalidInput([FieldError.said("rating_code", "wrong_rating_code",
                                            words=FEEDBACK_ERRORS, number=ticket.number)])


@dataclass(frozen=True)
class Rating:
    ticket_id: int
    day: date  # the day of the visit rated: reports count ratings by the visit's day
    rated_at: datetime
    overall: int  # the face tapped, 1 (not satisfied) .. 4 (very satisfied)
    skm: tuple[int, ...] | None  # nine answers 1-4 in element order, or None
    comment: str | None
    channel: str
    id: int | None = None


def clean_text(raw: str | None) -> str | None:
    """NFC, trimmed, runs of spaces collapsed (line breaks kept); None when empty."""
    if raw is None:
        return None
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", raw).splitlines()]
    text = "\n".join(lines).strip()
    return text or None


def check_text(raw: str | None, field: str, max_length: int, label: Sentence,
               errors: list[FieldError]) -> str | None:
    """``raw`` cleaned, or None; a reason added to ``errors`` when it cannot be kept."""
    text = clean_text(raw)
    if text is None:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co") and c != "\n" for c in text):
        errors.append(FieldError.said(field, "invalid_characters",
                                      words=FEEDBACK_ERRORS, label=label))
    elif len(text) > max_length:
        errors.append(FieldError.said(field, "too_long",
                                      words=FEEDBACK_ERRORS, label=label, most=max_length,
                                      typed=len(text)))
    return text


def _answer_error(field: str, value: object) -> FieldError:
    return FieldError.said(field, "answer_out_of_range", words=FEEDBACK_ERRORS, value=value)


def validate_rating(
    overall: object, skm: object, comment: object
) -> tuple[int, tuple[int, ...] | None, str | None]:
    """The rating's values checked; every bad one named in one :class:`InvalidInput`."""
    errors: list[FieldError] = []
    if type(overall) is not int or overall not in ANSWERS:
        errors.append(_answer_error("overall", overall))
    answers: tuple[int, ...] | None = None
    if skm is not None:
        if not isinstance(skm, Sequence) or isinstance(skm, str) or len(skm) != len(ELEMENTS):
            errors.append(FieldError.said("skm", "skm_length",
                                          words=FEEDBACK_ERRORS, count=len(ELEMENTS)))
        else:
            for i, value in enumerate(skm):
                if type(value) is not int or value not in ANSWERS:
                    errors.append(_answer_error(f"skm.{i}", value))
            answers = tuple(int(v) for v in skm) if not errors else None
    text = None
    if comment is not None and not isinstance(comment, str):
        errors.append(FieldError.said("comment", "not_text",
                                      words=FEEDBACK_ERRORS,
                                      label=FEEDBACK_ERRORS["label.comment"]))
    else:
        text = check_text(comment, "comment", COMMENT_MAX, FEEDBACK_ERRORS["label.comment"], errors)
    if errors:
        raise InvalidInput(errors)
    assert isinstance(overall, int)
    return overall, answers, text


def check_rateable(ticket: Ticket, already_rated: bool, today: date, window_days: int) -> None:
    """Refuse (409) a rating of an unfinished visit, a second rating, or a late one."""
    if ticket.status is not TicketStatus.DONE:
        raise DomainError.said("not_finished", field="ticket_id",
                               words=FEEDBACK_ERRORS, number=ticket.number)
    if already_rated:
        raise DomainError.said("already_rated", field="ticket_id",
                               words=FEEDBACK_ERRORS, number=ticket.number)
    if today > ticket.day + timedelta(days=window_days):
        raise DomainError.said("rating_closed", field="ticket_id",
                               words=FEEDBACK_ERRORS, number=ticket.number,
                               days=window_days)
