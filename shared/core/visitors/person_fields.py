"""A person's fields as a visitor types them: name, email, phone and free text.

Each function checks one value and returns it in the one form it is stored and compared in,
or raises :class:`~shared.core.errors.InvalidInput` holding one error (see ``field_errors``).
"""

from __future__ import annotations

import re
import unicodedata

import email_validator

from shared.core.visitors.field_errors import clean_text, fail, label, required, shown
from shared.core.visitors.fields import NAME_MAX_LENGTH, NAME_MIN_LENGTH

PHONE_MIN_DIGITS = 9
PHONE_MAX_DIGITS = 15

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
_NAME_PUNCTUATION = frozenset(" .',-")
# Apostrophes that phone keyboards produce instead of "'".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def validate_name(raw: str, field: str = "name") -> str:
    """A person's name: 2-100 characters, letters of any script and `` .',-``."""
    name = clean_text(raw).translate(_APOSTROPHES)
    if not name:
        raise required(field)
    # Letters of any script; combining marks (e.g. Devanagari vowel signs) count as part
    # of the letter before them, so scripts that need them are not rejected.
    bad = "".join(
        c
        for c in name
        if not (c.isalpha() or c in _NAME_PUNCTUATION or unicodedata.category(c)[0] == "M")
    )
    if bad:
        raise fail(field, "name_characters", found=shown(bad))
    if len(name) > NAME_MAX_LENGTH:
        raise fail(field, "too_long", key="name_too_long", most=NAME_MAX_LENGTH, typed=len(name))
    if len(name) < NAME_MIN_LENGTH or sum(c.isalpha() for c in name) < 2:
        raise fail(field, "name_too_short")
    return name


def canonical_email(email: str) -> str:
    """The one form an email address is stored and compared in: lower case throughout.

    ``Zulk.Unique123@example.org`` and ``zulk.unique123@example.org`` are the same person's
    address to every mail provider an office meets, and erasure must find both.
    """
    return email.lower()


def canonical_phone(phone: str) -> str:
    """The one form a phone number is stored and compared in: ``+62`` written as ``0``.

    ``+6281299887766`` and ``081299887766`` are the same number; ``phone`` has no separators.
    """
    return "0" + phone[3:] if phone.startswith("+62") else phone


def validate_email(raw: str, field: str = "email") -> str:
    """An email address (syntax only, no DNS look-up); returns its canonical form."""
    text = raw.strip()
    if not text:
        raise required(field)
    if "@" not in text:
        raise fail(field, "email_invalid", key="email_no_at")
    try:
        checked = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        domain = text.rpartition("@")[2]
        key = "email_domain_incomplete" if domain and "." not in domain else "email_invalid"
        raise fail(field, "email_invalid", key=key, domain=domain, reason=exc) from None
    return canonical_email(checked.normalized)


def validate_phone(raw: str | None, field: str = "phone") -> str | None:
    """An optional Indonesian phone number; ``None`` when left empty.

    Spaces, dashes, dots and parentheses are removed; the rest must be 9-15 digits,
    optionally starting with ``+62``. Returned without the separators, in its canonical form
    (``+62`` as ``0``: :func:`canonical_phone`).
    """
    if raw is None:
        return None
    phone = _PHONE_SEPARATORS.sub("", raw)
    if not phone:
        return None
    if phone.startswith("+") and not phone.startswith("+62"):
        raise fail(field, "phone_country")
    digits = phone[1:] if phone.startswith("+") else phone
    if not (digits.isascii() and digits.isdigit()):
        raise fail(field, "phone_characters")
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        raise fail(
            field, "phone_length", least=PHONE_MIN_DIGITS, most=PHONE_MAX_DIGITS, typed=len(digits)
        )
    return canonical_phone(phone)


def validate_free_text(
    raw: str, field: str, max_length: int, *, is_required: bool
) -> str | None:
    """Free text (institution, occupation, purpose): no control characters, not too long;
    ``None`` when left empty and not ``is_required``."""
    text = clean_text(raw)
    if not text:
        if is_required:
            raise required(field)
        return None
    bad = "".join(c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co"))
    if bad:
        raise fail(field, "invalid_characters", label=label(field))
    if len(text) > max_length:
        raise fail(field, "too_long", label=label(field), most=max_length, typed=len(text))
    return text
