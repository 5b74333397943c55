"""The office calendar: the day in Tilamuta (WITA) and whether the service is open, and why not."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shared.core.calendar.clock import OfficeCalendar, holiday_name
from shared.core.settings import Settings
from tests.support.fakes import FakeClock

WEEKDAY_HOURS = {
    "monday": ("08:00-15:30",),
    "tuesday": ("08:00-15:30",),
    "wednesday": ("08:00-15:30",),
    "thursday": ("08:00-15:30",),
    "friday": ("08:00-16:00",),
}


def wita(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """The UTC moment of a wall-clock time in Tilamuta."""
    local = datetime(day.year, day.month, day.day, hour, minute, second,
                     tzinfo=ZoneInfo("Asia/Makassar"))
    return local.astimezone(UTC)


def calendar(at: datetime, **settings: Any) -> OfficeCalendar:
    return OfficeCalendar(Settings(**settings), FakeClock(at))


MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
FRIDAY = date(2026, 12, 4)
SATURDAY = date(2026, 12, 5)
SUNDAY = date(2026, 11, 29)
CHRISTMAS = date(2026, 12, 25)  # a Friday


# --- the office's day ---------------------------------------------------------------------


def test_the_day_changes_at_midnight_wita_which_is_16_00_utc() -> None:
    assert calendar(datetime(2026, 11, 30, 15, 59, 59, tzinfo=UTC)).today() == MONDAY
    assert calendar(datetime(2026, 11, 30, 16, 0, tzinfo=UTC)).today() == TUESDAY


def test_early_morning_in_tilamuta_is_still_yesterday_in_utc() -> None:
    cal = calendar(wita(TUESDAY, 7, 0))

    assert cal.today() == TUESDAY
    assert cal.now().utcoffset() is not None
    assert cal.now().hour == 7


def test_the_day_follows_the_configured_zone() -> None:
    at = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)

    assert calendar(at, timezone="Asia/Jakarta").today() == date(2026, 12, 1)
    assert calendar(at, timezone="America/New_York").today() == MONDAY


# --- opening hours ------------------------------------------------------------------------


def test_always_open_without_hours() -> None:
    for at in (wita(SUNDAY, 3, 0), wita(MONDAY, 23, 59), wita(CHRISTMAS, 10, 0)):
        opening = calendar(at).opening()
        assert opening.open, at
        assert (opening.reason_id, opening.reason_en) == ("", "")


def test_open_from_the_first_minute_until_just_before_closing() -> None:
    assert calendar(wita(MONDAY, 8, 0), hours=WEEKDAY_HOURS).opening().open
    assert calendar(wita(MONDAY, 15, 29, 59), hours=WEEKDAY_HOURS).opening().open
    assert calendar(wita(FRIDAY, 15, 45), hours=WEEKDAY_HOURS).opening().open


def test_before_opening_says_when_it_opens() -> None:
    opening = calendar(wita(MONDAY, 7, 45), hours=WEEKDAY_HOURS).opening()

    assert not opening.open
    assert "Buka pukul 08.00" in opening.reason_id
    assert opening.reason_id == "Layanan belum buka. Buka pukul 08.00 hari ini."
    assert "08.00" in opening.reason_en


def test_after_closing_says_when_it_closed() -> None:
    opening = calendar(wita(MONDAY, 15, 30), hours=WEEKDAY_HOURS).opening()

    assert not opening.open
    assert "sudah tutup pukul 15.30" in opening.reason_id
    assert "15.30" in opening.reason_en


def test_friday_closes_later() -> None:
    opening = calendar(wita(FRIDAY, 16, 5), hours=WEEKDAY_HOURS).opening()

    assert not opening.open
    assert "sudah tutup pukul 16.00" in opening.reason_id


@pytest.mark.parametrize(("day", "hari", "day_en"), [
    (SATURDAY, "Sabtu", "Saturday"),
    (SUNDAY, "Minggu", "Sunday"),
])
def test_closed_weekday_is_named(day: date, hari: str, day_en: str) -> None:
    opening = calendar(wita(day, 10, 0), hours=WEEKDAY_HOURS).opening()

    assert not opening.open
    assert opening.reason_id == f"Layanan tutup pada hari {hari}."
    assert day_en in opening.reason_en


def test_during_a_break_says_when_it_opens_again() -> None:
    hours = {"monday": ("08:00-12:00", "13:00-15:30")}

    at_lunch = calendar(wita(MONDAY, 12, 30), hours=hours).opening()

    assert not at_lunch.open
    assert "Buka pukul 13.00" in at_lunch.reason_id
    assert calendar(wita(MONDAY, 13, 0), hours=hours).opening().open


def test_the_reason_names_the_right_time_whatever_order_the_ranges_are_written_in() -> None:
    """A break written afternoon first is accepted by the settings, so the reasons must
    still name the next opening and the last closing of the day."""
    hours = {"monday": ("13:00-15:30", "08:00-12:00")}

    early = calendar(wita(MONDAY, 7, 0), hours=hours).opening()
    late = calendar(wita(MONDAY, 16, 0), hours=hours).opening()

    assert "Buka pukul 08.00" in early.reason_id
    assert "sudah tutup pukul 15.30" in late.reason_id


def test_open_until_midnight_means_the_last_minute_too() -> None:
    """The settings accept "24:00" as the end of the day; the last minute is then open."""
    hours = {"monday": ("08:00-24:00",)}

    opening = calendar(wita(MONDAY, 23, 59, 30), hours=hours).opening()

    assert opening.open, opening.reason_id


def test_the_weekday_is_tilamutas_not_utcs() -> None:
    # Monday 07:30 WITA is still Sunday 23:30 in UTC: Monday's hours apply.
    monday_morning = wita(MONDAY, 7, 30)
    assert monday_morning.weekday() == 6

    opening = calendar(monday_morning, hours=WEEKDAY_HOURS).opening()

    assert "Buka pukul 08.00" in opening.reason_id


def test_opening_at_a_given_moment() -> None:
    cal = calendar(wita(SUNDAY, 10, 0), hours=WEEKDAY_HOURS)

    assert cal.opening(wita(MONDAY, 9, 0)).open
    assert not cal.opening().open


# --- holidays -----------------------------------------------------------------------------


def test_christmas_is_a_holiday_with_its_indonesian_name() -> None:
    name = holiday_name(CHRISTMAS)

    assert name is not None and "Natal" in name
    assert holiday_name(MONDAY) is None


def test_closed_on_a_holiday_naming_it() -> None:
    opening = calendar(wita(CHRISTMAS, 10, 0), close_on_holidays=True).opening()

    assert not opening.open
    assert opening.reason_id == "Kantor tutup: hari libur (Hari Raya Natal)."
    assert "Natal" in opening.reason_en


def test_cuti_bersama_closes_the_office_too() -> None:
    opening = calendar(wita(date(2026, 12, 24), 10, 0), close_on_holidays=True).opening()

    assert not opening.open
    assert "Cuti Bersama" in opening.reason_id


def test_holidays_follow_the_office_day() -> None:
    # 24 Dec 16:30 UTC is already 25 Dec 00:30 in Tilamuta.
    cal = calendar(datetime(2026, 12, 24, 16, 30, tzinfo=UTC), close_on_holidays=True)

    assert cal.opening().reason_id == "Kantor tutup: hari libur (Hari Raya Natal)."


def test_holidays_are_ignored_unless_the_setting_says_so() -> None:
    assert calendar(wita(CHRISTMAS, 10, 0), hours=WEEKDAY_HOURS).opening().open
