"""The whole guest-book form, shared by the server and the kiosk.

:func:`validate_visitor` checks every field of :data:`~shared.core.visitors.fields.VISITOR_FIELDS`
(identity numbers in ``identity_numbers``, the person's fields in ``person_fields``) and
collects the errors of *every* field before raising one
:class:`~shared.core.errors.InvalidInput`. Pure Python: no HTTP, SQL or UI code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ParamSpec, TypeVar

from shared.core.errors import FieldError, InvalidInput
from shared.core.visitors.field_errors import not_text, required
from shared.core.visitors.fields import FREE_TEXT_FIELDS
from shared.core.visitors.identity_numbers import (
    ID_TYPES,
    normalize_id_number,
    unknown_id_type,
    validate_id_number,
)
from shared.core.visitors.person_fields import (
    validate_email,
    validate_free_text,
    validate_name,
    validate_phone,
)

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class VisitorDetails:
    """A visitor's guest-book fields once checked: :data:`VISITOR_FIELDS`, in their order,
    the optional ones ``None`` when left empty."""

    id_type: str
    id_number: str  # normalised
    name: str
    email: str
    phone: str | None
    institution: str | None
    occupation: str
    purpose: str


def _collect(
    errors: list[FieldError], func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Call ``func``; on :class:`InvalidInput` add its errors to ``errors`` and return None."""
    try:
        return func(*args, **kwargs)
    except InvalidInput as exc:
        errors.extend(exc.errors)
        return None


def validate_visitor(data: Mapping[str, object], today: date, prefix: str = "") -> VisitorDetails:
    """Validate a whole visitor form; raise one :class:`InvalidInput` listing every bad field.

    Field names in the errors are ``prefix + name`` (e.g. ``"visitor.email"``).
    Missing keys, ``None`` and blank strings count as empty.
    """
    errors: list[FieldError] = []

    def text(key: str) -> str | None:
        """The raw string of ``key``; ``""`` when absent, ``None`` (error noted) if not a str."""
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            errors.extend(not_text(prefix + key).errors)
            return None
        return value

    id_type: str | None = None
    id_type_raw = text("id_type")
    if id_type_raw is not None:
        id_type = id_type_raw.strip().upper()
        if not id_type:
            errors.extend(required(prefix + "id_type").errors)
            id_type = None
        elif id_type not in ID_TYPES:
            errors.extend(unknown_id_type(prefix + "id_type").errors)
            id_type = None
    id_number: str | None = None
    id_number_raw = text("id_number")
    if id_number_raw is not None:
        if id_type is not None:
            id_number = _collect(
                errors, validate_id_number, id_type, id_number_raw, today, prefix + "id_number"
            )
        elif not normalize_id_number("", id_number_raw):
            # The number cannot be checked without its type, but "missing" is still worth saying.
            errors.extend(required(prefix + "id_number").errors)

    name_raw = text("name")
    name = None if name_raw is None else _collect(errors, validate_name, name_raw, prefix + "name")
    email_raw = text("email")
    email = (
        None if email_raw is None else _collect(errors, validate_email, email_raw, prefix + "email")
    )
    phone_raw = text("phone")
    phone = (
        None if phone_raw is None else _collect(errors, validate_phone, phone_raw, prefix + "phone")
    )

    texts: dict[str, str | None] = {}
    for spec in FREE_TEXT_FIELDS:
        raw = text(spec.name)
        if raw is not None:
            assert spec.max_length is not None
            texts[spec.name] = _collect(
                errors, validate_free_text, raw, prefix + spec.name, spec.max_length,
                is_required=spec.required,
            )

    if errors:
        raise InvalidInput(errors)
    assert id_type is not None and id_number is not None
    assert name is not None and email is not None
    occupation, purpose = texts["occupation"], texts["purpose"]
    assert occupation is not None and purpose is not None
    return VisitorDetails(
        id_type=id_type,
        id_number=id_number,
        name=name,
        email=email,
        phone=phone,
        institution=texts["institution"],
        occupation=occupation,
        purpose=purpose,
    )
