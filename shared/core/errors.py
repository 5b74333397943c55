"""Domain errors: raised in the core, turned into clear messages at the edge.

Every error carries a stable ``code``, an Indonesian and an English sentence and,
where one input is to blame, the ``field`` that holds it. The sentences live in catalogs
(``shared.core.messages``, as the kiosk's, the printer's and the display's), never where the
error is raised: ``ERRORS`` here for the errors of no one area (a ticket or a desk not found,
storage), and each area's ``sentences.py`` for its own (``shared.core.visitors.sentences``,
``...feedback.sentences``, ``...queue.sentences``, ``...access.sentences``). The error is made
with ``DomainError.said`` (``FieldError.said``, ``InvalidInput.said_of``,
``Throttled.said_after``); ``tests/unit/test_error_sentences.py`` keeps it so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from shared.core.messages import Bilingual, Catalog, Sentence

ERRORS = Catalog({
    "ticket_not_found": Sentence("Tiket tidak ditemukan.", "Ticket not found."),
    "desk_not_found": Sentence("Meja {desk!r} tidak ada.", "There is no desk {desk!r}."),
    "storage_busy": Sentence(
        "Server sedang sibuk. Silakan coba lagi sebentar lagi.",
        "The server is busy. Please try again in a moment.",
    ),
    "storage_full": Sentence(
        "Penyimpanan server penuh atau rusak; data tidak tersimpan. Hubungi petugas.",
        "The server's storage is full or failing; nothing was saved. Please tell an officer.",
    ),
    "storage_failed": Sentence(
        "Penyimpanan server bermasalah; data tidak tersimpan. Hubungi petugas.",
        "The server's storage failed; nothing was saved. Please tell an officer.",
    ),
})


@dataclass(frozen=True)
class FieldError(Bilingual):
    """One reason why one input field is not acceptable."""

    field: str
    code: str
    message_id: str
    message_en: str

    @classmethod
    def said(cls, field: str, code: str, /, *, words: Catalog = ERRORS, key: str | None = None,
             **values: object) -> FieldError:
        """The problem ``code`` of ``field`` in a catalog's words, as ``DomainError.said``."""
        sentence = words[key or code].format(**values)
        return cls(field, code, sentence.message_id, sentence.message_en)


class DomainError(Bilingual, Exception):
    """A rule of the queue was broken; the caller can be told exactly which."""

    status = "conflict"
    # Seconds after which trying again may succeed (sent as Retry-After), if it is worth it.
    retry_after: int | None = None

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None):
        super().__init__(message_en)
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field

    @classmethod
    def said(cls, code: str, /, field: str | None = None, *, words: Catalog = ERRORS,
             key: str | None = None, **values: object) -> Self:
        """The error ``code`` in the words a catalog (``ERRORS`` unless ``words`` is another
        area's) has for it under ``key`` (the code unless two sentences share it),
        ``{placeholders}`` filled from ``values``:
        ``NotFound.said("desk_not_found", field="desk", desk="9")``. For the errors made of a
        code, a sentence and a field (``Throttled.said_after``, ``InvalidInput.said_of``)."""
        sentence = words[key or code].format(**values)
        if field is None:  # the class's own default field, if it has one (``AuthError``)
            return cls(code, sentence.message_id, sentence.message_en)
        return cls(code, sentence.message_id, sentence.message_en, field)


class InvalidInput(DomainError):
    """One or more fields are invalid; ``errors`` lists every one of them."""

    status = "invalid"

    def __init__(self, errors: list[FieldError]):
        first = errors[0]
        super().__init__(first.code, first.message_id, first.message_en, first.field)
        self.errors = errors

    @classmethod
    def said_of(cls, field: str, code: str, /, *, words: Catalog = ERRORS,
                key: str | None = None, **values: object) -> InvalidInput:
        """One field's problem in a catalog's words (``FieldError.said``)."""
        return InvalidInput([FieldError.said(field, code, words=words, key=key, **values)])


class NotFound(DomainError):
    status = "not_found"


class IllegalTransition(DomainError):
    """A ticket cannot move from its current state to the one asked for."""


class ServiceClosed(DomainError):
    """The service does not take tickets now (disabled, outside hours, holiday)."""


class Throttled(DomainError):
    """Too many attempts in a short time; ``retry_after`` says when the next one is allowed."""

    status = "too_many"

    def __init__(self, code: str, message_id: str, message_en: str, retry_after: int,
                 field: str | None = None):
        super().__init__(code, message_id, message_en, field)
        self.retry_after = retry_after

    @classmethod
    def said_after(cls, retry_after: int, code: str, /, field: str | None = None, *,
                   words: Catalog = ERRORS, key: str | None = None,
                   **values: object) -> Throttled:
        """Too many attempts, in a catalog's words (as ``DomainError.said``)."""
        sentence = words[key or code].format(**values)
        return cls(code, sentence.message_id, sentence.message_en, retry_after, field)


class Unavailable(DomainError):
    """The server cannot do this right now; the caller may retry after ``retry_after`` s."""

    status = "unavailable"
    retry_after = 2


class StorageBusy(Unavailable):
    """Another writer held the database longer than a request may wait."""

    def __init__(self) -> None:
        sentence = ERRORS["storage_busy"]
        super().__init__("storage_busy", sentence.message_id, sentence.message_en)


class StorageFull(Unavailable):
    """The disk is full (or failing): nothing was written; it works again once space returns."""

    retry_after = 60

    def __init__(self) -> None:
        sentence = ERRORS["storage_full"]
        super().__init__("storage_full", sentence.message_id, sentence.message_en)


class StorageFailed(Unavailable):
    """The database failed in an unexpected way; nothing was written."""

    retry_after = 10

    def __init__(self) -> None:
        sentence = ERRORS["storage_failed"]
        super().__init__("storage_failed", sentence.message_id, sentence.message_en)
