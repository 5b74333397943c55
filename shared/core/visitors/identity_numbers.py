"""Identity numbers: which kinds a visitor may give, and what makes each one right.

Following the domain reference, section 3: the NIK (KTP) is parsed
(``PP KK CC DDMMYY SSSS``, women have 40 added to the day, no check digit);
SIM, passport and other numbers are only checked for their shape. Problems are raised as
:class:`~shared.core.errors.InvalidInput` (see ``field_errors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from shared.core.errors import InvalidInput
from shared.core.visitors.field_errors import fail, required, shown, sibling

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

_ID_SEPARATORS = re.compile(r"[\s.\-]+")
_ALNUM = re.compile(r"[A-Z0-9]+")


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


def unknown_id_type(field: str) -> InvalidInput:
    return fail(field, "id_type_unknown")


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
        raise required(field)
    bad = "".join(c for c in nik if not ("0" <= c <= "9"))
    if bad:
        raise fail(field, "nik_not_digits", found=shown(bad))
    if len(nik) != 16:
        raise fail(field, "nik_length", typed=len(nik))
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    dd, mm, yy, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:16]

    if province not in PROVINCE_CODES:
        raise fail(field, "nik_province", province=province)
    if regency == "00":
        raise fail(field, "nik_region", key="nik_region.regency")
    if district == "00":
        raise fail(field, "nik_region", key="nik_region.district")

    female = dd > 40
    day = dd - 40 if female else dd
    if not 1 <= day <= 31:
        raise fail(field, "nik_birth_date", key="nik_birth_date.day", digits=nik[6:8])
    if not 1 <= mm <= 12:
        raise fail(field, "nik_birth_date", key="nik_birth_date.month", digits=nik[8:10])
    # Century rule: yy <= this year's yy -> 20yy, else 19yy (a NIK holder is born in the past).
    year = (2000 if yy <= today.year % 100 else 1900) + yy
    try:
        birth_date = date(year, mm, day)
    except ValueError:
        raise fail(
            field, "nik_birth_date", key="nik_birth_date.no_such_day", day=day, month=mm, year=year
        ) from None
    if birth_date > today:
        raise fail(field, "nik_future_birth", birth_date=birth_date)
    if serial == "0000":
        raise fail(field, "nik_serial")
    return Nik(province, regency, district, birth_date, female, serial)


def validate_id_number(id_type: str, raw: str, today: date, field: str = "id_number") -> str:
    """Check ``raw`` as a number of kind ``id_type``; return the normalised number.

    An unknown ``id_type`` is reported on the sibling field ``id_type``.
    """
    if id_type not in ID_TYPES:
        raise unknown_id_type(sibling(field, "id_type"))
    number = normalize_id_number(id_type, raw)
    if not number:
        raise required(field)
    if id_type == "KTP":
        _parse_nik(number, today, field)
    elif id_type == "SIM":
        if not (number.isascii() and number.isdigit()):
            raise fail(field, "sim_not_digits")
        if not 12 <= len(number) <= 14:
            raise fail(field, "sim_length", typed=len(number))
    elif id_type == "PASPOR":
        if not _ALNUM.fullmatch(number):
            raise fail(field, "passport_characters")
        if len(number) > 9:
            raise fail(field, "passport_length", typed=len(number))
    else:  # LAINNYA
        if not _ALNUM.fullmatch(number):
            raise fail(field, "other_id_characters")
        if not 3 <= len(number) <= 30:
            raise fail(field, "other_id_length", typed=len(number))
    return number
