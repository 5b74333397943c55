"""Validation of visitor input, shared by the server and the kiosk.

Pure Python: no HTTP, SQL or UI code. Every problem is reported as a
:class:`~shared.core.errors.FieldError` with a stable ``code``, a polite Indonesian
message (the primary language) and an English one. Functions that check one
value raise :class:`~shared.core.errors.InvalidInput` holding one error;
:func:`validate_visitor` collects the errors of *every* field before raising.

Identity numbers follow the domain reference, section 3: the NIK (KTP) is parsed
(``PP KK CC DDMMYY SSSS``, women have 40 added to the day, no check digit);
SIM, passport and other numbers are only checked for their shape.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ParamSpec, TypeVar

import email_validator

from shared.core.errors import FieldError, InvalidInput

P = ParamSpec("P")
T = TypeVar("T")

ID_TYPES: tuple[str, ...] = ("KTP", "SIM", "PASPOR", "LAINNYA")

# Kemendagri (Dukcapil) province codes, as used in the first two digits of a NIK.
# These are NOT the BPS area codes (e.g. Boalemo is 7502 here, 7501 at BPS).
PROVINCE_CODES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 100
INSTITUTION_MAX_LENGTH = 120
OCCUPATION_MAX_LENGTH = 80
PURPOSE_MAX_LENGTH = 200
PHONE_MIN_DIGITS = 9
PHONE_MAX_DIGITS = 15

# Human labels of the fields, (Indonesian, English), keyed by the unprefixed field name.
_LABELS: dict[str, tuple[str, str]] = {
    "id_type": ("jenis identitas", "ID type"),
    "id_number": ("nomor identitas", "ID number"),
    "name": ("nama", "name"),
    "email": ("alamat email", "email address"),
    "phone": ("nomor telepon/HP", "phone number"),
    "institution": ("instansi", "institution"),
    "occupation": ("pekerjaan", "occupation"),
    "purpose": ("keperluan kunjungan", "purpose of visit"),
}

_ID_SEPARATORS = re.compile(r"[\s.\-]+")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
_ALNUM = re.compile(r"[A-Z0-9]+")
_NAME_PUNCTUATION = frozenset(" .',-")
# Apostrophes that phone keyboards produce instead of "'".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True)
class Nik:
    """The parts of a NIK. Codes are the literal 2-digit segments of the number."""

    province: str  # "75"
    regency: str  # "02" (within the province; 71+ means a city)
    district: str  # "01" (within the regency)
    birth_date: date
    female: bool
    serial: str  # "0001"

    @property
    def province_name(self) -> str:
        return PROVINCE_CODES[self.province]

    @property
    def regency_code(self) -> str:
        """Full Kemendagri regency/city code, e.g. ``"7502"`` (Boalemo)."""
        return self.province + self.regency

    @property
    def district_code(self) -> str:
        """Full Kemendagri district code, e.g. ``"750201"``."""
        return self.province + self.regency + self.district

    @property
    def is_city(self) -> bool:
        return int(self.regency) >= 71


@dataclass(frozen=True)
class VisitorDetails:
    id_type: str
    id_number: str  # normalised
    name: str
    email: str
    phone: str | None
    institution: str | None
    occupation: str
    purpose: str


# --------------------------------------------------------------------------- helpers


def _label(field: str) -> tuple[str, str]:
    base = field.rpartition(".")[2]
    return _LABELS.get(base, (base, base))


def _sibling(field: str, name: str) -> str:
    """``_sibling("visitor.id_number", "id_type") == "visitor.id_type"``."""
    prefix, dot, _ = field.rpartition(".")
    return f"{prefix}{dot}{name}"


def _fail(field: str, code: str, message_id: str, message_en: str) -> InvalidInput:
    return InvalidInput([FieldError(field, code, message_id, message_en)])


def _required(field: str) -> InvalidInput:
    label_id, label_en = _label(field)
    return _fail(field, "required", f"Mohon isi {label_id}.", f"Please fill in the {label_en}.")


def _unknown_id_type(field: str) -> InvalidInput:
    return _fail(
        field,
        "id_type_unknown",
        "Mohon pilih jenis identitas: KTP, SIM, PASPOR, atau LAINNYA.",
        "Please choose an ID type: KTP, SIM, PASPOR or LAINNYA.",
    )


def _collect(
    errors: list[FieldError], func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Call ``func``; on :class:`InvalidInput` add its errors to ``errors`` and return None."""
    try:
        return func(*args, **kwargs)
    except InvalidInput as exc:
        errors.extend(exc.errors)
        return None


def _clean_text(raw: str) -> str:
    """NFC-normalise, trim and collapse every run of whitespace to one space."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _shown(chars: str) -> str:
    """Characters quoted for a message, control characters made visible."""
    return ", ".join(
        repr(c) if unicodedata.category(c)[0] in "CZ" else f"'{c}'" for c in dict.fromkeys(chars)
    )


# --------------------------------------------------------------------------- identity numbers


def normalize_id_number(id_type: str, raw: str) -> str:
    """Remove spaces, dots and dashes and upper-case: ``"7502 4111-03.0001"`` -> digits only.

    ``id_type`` is accepted for symmetry; every type is normalised the same way.
    """
    del id_type
    return _ID_SEPARATORS.sub("", raw).upper()


def parse_nik(nik: str, today: date) -> Nik:
    """Parse a 16-digit NIK; raise :class:`InvalidInput` on field ``id_number`` if it is wrong."""
    return _parse_nik(nik, today, "id_number")


def _parse_nik(raw: str, today: date, field: str) -> Nik:
    nik = normalize_id_number("KTP", raw)
    if not nik:
        raise _required(field)
    bad = "".join(c for c in nik if not ("0" <= c <= "9"))
    if bad:
        raise _fail(
            field,
            "nik_not_digits",
            f"NIK hanya boleh berisi angka. Mohon periksa kembali (ada {_shown(bad)}).",
            f"The NIK may contain digits only (found {_shown(bad)}).",
        )
    if len(nik) != 16:
        raise _fail(
            field,
            "nik_length",
            f"NIK harus 16 angka (Anda mengetik {len(nik)}). Mohon periksa kembali.",
            f"The NIK must be 16 digits (you typed {len(nik)}).",
        )
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    dd, mm, yy, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:16]

    if province not in PROVINCE_CODES:
        raise _fail(
            field,
            "nik_province",
            f"Kode provinsi pada NIK (dua angka pertama: {province}) tidak dikenal. "
            "Mohon periksa kembali.",
            f"The province code in the NIK (first two digits: {province}) is unknown.",
        )
    if regency == "00":
        raise _fail(
            field,
            "nik_region",
            "Kode kabupaten/kota pada NIK (angka ke-3 dan ke-4) tidak boleh 00. "
            "Mohon periksa kembali.",
            "The regency/city code in the NIK (digits 3-4) cannot be 00.",
        )
    if district == "00":
        raise _fail(
            field,
            "nik_region",
            "Kode kecamatan pada NIK (angka ke-5 dan ke-6) tidak boleh 00. Mohon periksa kembali.",
            "The district code in the NIK (digits 5-6) cannot be 00.",
        )

    female = dd > 40
    day = dd - 40 if female else dd
    if not 1 <= day <= 31:
        raise _fail(
            field,
            "nik_birth_date",
            f"Tanggal lahir pada NIK (angka ke-7 dan ke-8: {nik[6:8]}) tidak valid: "
            "untuk laki-laki 01-31, untuk perempuan 41-71. Mohon periksa kembali.",
            f"The birth day in the NIK (digits 7-8: {nik[6:8]}) is not valid: "
            "01-31 for men, 41-71 for women.",
        )
    if not 1 <= mm <= 12:
        raise _fail(
            field,
            "nik_birth_date",
            f"Bulan lahir pada NIK (angka ke-9 dan ke-10: {nik[8:10]}) tidak valid: "
            "harus 01-12. Mohon periksa kembali.",
            f"The birth month in the NIK (digits 9-10: {nik[8:10]}) is not valid: "
            "it must be 01-12.",
        )
    # Century rule: yy <= this year's yy -> 20yy, else 19yy (a NIK holder is born in the past).
    year = (2000 if yy <= today.year % 100 else 1900) + yy
    try:
        birth_date = date(year, mm, day)
    except ValueError:
        raise _fail(
            field,
            "nik_birth_date",
            f"Tanggal lahir pada NIK ({day:02d}-{mm:02d}-{year}) tidak ada di kalender. "
            "Mohon periksa kembali.",
            f"The birth date in the NIK ({year}-{mm:02d}-{day:02d}) does not exist.",
        ) from None
    if birth_date > today:
        raise _fail(
            field,
            "nik_future_birth",
            f"Tanggal lahir pada NIK ({birth_date:%d-%m-%Y}) belum terjadi. Mohon periksa kembali.",
            f"The birth date in the NIK ({birth_date.isoformat()}) is in the future.",
        )
    if serial == "0000":
        raise _fail(
            field,
            "nik_serial",
            "Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000. Mohon periksa kembali.",
            "The serial number in the NIK (last four digits) cannot be 0000.",
        )
    return Nik(province, regency, district, birth_date, female, serial)


def validate_id_number(id_type: str, raw: str, today: date, field: str = "id_number") -> str:
    """Check ``raw`` as a number of kind ``id_type``; return the normalised number.

    An unknown ``id_type`` is reported on the sibling field ``id_type``.
    """
    if id_type not in ID_TYPES:
        raise _unknown_id_type(_sibling(field, "id_type"))
    number = normalize_id_number(id_type, raw)
    if not number:
        raise _required(field)
    if id_type == "KTP":
        _parse_nik(number, today, field)
    elif id_type == "SIM":
        if not (number.isascii() and number.isdigit()):
            raise _fail(
                field,
                "sim_not_digits",
                "Nomor SIM hanya boleh berisi angka. Mohon periksa kembali.",
                "The driving licence (SIM) number may contain digits only.",
            )
        if not 12 <= len(number) <= 14:
            raise _fail(
                field,
                "sim_length",
                f"Nomor SIM harus 12 sampai 14 angka (Anda mengetik {len(number)}). "
                "Mohon periksa kembali.",
                f"The driving licence (SIM) number must be 12 to 14 digits "
                f"(you typed {len(number)}).",
            )
    elif id_type == "PASPOR":
        if not _ALNUM.fullmatch(number):
            raise _fail(
                field,
                "passport_characters",
                "Nomor paspor hanya boleh berisi huruf (A-Z) dan angka. Mohon periksa kembali.",
                "The passport number may contain only letters (A-Z) and digits.",
            )
        if len(number) > 9:
            raise _fail(
                field,
                "passport_length",
                f"Nomor paspor paling banyak 9 karakter (Anda mengetik {len(number)}). "
                "Mohon periksa kembali.",
                f"The passport number has at most 9 characters (you typed {len(number)}).",
            )
    else:  # LAINNYA
        if not _ALNUM.fullmatch(number):
            raise _fail(
                field,
                "other_id_characters",
                "Nomor identitas hanya boleh berisi huruf (A-Z) dan angka. Mohon periksa kembali.",
                "The ID number may contain only letters (A-Z) and digits.",
            )
        if not 3 <= len(number) <= 30:
            raise _fail(
                field,
                "other_id_length",
                f"Nomor identitas harus 3 sampai 30 karakter (Anda mengetik {len(number)}). "
                "Mohon periksa kembali.",
                f"The ID number must be 3 to 30 characters (you typed {len(number)}).",
            )
    return number


def mask_id_number(id_number: str) -> str:
    """Hide the middle of an ID number for screens, tickets and logs.

    More than 8 characters: keep the first 4 and last 4 (``7502********0001``).
    3 to 8 characters: keep only the last 2. 1 or 2 characters: hide everything.
    The length is always preserved.
    """
    n = len(id_number)
    if n > 8:
        return id_number[:4] + "*" * (n - 8) + id_number[-4:]
    if n > 2:
        return "*" * (n - 2) + id_number[-2:]
    return "*" * n


# --------------------------------------------------------------------------- personal details


def validate_name(raw: str, field: str = "name") -> str:
    """A person's name: 2-100 characters, letters of any script and `` .',-``."""
    name = _clean_text(raw).translate(_APOSTROPHES)
    if not name:
        raise _required(field)
    # Letters of any script; combining marks (e.g. Devanagari vowel signs) count as part
    # of the letter before them, so scripts that need them are not rejected.
    bad = "".join(
        c
        for c in name
        if not (c.isalpha() or c in _NAME_PUNCTUATION or unicodedata.category(c)[0] == "M")
    )
    if bad:
        raise _fail(
            field,
            "name_characters",
            f"Nama hanya boleh berisi huruf, spasi, dan tanda . ' , - "
            f"(ada {_shown(bad)}). Mohon periksa kembali.",
            f"The name may contain only letters, spaces and . ' , - (found {_shown(bad)}).",
        )
    if len(name) > NAME_MAX_LENGTH:
        raise _fail(
            field,
            "too_long",
            f"Nama terlalu panjang: paling banyak {NAME_MAX_LENGTH} karakter "
            f"(Anda mengetik {len(name)}). Mohon singkat nama Anda.",
            f"The name is too long: at most {NAME_MAX_LENGTH} characters (you typed {len(name)}).",
        )
    if len(name) < NAME_MIN_LENGTH or sum(c.isalpha() for c in name) < 2:
        raise _fail(
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
        raise _required(field)
    if "@" not in text:
        raise _fail(
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
        raise _fail(
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
        raise _fail(
            field,
            "phone_country",
            "Mohon isi nomor telepon Indonesia, diawali +62 atau 0.",
            "Please enter an Indonesian phone number, starting with +62 or 0.",
        )
    digits = phone[1:] if phone.startswith("+") else phone
    if not (digits.isascii() and digits.isdigit()):
        raise _fail(
            field,
            "phone_characters",
            "Nomor telepon hanya boleh berisi angka (boleh diawali +62). Mohon periksa kembali.",
            "The phone number may contain digits only (it may start with +62).",
        )
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        raise _fail(
            field,
            "phone_length",
            f"Nomor telepon harus {PHONE_MIN_DIGITS} sampai {PHONE_MAX_DIGITS} angka "
            f"(Anda mengetik {len(digits)}). Mohon periksa kembali.",
            f"The phone number must be {PHONE_MIN_DIGITS} to {PHONE_MAX_DIGITS} digits "
            f"(you typed {len(digits)}).",
        )
    return canonical_phone(phone)


def _validate_text(raw: str, field: str, max_length: int, *, required: bool) -> str | None:
    text = _clean_text(raw)
    if not text:
        if required:
            raise _required(field)
        return None
    label_id, label_en = _label(field)
    bad = "".join(c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co"))
    if bad:
        raise _fail(
            field,
            "invalid_characters",
            f"Isian {label_id} memuat karakter yang tidak dapat dipakai. Mohon ketik ulang.",
            f"The {label_en} contains characters that cannot be used.",
        )
    if len(text) > max_length:
        raise _fail(
            field,
            "too_long",
            f"Isian {label_id} terlalu panjang: paling banyak {max_length} karakter "
            f"(Anda mengetik {len(text)}). Mohon dipersingkat.",
            f"The {label_en} is too long: at most {max_length} characters (you typed {len(text)}).",
        )
    return text


def _not_text(field: str) -> InvalidInput:
    label_id, label_en = _label(field)
    return _fail(
        field,
        "not_text",
        f"Mohon isi {label_id} dalam bentuk teks.",
        f"The {label_en} must be text.",
    )


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
            errors.extend(_not_text(prefix + key).errors)
            return None
        return value

    id_type: str | None = None
    id_type_raw = text("id_type")
    if id_type_raw is not None:
        id_type = id_type_raw.strip().upper()
        if not id_type:
            errors.extend(_required(prefix + "id_type").errors)
            id_type = None
        elif id_type not in ID_TYPES:
            errors.extend(_unknown_id_type(prefix + "id_type").errors)
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
            errors.extend(_required(prefix + "id_number").errors)

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
    for key, max_length, required in (
        ("institution", INSTITUTION_MAX_LENGTH, False),
        ("occupation", OCCUPATION_MAX_LENGTH, True),
        ("purpose", PURPOSE_MAX_LENGTH, True),
    ):
        raw = text(key)
        if raw is not None:
            texts[key] = _collect(
                errors, _validate_text, raw, prefix + key, max_length, required=required
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
