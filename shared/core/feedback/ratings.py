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
        raise InvalidInput([FieldError(
            "rating_code", "rating_code_required",
            "Mohon ketik kode penilaian yang tercetak pada tiket Anda.",
            "Please type the rating code printed on your ticket.",
        )])
    if not ticket.rating_code or not secrets.compare_digest(
            code.encode(), ticket.rating_code.encode()):
        raise InvalidInput([FieldError(
            "rating_code", "wrong_rating_code",
            f"Kode penilaian tidak cocok dengan tiket {ticket.number}. Periksa kode"
            " pada tiket Anda, lalu coba lagi.",
            f"The rating code does not match ticket {ticket.number}. Check the code on"
            " your ticket and try again.",
        )])


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


def check_text(raw: str | None, field: str, max_length: int, label: tuple[str, str],
               errors: list[FieldError]) -> str | None:
    """``raw`` cleaned, or None; a reason added to ``errors`` when it cannot be kept."""
    text = clean_text(raw)
    if text is None:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co") and c != "\n" for c in text):
        errors.append(FieldError(
            field, "invalid_characters",
            f"{label[0]} memuat karakter yang tidak dapat dipakai. Mohon ketik ulang.",
            f"The {label[1]} contains characters that cannot be used.",
        ))
    elif len(text) > max_length:
        errors.append(FieldError(
            field, "too_long",
            f"{label[0]} terlalu panjang: paling banyak {max_length} karakter"
            f" (Anda mengetik {len(text)}).",
            f"The {label[1]} is too long: at most {max_length} characters"
            f" (you typed {len(text)}).",
        ))
    return text


def _answer_error(field: str, value: object) -> FieldError:
    return FieldError(
        field, "answer_out_of_range",
        f"Jawaban harus angka 1 sampai 4 (diterima: {value!r}).",
        f"The answer must be a number from 1 to 4 (got {value!r}).",
    )


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
            errors.append(FieldError(
                "skm", "skm_length",
                f"Survei SKM harus berisi {len(ELEMENTS)} jawaban, satu per unsur.",
                f"The SKM survey must have {len(ELEMENTS)} answers, one per element.",
            ))
        else:
            for i, value in enumerate(skm):
                if type(value) is not int or value not in ANSWERS:
                    errors.append(_answer_error(f"skm.{i}", value))
            answers = tuple(int(v) for v in skm) if not errors else None
    text = None
    if comment is not None and not isinstance(comment, str):
        errors.append(FieldError("comment", "not_text", "Komentar harus berupa teks.",
                                 "The comment must be text."))
    else:
        text = check_text(comment, "comment", COMMENT_MAX, ("Komentar", "comment"), errors)
    if errors:
        raise InvalidInput(errors)
    assert isinstance(overall, int)
    return overall, answers, text


def check_rateable(ticket: Ticket, already_rated: bool, today: date, window_days: int) -> None:
    """Refuse (409) a rating of an unfinished visit, a second rating, or a late one."""
    if ticket.status is not TicketStatus.DONE:
        raise DomainError(
            "not_finished",
            f"Tiket {ticket.number} belum selesai dilayani, jadi belum dapat dinilai.",
            f"Ticket {ticket.number} has not been served to the end, so it cannot be rated"
            " yet.",
            field="ticket_id",
        )
    if already_rated:
        raise DomainError(
            "already_rated",
            f"Tiket {ticket.number} sudah dinilai. Terima kasih, satu penilaian per kunjungan.",
            f"Ticket {ticket.number} has been rated already. Thank you: one rating per visit.",
            field="ticket_id",
        )
    if today > ticket.day + timedelta(days=window_days):
        raise DomainError(
            "rating_closed",
            f"Penilaian tiket {ticket.number} hanya dapat diberikan sampai {window_days} hari"
            " setelah kunjungan.",
            f"Ticket {ticket.number} could be rated only up to {window_days} days after the"
            " visit.",
            field="ticket_id",
        )
