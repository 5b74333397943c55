"""Domain errors: raised in the core, turned into clear messages at the edge.

Every error carries a stable ``code``, an Indonesian and an English sentence and,
where one input is to blame, the ``field`` that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One reason why one input field is not acceptable."""

    field: str
    code: str
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


class DomainError(Exception):
    """A rule of the queue was broken; the caller can be told exactly which."""

    status = "conflict"

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None):
        super().__init__(message_en)
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


class InvalidInput(DomainError):
    """One or more fields are invalid; ``errors`` lists every one of them."""

    status = "invalid"

    def __init__(self, errors: list[FieldError]):
        first = errors[0]
        super().__init__(first.code, first.message_id, first.message_en, first.field)
        self.errors = errors


class NotFound(DomainError):
    status = "not_found"


class IllegalTransition(DomainError):
    """A ticket cannot move from its current state to the one asked for."""


class ServiceClosed(DomainError):
    """The service does not take tickets now (disabled, outside hours, holiday)."""
