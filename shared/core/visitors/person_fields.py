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
        raise fail(
            field,
            "name_characters",
            f"Nama hanya boleh berisi huruf, spasi, dan tanda . ' , - "
            f"(ada {shown(bad)}). Mohon periksa kembali.",
            f"The name may contain only letters, spaces and . ' , - (found {shown(bad)}).",
        )
    if len(name) > NAME_MAX_LENGTH:
        raise fail(
            field,
            "too_long",
            f"Nama terlalu panjang: paling banyak {NAME_MAX_LENGTH} karakter "
            f"(Anda mengetik {len(name)}). Mohon singkat nama Anda.",
            f"The name is too long: at most {NAME_MAX_LENGTH} characters (you typed {len(name)}).",
        )
    if len(name) < NAME_MIN_LENGTH or sum(c.isalpha() for c in name) < 2:
        raise fail(
            field,
            "name_too_short",
            "Mohon tulis nama Anda dengan lengkap (paling sedikit 2 huruf).",
            "Please write your full name (at least 2 letters).",
        )
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
        raise fail(
            field,
            "email_invalid",
            "Alamat email harus memuat tanda @, misalnya nama@gmail.com. Mohon periksa kembali.",
            "The email address must contain an @, e.g. name@gmail.com.",
        )
    try:
        checked = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        domain = text.rpartition("@")[2]
        if domain and "." not in domain:
            message_id = (
                f"Bagian setelah @ ({domain}) belum lengkap, misalnya gmail.com atau "
                "bps.go.id. Mohon periksa kembali alamat email Anda."
            )
        else:
            message_id = (
                "Format alamat email belum benar (contoh: nama@gmail.com). Mohon periksa kembali."
            )
        raise fail(
            field, "email_invalid", message_id, f"The email address is not valid: {exc}"
        ) from None
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
        raise fail(
            field,
            "phone_country",
            "Mohon isi nomor telepon Indonesia, diawali +62 atau 0.",
            "Please enter an Indonesian phone number, starting with +62 or 0.",
        )
    digits = phone[1:] if phone.startswith("+") else phone
    if not (digits.isascii() and digits.isdigit()):
        raise fail(
            field,
            "phone_characters",
            "Nomor telepon hanya boleh berisi angka (boleh diawali +62). Mohon periksa kembali.",
            "The phone number may contain digits only (it may start with +62).",
        )
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        raise fail(
            field,
            "phone_length",
            f"Nomor telepon harus {PHONE_MIN_DIGITS} sampai {PHONE_MAX_DIGITS} angka "
            f"(Anda mengetik {len(digits)}). Mohon periksa kembali.",
            f"The phone number must be {PHONE_MIN_DIGITS} to {PHONE_MAX_DIGITS} digits "
            f"(you typed {len(digits)}).",
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
    label_id, label_en = label(field)
    bad = "".join(c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co"))
    if bad:
        raise fail(
            field,
            "invalid_characters",
            f"Isian {label_id} memuat karakter yang tidak dapat dipakai. Mohon ketik ulang.",
            f"The {label_en} contains characters that cannot be used.",
        )
    if len(text) > max_length:
        raise fail(
            field,
            "too_long",
            f"Isian {label_id} terlalu panjang: paling banyak {max_length} karakter "
            f"(Anda mengetik {len(text)}). Mohon dipersingkat.",
            f"The {label_en} is too long: at most {max_length} characters (you typed {len(text)}).",
        )
    return text
