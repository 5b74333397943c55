"""Complaints (pengaduan): what a visitor writes, and how the office handles it.

new -> in progress -> closed; a closed complaint can be taken up again (in progress), never
made new again. Each change may carry the office's reply note.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from shared.core.errors import FieldError, IllegalTransition, InvalidInput
from shared.core.feedback.ratings import check_text
from shared.core.feedback.sentences import FEEDBACK_ERRORS
from shared.core.messages import Sentence
from shared.core.visitors.person_fields import validate_email, validate_phone

TEXT_MIN = 10
TEXT_MAX = 2000
REPLY_MAX = 2000


class ComplaintStatus(enum.StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


STATUS_NAMES = {
    ComplaintStatus.NEW: ("baru", "new"),
    ComplaintStatus.IN_PROGRESS: ("sedang ditangani", "in progress"),
    ComplaintStatus.CLOSED: ("selesai", "closed"),
}

ALLOWED = {
    ComplaintStatus.NEW: {ComplaintStatus.IN_PROGRESS, ComplaintStatus.CLOSED},
    ComplaintStatus.IN_PROGRESS: {ComplaintStatus.CLOSED},
    ComplaintStatus.CLOSED: {ComplaintStatus.IN_PROGRESS},
}


@dataclass(frozen=True)
class Complaint:
    created_at: datetime
    text: str
    channel: str  # kiosk, phone
    contact_email: str | None = None
    contact_phone: str | None = None
    ticket_id: int | None = None
    status: ComplaintStatus = ComplaintStatus.NEW
    reply: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None
    id: int | None = None

    @property
    def open(self) -> bool:
        return self.status is not ComplaintStatus.CLOSED

    def move(self, status: ComplaintStatus, reply: str | None, by: str, at: datetime
             ) -> Complaint:
        """The complaint in ``status``; the same status again only updates the reply."""
        if status is not self.status and status not in ALLOWED[self.status]:
            raise IllegalTransition.said(
                "illegal_transition", field="status", words=FEEDBACK_ERRORS,
                key="complaint_illegal_transition",
                now=Sentence(*STATUS_NAMES[self.status]), to=Sentence(*STATUS_NAMES[status]),
            )
        return replace(self, status=status, reply=reply if reply is not None else self.reply,
                       updated_at=at, updated_by=by)


def validate_complaint(
    text: object, email: object, phone: object
) -> tuple[str, str | None, str | None]:
    """The complaint's text and optional contact, every bad field named at once."""
    errors: list[FieldError] = []
    cleaned: str | None = None
    if not isinstance(text, str):
        errors.append(FieldError.said("text", "required",
                                      words=FEEDBACK_ERRORS, key="complaint_required"))
    else:
        cleaned = check_text(text, "text", TEXT_MAX, FEEDBACK_ERRORS["label.complaint"], errors)
        if cleaned is None:
            errors.append(FieldError.said("text", "required",
                                          words=FEEDBACK_ERRORS, key="complaint_required"))
        elif len(cleaned) < TEXT_MIN and not errors:
            errors.append(FieldError.said("text", "too_short",
                                          words=FEEDBACK_ERRORS, key="complaint_too_short",
                                          least=TEXT_MIN))
    contact_email = contact_phone = None
    if isinstance(email, str) and email.strip():
        try:
            contact_email = validate_email(email, field="contact_email")
        except InvalidInput as exc:
            errors.extend(exc.errors)
    if isinstance(phone, str) and phone.strip():
        try:
            contact_phone = validate_phone(phone, field="contact_phone")
        except InvalidInput as exc:
            errors.extend(exc.errors)
    if errors:
        raise InvalidInput(errors)
    assert cleaned is not None
    return cleaned, contact_email, contact_phone


def validate_reply(reply: object) -> str | None:
    if reply is None:
        return None
    errors: list[FieldError] = []
    if not isinstance(reply, str):
        raise InvalidInput([FieldError.said("reply", "not_text",
                                            words=FEEDBACK_ERRORS,
                                            label=FEEDBACK_ERRORS["label.reply"])])
    cleaned = check_text(reply, "reply", REPLY_MAX, FEEDBACK_ERRORS["label.reply"], errors)
    if errors:
        raise InvalidInput(errors)
    return cleaned
