"""How a guest-book field's problem is told: a :class:`~shared.core.errors.FieldError` with a
stable ``code``, a polite Indonesian message (the primary language) and an English one,
naming the field by its label in :data:`~shared.core.visitors.fields.VISITOR_FIELDS`."""

from __future__ import annotations

import unicodedata

from shared.core.errors import FieldError, InvalidInput
from shared.core.visitors.fields import FIELDS_BY_NAME


def label(field: str) -> tuple[str, str]:
    """The (Indonesian, English) label of ``field``, prefixed or not (``visitor.email``)."""
    base = field.rpartition(".")[2]
    spec = FIELDS_BY_NAME.get(base)
    return (spec.label_id, spec.label_en) if spec else (base, base)


def sibling(field: str, name: str) -> str:
    """``sibling("visitor.id_number", "id_type") == "visitor.id_type"``."""
    prefix, dot, _ = field.rpartition(".")
    return f"{prefix}{dot}{name}"


def fail(field: str, code: str, message_id: str, message_en: str) -> InvalidInput:
    return InvalidInput([FieldError(field, code, message_id, message_en)])


def required(field: str) -> InvalidInput:
    label_id, label_en = label(field)
    return fail(field, "required", f"Mohon isi {label_id}.", f"Please fill in the {label_en}.")


def not_text(field: str) -> InvalidInput:
    label_id, label_en = label(field)
    return fail(
        field,
        "not_text",
        f"Mohon isi {label_id} dalam bentuk teks.",
        f"The {label_en} must be text.",
    )


def clean_text(raw: str) -> str:
    """NFC-normalise, trim and collapse every run of whitespace to one space."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def shown(chars: str) -> str:
    """Characters quoted for a message, control characters made visible."""
    return ", ".join(
        repr(c) if unicodedata.category(c)[0] in "CZ" else f"'{c}'" for c in dict.fromkeys(chars)
    )
