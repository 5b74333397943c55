"""Tests of the guest book's checks (shared.core.visitors: identity_numbers, person_fields,
guest_form): what a visitor gets back for what they typed."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.core.errors import FieldError, InvalidInput
from shared.core.visitors.guest_form import VisitorDetails, validate_visitor
from shared.core.visitors.identity_numbers import (
    ID_TYPES,
    PROVINCE_CODES,
    Nik,
    normalize_id_number,
    parse_nik,
    validate_id_number,
)
from shared.core.visitors.masking import mask_id_number
from shared.core.visitors.person_fields import validate_email, validate_name, validate_phone

TODAY = date(2026, 11, 28)

# A Boalemo (7502) woman born 14 March 2003: day 14 + 40 = 54.
BOALEMO_WOMAN = "7502015403030001"


def only_error(exc: pytest.ExceptionInfo[InvalidInput]) -> FieldError:
    assert len(exc.value.errors) == 1, exc.value.errors
    return exc.value.errors[0]


def nik_error(nik: str) -> FieldError:
    with pytest.raises(InvalidInput) as exc:
        parse_nik(nik, TODAY)
    err = only_error(exc)
    assert err.field == "id_number"
    return err


def looks_indonesian(err: FieldError) -> None:
    """Both languages are present, differ, and the Indonesian one is polite/idiomatic."""
    assert err.message_id and err.message_en
    assert err.message_id != err.message_en
    assert "Mohon" in err.message_id
    assert err.message() == err.message_id
    assert err.message("en") == err.message_en


# --------------------------------------------------------------------------- constants


def test_id_types() -> None:
    assert ID_TYPES == ("KTP", "SIM", "PASPOR", "LAINNYA")


def test_province_codes_are_the_kemendagri_list() -> None:
    expected = (
        [str(c) for c in range(11, 20)]
        + ["21"]
        + [str(c) for c in range(31, 37)]
        + ["51", "52", "53"]
        + [str(c) for c in range(61, 66)]
        + [str(c) for c in range(71, 77)]
        + ["81", "82"]
        + [str(c) for c in range(91, 97)]
    )
    assert sorted(PROVINCE_CODES) == expected
    assert PROVINCE_CODES["75"] == "Gorontalo"
    assert all(PROVINCE_CODES.values())


# --------------------------------------------------------------------------- NIK


def test_boalemo_woman_born_2003() -> None:
    nik = parse_nik(BOALEMO_WOMAN, TODAY)
    assert nik == Nik(
        province="75",
        regency="02",
        district="01",
        birth_date=date(2003, 3, 14),
        female=True,
        serial="0001",
    )
    assert nik.birth_date.year == 2003  # python-stdnum says 1903
    assert nik.regency_code == "7502"
    assert nik.district_code == "750201"
    assert nik.province_name == "Gorontalo"
    assert not nik.is_city


def test_man_born_last_century() -> None:
    nik = parse_nik("7571011708450123", TODAY)
    assert nik.birth_date == date(1945, 8, 17)
    assert nik.female is False
    assert nik.is_city  # 71 = Kota Gorontalo


@pytest.mark.parametrize("province", ["92", "93", "94", "95", "96"])
def test_new_papua_provinces_are_valid(province: str) -> None:
    nik = parse_nik(f"{province}01011201990001", TODAY)
    assert nik.province == province
    assert nik.birth_date == date(1999, 1, 12)


def test_century_rule_follows_today() -> None:
    # yy == today's yy -> this century; yy just above -> last century.
    assert parse_nik("7502010101260001", TODAY).birth_date == date(2026, 1, 1)
    assert parse_nik("7502010101270001", TODAY).birth_date == date(1927, 1, 1)
    assert parse_nik("7502010101000001", TODAY).birth_date == date(2000, 1, 1)
    # Born today is fine.
    assert parse_nik("7502012811260001", TODAY).birth_date == TODAY


def test_separators_are_ignored() -> None:
    assert parse_nik(" 7502 01 540303-0001 ", TODAY).serial == "0001"
    assert parse_nik("75.02.01.540303.0001", TODAY).female


def test_serial_0000_is_invalid() -> None:
    err = nik_error("7502015403030000")
    assert err.code == "nik_serial"
    assert "0000" in err.message_id
    looks_indonesian(err)


@pytest.mark.parametrize(
    ("nik", "shown"),
    [
        ("7502013102030001", "31-02-2003"),  # 31 February
        ("7502017102030001", "31-02-2003"),  # the same for a woman
        ("7502013104900001", "31-04-1990"),  # 31 April
        ("7502012902010001", "29-02-2001"),  # not a leap year
    ],
)
def test_impossible_calendar_date(nik: str, shown: str) -> None:
    err = nik_error(nik)
    assert err.code == "nik_birth_date"
    assert shown in err.message_id
    assert "kalender" in err.message_id
    looks_indonesian(err)


def test_leap_day_is_valid() -> None:
    assert parse_nik("7502012902040001", TODAY).birth_date == date(2004, 2, 29)


@pytest.mark.parametrize("day", ["00", "32", "35", "40", "72", "99"])
def test_day_outside_men_and_women_ranges(day: str) -> None:
    err = nik_error(f"750201{day}03030001")
    assert err.code == "nik_birth_date"
    assert day in err.message_id
    assert "perempuan" in err.message_id


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_bad_month(month: str) -> None:
    err = nik_error(f"75020114{month}030001")
    assert err.code == "nik_birth_date"
    assert "Bulan" in err.message_id and month in err.message_id


def test_future_birth_is_invalid() -> None:
    err = nik_error("7502012912260001")  # 29 Dec 2026, after TODAY
    assert err.code == "nik_future_birth"
    assert "29-12-2026" in err.message_id
    assert "future" in err.message_en
    looks_indonesian(err)
    # The day after today, as a woman.
    tomorrow = TODAY + timedelta(days=1)
    err = nik_error(f"750201{tomorrow.day + 40:02d}{tomorrow:%m%y}0001")
    assert err.code == "nik_future_birth"


def test_wrong_length_says_how_many_were_typed() -> None:
    err = nik_error(BOALEMO_WOMAN[:15])
    assert err.code == "nik_length"
    assert err.message_id == "NIK harus 16 angka (Anda mengetik 15). Mohon periksa kembali."
    assert "you typed 15" in err.message_en
    assert nik_error(BOALEMO_WOMAN + "1").code == "nik_length"


def test_non_digits() -> None:
    err = nik_error("75020154O3030001")  # letter O instead of zero
    assert err.code == "nik_not_digits"
    assert "'O'" in err.message_id and "angka" in err.message_id
    looks_indonesian(err)


@pytest.mark.parametrize("province", ["00", "10", "20", "22", "37", "50", "66", "77", "83", "97"])
def test_unknown_province(province: str) -> None:
    err = nik_error(f"{province}02015403030001")
    assert err.code == "nik_province"
    assert province in err.message_id


def test_regency_and_district_not_00() -> None:
    err = nik_error("7500015403030001")
    assert err.code == "nik_region"
    assert "kabupaten/kota" in err.message_id
    err = nik_error("7502005403030001")
    assert err.code == "nik_region"
    assert "kecamatan" in err.message_id


def test_blank_nik_is_required() -> None:
    assert nik_error("  ").code == "required"


# --------------------------------------------------------------------------- other ID types


def test_normalize_id_number() -> None:
    assert normalize_id_number("PASPOR", " b 1234-567. ") == "B1234567"
    assert normalize_id_number("KTP", "7502\t0154 0303 0001") == BOALEMO_WOMAN


def test_validate_ktp_returns_normalised_number() -> None:
    assert validate_id_number("KTP", "7502-0154-0303-0001", TODAY) == BOALEMO_WOMAN


def test_validate_ktp_uses_given_field() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_id_number("KTP", "7502015403030000", TODAY, field="visitor.id_number")
    err = only_error(exc)
    assert (err.field, err.code) == ("visitor.id_number", "nik_serial")


@pytest.mark.parametrize("number", ["123456789012", "1234567890123", "12345678901234"])
def test_sim_accepts_12_to_14_digits(number: str) -> None:
    assert validate_id_number("SIM", number, TODAY) == number


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("12345678901", "sim_length"),
        ("123456789012345", "sim_length"),
        ("12345678901A", "sim_not_digits"),
    ],
)
def test_sim_rejects(number: str, code: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_id_number("SIM", number, TODAY)
    err = only_error(exc)
    assert (err.field, err.code) == ("id_number", code)
    assert "SIM" in err.message_id


@pytest.mark.parametrize(
    ("raw", "expected"), [("b1234567", "B1234567"), ("X", "X"), ("AB12345CD", "AB12345CD")]
)
def test_passport_accepts(raw: str, expected: str) -> None:
    assert validate_id_number("PASPOR", raw, TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("AB1234567C", "passport_length"),
        ("B123/4567", "passport_characters"),
        ("É1234567", "passport_characters"),
    ],
)
def test_passport_rejects(raw: str, code: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_id_number("PASPOR", raw, TODAY)
    err = only_error(exc)
    assert (err.field, err.code) == ("id_number", code)
    assert "paspor" in err.message_id


def test_other_id() -> None:
    assert validate_id_number("LAINNYA", "kitas 123", TODAY) == "KITAS123"
    assert validate_id_number("LAINNYA", "A" * 30, TODAY) == "A" * 30
    for raw, code in [
        ("A1", "other_id_length"),
        ("A" * 31, "other_id_length"),
        ("AB#1", "other_id_characters"),
    ]:
        with pytest.raises(InvalidInput) as exc:
            validate_id_number("LAINNYA", raw, TODAY)
        assert only_error(exc).code == code


@pytest.mark.parametrize("id_type", ["", "ktp", "NPWP"])
def test_unknown_id_type_is_reported_on_id_type(id_type: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_id_number(id_type, BOALEMO_WOMAN, TODAY)
    err = only_error(exc)
    assert (err.field, err.code) == ("id_type", "id_type_unknown")
    with pytest.raises(InvalidInput) as exc:
        validate_id_number(id_type, BOALEMO_WOMAN, TODAY, field="visitor.id_number")
    assert only_error(exc).field == "visitor.id_type"


@pytest.mark.parametrize("id_type", ID_TYPES)
def test_blank_number_is_required(id_type: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_id_number(id_type, " - ", TODAY)
    err = only_error(exc)
    assert (err.field, err.code) == ("id_number", "required")
    assert err.message_id.startswith("Mohon isi")


# --------------------------------------------------------------------------- masking


def test_mask_examples() -> None:
    assert mask_id_number("7502015403030001") == "7502********0001"
    assert mask_id_number("B1234567") == "******67"
    assert mask_id_number("123456789") == "1234*6789"
    assert mask_id_number("ABC") == "*BC"
    assert mask_id_number("AB") == "**"
    assert mask_id_number("") == ""


# --------------------------------------------------------------------------- name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Siti   Nurhaliza ", "Siti Nurhaliza"),
        ("Moh. Rizal Ente, S.Si.", "Moh. Rizal Ente, S.Si."),
        ("O'Neil-Ani", "O'Neil-Ani"),
        ("D\u2019Costa", "D'Costa"),  # typographic apostrophe from a phone keyboard
        ("Ab", "Ab"),
        ("José", "José"),
        ("Jose\u0301", "José"),  # decomposed accent is composed
        ("山田太郎", "山田太郎"),
        ("देवनागरी नाम", "देवनागरी नाम"),
    ],
)
def test_name_accepts(raw: str, expected: str) -> None:
    assert validate_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("A", "name_too_short"),
        ("A.", "name_too_short"),
        ("A-.", "name_too_short"),
        ("R2D2", "name_characters"),
        ("Budi <script>", "name_characters"),
        ("Budi\x00", "name_characters"),
        ("A" * 101, "too_long"),
    ],
)
def test_name_rejects(raw: str, code: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_name(raw, field="visitor.name")
    err = only_error(exc)
    assert (err.field, err.code) == ("visitor.name", code)
    looks_indonesian(err)


def test_name_message_points_at_the_character() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_name("Budi 2")
    err = only_error(exc)
    assert "'2'" in err.message_id and "huruf" in err.message_id


def test_name_length_limit_is_100() -> None:
    assert validate_name("A" * 100) == "A" * 100


# --------------------------------------------------------------------------- email


def test_email_is_normalised() -> None:
    assert validate_email("  budi@BPS.GO.ID ") == "budi@bps.go.id"
    assert validate_email("Zulk.Unique123@Example.org") == "zulk.unique123@example.org"


@pytest.mark.parametrize(
    "raw", ["budi.gmail.com", "budi@gmail", "budi@@gmail.com", "bu di@gmail.com", "@x.id"]
)
def test_email_rejects(raw: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_email(raw)
    err = only_error(exc)
    assert (err.field, err.code) == ("email", "email_invalid")
    looks_indonesian(err)


def test_email_messages_say_what_is_wrong() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_email("budi.gmail.com")
    assert "@" in only_error(exc).message_id
    with pytest.raises(InvalidInput) as exc:
        validate_email("budi@gmail")
    assert "gmail.com" in only_error(exc).message_id


def test_email_required() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_email(" ")
    err = only_error(exc)
    assert err.code == "required"
    assert err.message_id == "Mohon isi alamat email."


# --------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("0812-3456-7890", "081234567890"),
        ("+62 812 3456 7890", "081234567890"),
        ("(0443) 210123", "0443210123"),
        ("081234567", "081234567"),
    ],
)
def test_phone_accepts(raw: str | None, expected: str | None) -> None:
    assert validate_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("08123", "phone_length"),
        ("0812345678901234", "phone_length"),
        ("+1 555 123 4567", "phone_country"),
        ("0812abc4567", "phone_characters"),
        ("0812+34567890", "phone_characters"),
    ],
)
def test_phone_rejects(raw: str, code: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_phone(raw)
    err = only_error(exc)
    assert (err.field, err.code) == ("phone", code)
    looks_indonesian(err)


# --------------------------------------------------------------------------- whole visitor


def good_visitor(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id_type": "KTP",
        "id_number": "7502 0154 0303 0001",
        "name": " Siti  Rahma ",
        "email": "Siti@Example.co.id",
        "phone": "0812 3456 7890",
        "institution": "Universitas Negeri Gorontalo",
        "occupation": "Mahasiswa",
        "purpose": "Konsultasi data\nkemiskinan",
    }
    data.update(changes)
    return data


def test_valid_visitor() -> None:
    visitor = validate_visitor(good_visitor(), TODAY)
    assert visitor == VisitorDetails(
        id_type="KTP",
        id_number=BOALEMO_WOMAN,
        name="Siti Rahma",
        email="siti@example.co.id",
        phone="081234567890",
        institution="Universitas Negeri Gorontalo",
        occupation="Mahasiswa",
        purpose="Konsultasi data kemiskinan",
    )


def test_optional_fields_may_be_missing_or_blank() -> None:
    data = good_visitor(institution="  ")
    del data["phone"]
    visitor = validate_visitor(data, TODAY)
    assert visitor.phone is None
    assert visitor.institution is None


def test_id_type_is_case_insensitive() -> None:
    assert validate_visitor(
        good_visitor(id_type=" paspor ", id_number="b1234567"), TODAY
    ).id_number == ("B1234567")


def test_every_broken_field_is_reported_with_prefix() -> None:
    data = {
        "id_type": "KTP",
        "id_number": "7502015403030000",
        "name": "R2D2",
        "email": "nope",
        "phone": "123",
        "institution": "x" * 121,
        "occupation": "",
        "purpose": None,
    }
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(data, TODAY, prefix="visitor.")
    got = {(e.field, e.code) for e in exc.value.errors}
    assert got == {
        ("visitor.id_number", "nik_serial"),
        ("visitor.name", "name_characters"),
        ("visitor.email", "email_invalid"),
        ("visitor.phone", "phone_length"),
        ("visitor.institution", "too_long"),
        ("visitor.occupation", "required"),
        ("visitor.purpose", "required"),
    }
    assert len(exc.value.errors) == 7
    for err in exc.value.errors:
        looks_indonesian(err)


def test_empty_form_lists_every_required_field() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_visitor({}, TODAY)
    assert [(e.field, e.code) for e in exc.value.errors] == [
        ("id_type", "required"),
        ("id_number", "required"),
        ("name", "required"),
        ("email", "required"),
        ("occupation", "required"),
        ("purpose", "required"),
    ]
    assert exc.value.errors[0].message_id == "Mohon isi jenis identitas."


def test_unknown_id_type_in_form() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(good_visitor(id_type="NPWP"), TODAY, prefix="v.")
    assert [(e.field, e.code) for e in exc.value.errors] == [("v.id_type", "id_type_unknown")]


def test_non_text_values_are_reported_not_crashed() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(good_visitor(id_number=7502015403030001, name=["Siti"]), TODAY)
    assert {(e.field, e.code) for e in exc.value.errors} == {
        ("id_number", "not_text"),
        ("name", "not_text"),
    }


def test_text_limits() -> None:
    ok = validate_visitor(
        good_visitor(institution="i" * 120, occupation="o" * 80, purpose="p" * 200), TODAY
    )
    assert (len(ok.institution or ""), len(ok.occupation), len(ok.purpose)) == (120, 80, 200)
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(good_visitor(occupation="o" * 81, purpose="p" * 201), TODAY)
    assert {(e.field, e.code) for e in exc.value.errors} == {
        ("occupation", "too_long"),
        ("purpose", "too_long"),
    }
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(good_visitor(purpose="data\x07"), TODAY)
    assert [(e.field, e.code) for e in exc.value.errors] == [("purpose", "invalid_characters")]


# --------------------------------------------------------------------------- properties


@st.composite
def valid_niks(draw: st.DrawFn) -> tuple[str, Nik]:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    regency = f"{draw(st.integers(1, 99)):02d}"
    district = f"{draw(st.integers(1, 99)):02d}"
    # The century rule can express births from (today's year - 99) up to today.
    birth = draw(st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY))
    female = draw(st.booleans())
    serial = f"{draw(st.integers(1, 9999)):04d}"
    day = birth.day + 40 if female else birth.day
    nik = f"{province}{regency}{district}{day:02d}{birth:%m%y}{serial}"
    return nik, Nik(province, regency, district, birth, female, serial)


@given(valid_niks())
def test_valid_niks_parse_back_to_their_parts(case: tuple[str, Nik]) -> None:
    nik, expected = case
    assert parse_nik(nik, TODAY) == expected
    assert validate_id_number("KTP", nik, TODAY) == nik


@given(st.text(alphabet=string.digits, min_size=16, max_size=16))
def test_any_16_digits_parse_or_fail_cleanly(nik: str) -> None:
    try:
        parsed = parse_nik(nik, TODAY)
    except InvalidInput as exc:
        assert exc.errors and all(e.field == "id_number" for e in exc.errors)
        assert all(e.code.startswith("nik_") for e in exc.errors)
    else:
        assert parsed.province in PROVINCE_CODES
        assert parsed.birth_date <= TODAY
        assert parsed.serial != "0000"


@given(valid_niks(), st.integers(0, 15), st.sampled_from(string.digits))
def test_one_digit_typo_parses_or_fails_cleanly(
    case: tuple[str, Nik], pos: int, digit: str
) -> None:
    nik = case[0][:pos] + digit + case[0][pos + 1 :]
    try:
        parse_nik(nik, TODAY)
    except InvalidInput as exc:
        assert [e.field for e in exc.errors] == ["id_number"]


@given(st.text(max_size=40))
def test_mask_preserves_length_and_hides_the_middle(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    shown = [i for i, c in enumerate(masked) if c != "*"]
    assert len(shown) <= 8
    assert all(masked[i] == number[i] for i in shown)
    if len(number) > 8:
        assert masked[4:-4] == "*" * (len(number) - 8)


_FIELDS = ("id_number", "name", "email", "phone", "institution", "occupation", "purpose")
_BROKEN: dict[str, object] = {
    "id_number": "7502015403030000",
    "name": "1",
    "email": "no-at-sign",
    "phone": "12",
    "institution": "x" * 121,
    "occupation": " ",
    "purpose": "p" * 201,
}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(_FIELDS)), st.sampled_from(["", "visitor.", "companion."]))
def test_validate_visitor_reports_all_broken_fields(broken: set[str], prefix: str) -> None:
    data = good_visitor(**{key: _BROKEN[key] for key in broken})
    if not broken:
        assert isinstance(validate_visitor(data, TODAY, prefix=prefix), VisitorDetails)
        return
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(data, TODAY, prefix=prefix)
    fields = [e.field for e in exc.value.errors]
    assert sorted(fields) == sorted(prefix + key for key in broken)


# --- what is said, word for word, in both languages ------------------------------------

MESSAGE_VISITOR = {"id_type": "KTP", "id_number": "7502014103030001", "name": "Siti Aisyah",
           "email": "siti@gmail.com", "phone": None, "institution": "UNG",
           "occupation": "Mahasiswa", "purpose": "Data kemiskinan"}


def refusal(check: Callable[[], object]) -> tuple[str, str, str, str]:
    with pytest.raises(InvalidInput) as refused:
        check()
    [error] = refused.value.errors
    return error.field, error.code, error.message_id, error.message_en


@pytest.mark.parametrize(("check", "expected"), [
    (lambda: validate_id_number("KTA", "7502014103030001", TODAY), (
        "id_type", "id_type_unknown",
        "Mohon pilih jenis identitas: KTP, SIM, PASPOR, atau LAINNYA.",
        "Please choose an ID type: KTP, SIM, PASPOR or LAINNYA.")),
    (lambda: validate_email("siti.gmail.com"), (
        "email", "email_invalid",
        "Alamat email harus memuat tanda @, misalnya nama@gmail.com. Mohon periksa kembali.",
        "The email address must contain an @, e.g. name@gmail.com.")),
    (lambda: validate_phone("+1 555 0100"), (
        "phone", "phone_country",
        "Mohon isi nomor telepon Indonesia, diawali +62 atau 0.",
        "Please enter an Indonesian phone number, starting with +62 or 0.")),
    (lambda: validate_phone("+62812345"), (
        "phone", "phone_length",
        "Nomor telepon harus 9 sampai 15 angka (Anda mengetik 8). Mohon periksa kembali.",
        "The phone number must be 9 to 15 digits (you typed 8).")),
    (lambda: validate_name("Siti@# 2"), (
        "name", "name_characters",
        "Nama hanya boleh berisi huruf, spasi, dan tanda . ' , - (ada '@', '#', '2'). "
        "Mohon periksa kembali.",
        "The name may contain only letters, spaces and . ' , - (found '@', '#', '2').")),
    (lambda: validate_name("Siti\u200bAisyah"), (
        "name", "name_characters",
        "Nama hanya boleh berisi huruf, spasi, dan tanda . ' , - (ada '\\u200b'). "
        "Mohon periksa kembali.",
        "The name may contain only letters, spaces and . ' , - (found '\\u200b').")),
    (lambda: validate_id_number("KTP", "7502\u200b014103030001", TODAY), (
        "id_number", "nik_not_digits",
        "NIK hanya boleh berisi angka. Mohon periksa kembali (ada '\\u200b').",
        "The NIK may contain digits only (found '\\u200b').")),
], ids=["id type", "email without @", "foreign phone", "short phone", "name characters",
        "invisible character shown", "invisible character in a NIK"])
def test_each_refusal_says_what_is_wrong_in_both_languages(
    check: Callable[[], object], expected: tuple[str, str, str, str]
) -> None:
    assert refusal(check) == expected


def test_an_email_whose_domain_lacks_a_dot_names_the_part_after_the_last_at() -> None:
    field, code, message_id, message_en = refusal(
        lambda: validate_email("siti@kantor@bps"))

    assert (field, code) == ("email", "email_invalid")
    assert message_id == ("Bagian setelah @ (bps) belum lengkap, misalnya gmail.com atau "
                          "bps.go.id. Mohon periksa kembali alamat email Anda.")
    assert message_en.startswith("The email address is not valid: ")


def test_an_email_with_a_complete_domain_but_a_bad_form_gets_the_example() -> None:
    _, _, message_id, _ = refusal(lambda: validate_email("siti@@gmail.com"))

    assert message_id == (
        "Format alamat email belum benar (contoh: nama@gmail.com). Mohon periksa kembali.")


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\ue000"], ids=["Cc", "Cs", "Co"])
def test_control_surrogate_and_private_characters_are_refused_by_name_of_the_field(
    bad: str,
) -> None:
    visitor = {**MESSAGE_VISITOR, "institution": f"Dinas{bad}Pendidikan"}

    assert refusal(lambda: validate_visitor(visitor, TODAY)) == (
        "institution", "invalid_characters",
        "Isian instansi memuat karakter yang tidak dapat dipakai. Mohon ketik ulang.",
        "The institution contains characters that cannot be used.")


def test_a_field_that_is_not_text_says_so() -> None:
    visitor = {**MESSAGE_VISITOR, "institution": 5}

    assert refusal(lambda: validate_visitor(visitor, TODAY)) == (
        "institution", "not_text", "Mohon isi instansi dalam bentuk teks.",
        "The institution must be text.")


def test_an_international_format_phone_is_stored_with_0_and_counts_its_digits() -> None:
    assert validate_phone("+62 812-3456-7890") == "081234567890"
    assert validate_phone("+62 812 3456") == "08123456"  # 9 digits typed: enough


@pytest.mark.parametrize(("id_type", "number", "expected"), [
    ("SIM", "12345678901A", ("sim_not_digits",
     "Nomor SIM hanya boleh berisi angka. Mohon periksa kembali.",
     "The driving licence (SIM) number may contain digits only.")),
    ("SIM", "12345678901", ("sim_length",
     "Nomor SIM harus 12 sampai 14 angka (Anda mengetik 11). Mohon periksa kembali.",
     "The driving licence (SIM) number must be 12 to 14 digits (you typed 11).")),
    ("PASPOR", "A12#34567", ("passport_characters",
     "Nomor paspor hanya boleh berisi huruf (A-Z) dan angka. Mohon periksa kembali.",
     "The passport number may contain only letters (A-Z) and digits.")),
    ("PASPOR", "A123456789", ("passport_length",
     "Nomor paspor paling banyak 9 karakter (Anda mengetik 10). Mohon periksa kembali.",
     "The passport number has at most 9 characters (you typed 10).")),
    ("LAINNYA", "KITAS#12", ("other_id_characters",
     "Nomor identitas hanya boleh berisi huruf (A-Z) dan angka. Mohon periksa kembali.",
     "The ID number may contain only letters (A-Z) and digits.")),
    ("LAINNYA", "AB", ("other_id_length",
     "Nomor identitas harus 3 sampai 30 karakter (Anda mengetik 2). Mohon periksa kembali.",
     "The ID number must be 3 to 30 characters (you typed 2).")),
    ("KTP", "7502'14103030001", ("nik_not_digits",
     "NIK hanya boleh berisi angka. Mohon periksa kembali (ada ''').",
     "The NIK may contain digits only (found ''').")),
], ids=["SIM letters", "SIM short", "passport characters", "passport long", "other characters",
        "other short", "quote in a NIK"])
def test_each_identity_type_says_what_its_number_must_be(
    id_type: str, number: str, expected: tuple[str, str, str]
) -> None:
    assert refusal(lambda: validate_id_number(id_type, number, TODAY)) == ("id_number", *expected)


def test_other_identity_numbers_of_three_characters_are_enough() -> None:
    assert validate_id_number("LAINNYA", "ABC", TODAY) == "ABC"


@pytest.mark.parametrize(("check", "expected"), [
    (lambda: validate_name("S"), (
        "name", "name_too_short",
        "Mohon tulis nama Anda dengan lengkap (paling sedikit 2 huruf).",
        "Please write your full name (at least 2 letters).")),
    (lambda: validate_phone("0812-3456-789O"), (
        "phone", "phone_characters",
        "Nomor telepon hanya boleh berisi angka (boleh diawali +62). Mohon periksa kembali.",
        "The phone number may contain digits only (it may start with +62).")),
], ids=["name too short", "letter O in a phone number"])
def test_short_names_and_lettered_phones_are_explained(
    check: Callable[[], object], expected: tuple[str, str, str, str]
) -> None:
    assert refusal(check) == expected


def test_a_prefixed_field_keeps_its_prefix_and_its_label() -> None:
    visitor = {**MESSAGE_VISITOR, "institution": "x" * 300}

    with pytest.raises(InvalidInput) as refused:
        validate_visitor(visitor, TODAY, prefix="visitor.")

    [error] = refused.value.errors
    assert (error.field, error.code) == ("visitor.institution", "too_long")
    assert error.message_id == ("Isian instansi terlalu panjang: paling banyak 120 karakter "
                                "(Anda mengetik 300). Mohon dipersingkat.")
    assert error.message_en == (
        "The institution is too long: at most 120 characters (you typed 300).")


# --------------------------------------------------------------------------- the visitor's words

# Each refusal of a NIK, word for word in both languages, as the kiosk shows it beside the field
# (mutation testing found the wording unguarded: a changed sentence passed every test).
NIK_REFUSALS = [
    ("7502O154O3030Q01", "nik_not_digits",
     "NIK hanya boleh berisi angka. Mohon periksa kembali (ada 'O', 'Q').",
     "The NIK may contain digits only (found 'O', 'Q')."),
    ("750201540303000", "nik_length",
     "NIK harus 16 angka (Anda mengetik 15). Mohon periksa kembali.",
     "The NIK must be 16 digits (you typed 15)."),
    ("1002015403030001", "nik_province",
     "Kode provinsi pada NIK (dua angka pertama: 10) tidak dikenal. Mohon periksa kembali.",
     "The province code in the NIK (first two digits: 10) is unknown."),
    ("7500015403030001", "nik_region",
     "Kode kabupaten/kota pada NIK (angka ke-3 dan ke-4) tidak boleh 00. Mohon periksa kembali.",
     "The regency/city code in the NIK (digits 3-4) cannot be 00."),
    ("7502005403030001", "nik_region",
     "Kode kecamatan pada NIK (angka ke-5 dan ke-6) tidak boleh 00. Mohon periksa kembali.",
     "The district code in the NIK (digits 5-6) cannot be 00."),
    ("7502013102030001", "nik_birth_date",
     "Tanggal lahir pada NIK (31-02-2003) tidak ada di kalender. Mohon periksa kembali.",
     "The birth date in the NIK (2003-02-31) does not exist."),
    ("7502017203030001", "nik_birth_date",
     "Tanggal lahir pada NIK (angka ke-7 dan ke-8: 72) tidak valid: untuk laki-laki 01-31, "
     "untuk perempuan 41-71. Mohon periksa kembali.",
     "The birth day in the NIK (digits 7-8: 72) is not valid: 01-31 for men, 41-71 for women."),
    ("7502015413030001", "nik_birth_date",
     "Bulan lahir pada NIK (angka ke-9 dan ke-10: 13) tidak valid: harus 01-12. "
     "Mohon periksa kembali.",
     "The birth month in the NIK (digits 9-10: 13) is not valid: it must be 01-12."),
    ("7502015412260001", "nik_future_birth",
     "Tanggal lahir pada NIK (14-12-2026) belum terjadi. Mohon periksa kembali.",
     "The birth date in the NIK (2026-12-14) is in the future."),
    ("7502015403030000", "nik_serial",
     "Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000. Mohon periksa kembali.",
     "The serial number in the NIK (last four digits) cannot be 0000."),
]


@pytest.mark.parametrize(("nik", "code", "message_id", "message_en"), NIK_REFUSALS)
def test_each_nik_refusal_word_for_word(
    nik: str, code: str, message_id: str, message_en: str
) -> None:
    err = nik_error(nik)
    assert (err.code, err.message_id, err.message_en) == (code, message_id, message_en)
    # the same words when the kiosk checks the identity number of a KTP
    with pytest.raises(InvalidInput) as exc:
        validate_id_number("KTP", nik, TODAY)
    assert only_error(exc).message_en == message_en


def test_a_phone_of_exactly_the_longest_length_is_taken() -> None:
    assert validate_phone("081234567890123") == "081234567890123"  # 15 digits
    with pytest.raises(InvalidInput) as exc:
        validate_phone("0812345678901234")  # 16
    assert only_error(exc).message_en == "The phone number must be 9 to 15 digits (you typed 16)."


@pytest.mark.parametrize("key", ["id_type", "email", "phone"])
def test_a_field_sent_as_something_other_than_text_is_the_one_error(key: str) -> None:
    """A kiosk or a script that sends a number or a list where text belongs: that field's
    "not text" error and no other (the identity number is still checked only with its type;
    no crash on the missing text)."""
    visitor = {"id_type": "KTP", "id_number": BOALEMO_WOMAN, "name": "Siti",
               "email": "siti@example.com", "phone": "081234567890",
               "occupation": "Lainnya", "purpose": "Lainnya", key: [1]}
    with pytest.raises(InvalidInput) as exc:
        validate_visitor(visitor, TODAY, "visitor.")
    err = only_error(exc)
    assert (err.field, err.code) == (f"visitor.{key}", "not_text")
