"""The guest book as the visitor fills it in: what it holds, its pages, and which errors show.

Plain values and functions: ``presenters/guest_book.py`` keeps one ``GuestForm``, replacing
it on every change. Fields are checked with ``shared.core.visitors.guest_form``, the module the
server uses, so the visitor sees the server's own sentence beside the field before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from shared.api.models import VisitorPrefill
from shared.core.errors import FieldError, InvalidInput
from shared.core.visitors.fields import VISITOR_FIELDS
from shared.core.visitors.guest_form import validate_visitor

TEXT_FIELDS = ("id_number", "name", "email", "phone", "institution")
CHOICE_FIELDS = ("id_type", "occupation", "purpose")

# The guest book's pages: a few fields each, so the on-screen keyboard fits below them at
# every screen size without covering a field.
PAGES: tuple[tuple[str, ...], ...] = (
    ("id_type", "id_number"),
    ("name", "email"),
    ("phone", "institution"),
    ("occupation", "purpose", "priority"),
)
# The pages a returning visitor skips when reusing the earlier (masked) details.
REUSED_PAGES = (1, 2)
# What the server holds for a returning visitor; the kiosk only ever saw them masked.
REUSED_FIELDS = frozenset({"id_number", "name", "email", "phone", "institution"})

# Which on-screen keyboard a field gets.
KEYBOARDS: dict[str, str] = {
    "name": "letters",
    "email": "email",
    "phone": "digits",
    "institution": "letters",
}


def keyboard_for(field_name: str, id_type: str) -> str:
    if field_name == "id_number":
        return "letters" if id_type in ("PASPOR", "LAINNYA") else "digits"
    return KEYBOARDS.get(field_name, "none")


# A returning visitor's earlier details as the server shows them: masked, plus a short-lived
# ``reference`` that stands for the clear values when taking the ticket. The API's own shape.
ReturningVisitor = VisitorPrefill


@dataclass(frozen=True)
class GuestForm:
    id_type: str = ""
    id_number: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    institution: str = ""
    occupation: str = ""
    purpose: str = ""
    priority: bool = False
    reused: ReturningVisitor | None = None  # set when the visitor reuses earlier details
    errors: Mapping[str, FieldError] = field(default_factory=dict)

    def value(self, name: str) -> str:
        text: str = getattr(self, name)
        return text

    def with_value(self, name: str, value: str) -> GuestForm:
        """A changed field loses its error: the visitor is fixing it."""
        errors = {k: v for k, v in self.errors.items() if k != name}
        if name == "id_type" and value != self.id_type:
            errors.pop("id_number", None)
        changes: dict[str, Any] = {name: value, "errors": errors}
        return replace(self, **changes)

    def first_empty(self, page: int) -> str | None:
        """The page's first empty text field (focused when the page opens), else its first."""
        texts = [name for name in PAGES[page] if name in TEXT_FIELDS]
        for name in texts:
            if not self.value(name):
                return name
        return texts[0] if texts else None

    def check_page(self, page: int, today: date) -> GuestForm:
        """The form with the errors of ``page``'s fields (none when all are fine)."""
        names = [n for n in PAGES[page] if self.reused is None or n not in REUSED_FIELDS]
        errors = {k: v for k, v in self.errors.items() if k not in PAGES[page]}
        try:
            validate_visitor(self.visitor_fields(), today)
        except InvalidInput as exc:
            for error in exc.errors:
                if error.field in names and error.field not in errors:
                    errors[error.field] = error
        return replace(self, errors=errors)

    def pages_with_errors(self) -> list[int]:
        return [i for i, names in enumerate(PAGES) if any(n in self.errors for n in names)]

    def visitor_fields(self) -> dict[str, str | None]:
        """The ``visitor`` object of ``POST /tickets``: every guest-book field, an optional
        one left empty as None."""
        return {
            f.name: self.value(f.name) if f.required else self.value(f.name) or None
            for f in VISITOR_FIELDS
        }

    def with_server_errors(self, errors: list[FieldError]) -> GuestForm:
        """Errors the server found (``visitor.email`` -> ``email``) shown beside the fields."""
        mapped = dict(self.errors)
        for error in errors:
            name = error.field.rpartition(".")[2]
            mapped[name] = error
        return replace(self, errors=mapped)
