"""How a guest-book field's problem is told: a :class:`~shared.core.errors.FieldError` with a
stable ``code`` and the polite Indonesian (the primary language) and English sentence that
``shared.core.visitors.sentences`` has for it, naming the field by its label in
:data:`~shared.core.visitors.fields.VISITOR_FIELDS`."""

from __future__ import annotations

import unicodedata

from shared.core.errors import InvalidInput
from shared.core.messages import Sentence
from shared.core.visitors.fields import FIELDS_BY_NAME
from shared.core.visitors.sentences import VISITOR_ERRORS


def label(field: str) -> Sentence:
    """The label of ``field`` in both languages, prefixed or not (``visitor.email``)."""
    base = field.rpartition(".")[2]
    spec = FIELDS_BY_NAME.get(base)
    return Sentence(spec.label_id, spec.label_en) if spec else Sentence(base, base)


def sibling(field: str, name: str) -> str:
    """``sibling("visitor.id_number", "id_type") == "visitor.id_type"``."""
    prefix, dot, _ = field.rpartition(".")
    return f"{prefix}{dot}{name}"


def fail(field: str, code: str, /, key: str | None = None, **values: object) -> InvalidInput:
    """``field``'s problem ``code`` in the words of ``VISITOR_ERRORS`` (under ``key``, when one
    code has several sentences), ``{placeholders}`` filled from ``values``."""
    return InvalidInput.said_of(field, code, words=VISITOR_ERRORS, key=key, **values)


def required(field: str) -> InvalidInput:
    return fail(field, "required", label=label(field))


def not_text(field: str) -> InvalidInput:
    return fail(field, "not_text", label=label(field))


def clean_text(raw: str) -> str:
    """NFC-normalise, trim and collapse every run of whitespace to one space."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def shown(chars: str) -> str:
    """Characters quoted for a message, control characters made visible."""
    return ", ".join(
        repr(c) if unicodedata.category(c)[0] in "CZ" else f"'{c}'" for c in dict.fromkeys(chars)
    )
