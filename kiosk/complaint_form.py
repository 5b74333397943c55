"""A complaint as the visitor writes it at the kiosk: the text, an optional contact (email,
phone), an optional link to today's ticket; its pages, and which errors show beside which field.

Plain values, no Kivy: the presenter (``kiosk.presenters.complaint``) keeps one
``ComplaintForm`` and replaces it on every change. The text and the contact are checked with
``shared.core.feedback.complaints.validate_complaint`` (email and phone by
``shared.core.visitors.person_fields``), the
server's own check, so the visitor sees the server's sentence beside the field before anything
is sent. The ticket is picked from today's numbers (numbers only, nothing personal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from shared.api.feedback_models import RateableOut
from shared.core.errors import FieldError, InvalidInput
from shared.core.feedback.complaints import TEXT_MAX, validate_complaint

from .texts import TEXTS

EMAIL_MAX = 254
PHONE_MAX = 20
TICKET_DIGITS = 4
SHOWN = 8

# The pages: what happened; how to reach you (optional); your number today (optional).
PAGES: tuple[tuple[str, ...], ...] = (("text",), ("email", "phone"), ("ticket",))
KEYBOARDS = {"text": "letters", "email": "email", "phone": "digits", "ticket": "digits"}
# The server's field names (``POST /complaints``) -> the form's.
SERVER_FIELDS = {"text": "text", "contact_email": "email", "contact_phone": "phone",
                 "ticket_id": "ticket"}


def _not_chosen() -> FieldError:
    said = TEXTS["complaint_not_chosen"]
    return FieldError("ticket", "not_chosen", said.message_id, said.message_en)


@dataclass(frozen=True)
class ComplaintForm:
    text: str = ""
    email: str = ""
    phone: str = ""
    typed: str = ""  # digits of the ticket number, narrowing today's numbers
    ticket: RateableOut | None = None  # the number tapped
    choices: tuple[RateableOut, ...] = ()  # today's numbers, the latest first
    loaded: bool = False
    page: int = 0
    focus: str = "text"
    errors: Mapping[str, FieldError] = field(default_factory=dict)
    sent: bool = False

    @property
    def keyboard(self) -> str:
        return KEYBOARDS[self.focus]

    @property
    def last_page(self) -> bool:
        return self.page == len(PAGES) - 1

    @property
    def shown(self) -> tuple[RateableOut, ...]:
        """Today's numbers whose digits contain what was typed, at most ``SHOWN``; the one
        tapped always among them."""
        found = [c for c in self.choices if self.typed in c.number.replace("-", "")]
        if self.ticket is not None and self.ticket not in found[:SHOWN]:
            found.insert(0, self.ticket)
        return tuple(found[:SHOWN])

    def value(self, name: str) -> str:
        if name == "ticket":
            return self.typed
        text: str = getattr(self, name)
        return text

    def with_value(self, name: str, value: str) -> ComplaintForm:
        """A changed field loses its error (the visitor is fixing it); typing digits again
        drops the number tapped (the visitor is looking for another)."""
        errors = {k: v for k, v in self.errors.items() if k != name}
        changes: dict[str, Any] = {"errors": errors}
        if name == "text":
            changes["text"] = value[:TEXT_MAX]
        elif name == "email":
            changes["email"] = value.strip()[:EMAIL_MAX]
        elif name == "phone":
            changes["phone"] = value[:PHONE_MAX]
        elif name == "ticket":
            digits = "".join(c for c in value if c.isdigit())[:TICKET_DIGITS]
            if digits == self.typed:
                return self
            changes.update(typed=digits, ticket=None)
        else:
            return self
        return replace(self, **changes)

    def with_ticket(self, ticket_id: int) -> ComplaintForm:
        chosen = next((c for c in self.choices if c.ticket_id == ticket_id), None)
        if chosen is None:
            return self
        if chosen == self.ticket:  # a second tap lets go of it
            return replace(self, ticket=None)
        errors = {k: v for k, v in self.errors.items() if k != "ticket"}
        return replace(self, ticket=chosen, errors=errors)

    def check_page(self, page: int) -> ComplaintForm:
        """The form with the errors of ``page``'s fields (none when all are fine)."""
        names = PAGES[page]
        errors = {k: v for k, v in self.errors.items() if k not in names}
        for error in self._problems():
            if error.field in names and error.field not in errors:
                errors[error.field] = error
        return replace(self, errors=errors)

    def checked(self) -> ComplaintForm:
        """Every page checked; ``page`` moved to the first with an error."""
        form = self
        for page in range(len(PAGES)):
            form = form.check_page(page)
        wrong = form.pages_with_errors()
        return replace(form, page=wrong[0], focus=_first_wrong(form, wrong[0])) if wrong \
            else form

    def pages_with_errors(self) -> list[int]:
        return [i for i, names in enumerate(PAGES) if any(n in self.errors for n in names)]

    def with_server_errors(self, errors: list[FieldError]) -> ComplaintForm:
        """What the server refused, beside the fields (``contact_email`` -> ``email``)."""
        mapped = dict(self.errors)
        for error in errors:
            name = SERVER_FIELDS.get(error.field.rpartition(".")[2])
            if name is not None:
                mapped[name] = replace(error, field=name)
        form = replace(self, errors=mapped)
        wrong = form.pages_with_errors()
        return replace(form, page=wrong[0], focus=_first_wrong(form, wrong[0])) if wrong \
            else form

    def _problems(self) -> list[FieldError]:
        found: list[FieldError] = []
        try:
            validate_complaint(self.text, self.email, self.phone)
        except InvalidInput as exc:
            found = [replace(e, field=SERVER_FIELDS[e.field]) for e in exc.errors
                     if e.field in SERVER_FIELDS]
        if self.typed and self.ticket is None:
            found.append(_not_chosen())
        return found

    def sending(self) -> tuple[str, str | None, str | None, int | None]:
        """``POST /complaints``' text, contact_email, contact_phone and ticket_id."""
        return (self.text.strip(), self.email or None, self.phone.strip() or None,
                self.ticket.ticket_id if self.ticket is not None else None)


def _first_wrong(form: ComplaintForm, page: int) -> str:
    return next(n for n in PAGES[page] if n in form.errors)
