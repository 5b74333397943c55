"""The calendar's words (shared/core/calendar/words.py) and the opening hours as a person reads
them (shared/core/calendar/opening_hours.py): the one place the kiosk, the printer, the display
and the office take them from."""

from __future__ import annotations

from datetime import date, datetime

from shared.core.calendar.opening_hours import opening_hours_lines
from shared.core.calendar.words import clock_time, day_name, long_date, month_name


def test_days_and_months_in_indonesian() -> None:
    assert long_date(date(2026, 11, 29)) == "Minggu, 29 November 2026"
    assert long_date(date(2026, 8, 17)) == "Senin, 17 Agustus 2026"
    assert long_date(date(2027, 1, 1)) == "Jumat, 1 Januari 2027"
    assert [day_name(n) for n in range(7)] == [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert [month_name(n) for n in (1, 2, 3, 5, 6, 7, 10, 12)] == [
        "Januari", "Februari", "Maret", "Mei", "Juni", "Juli", "Oktober", "Desember"]


def test_days_and_months_in_english() -> None:
    assert long_date(date(2026, 11, 29), "en") == "Sunday, 29 November 2026"
    assert long_date(datetime(2027, 8, 2, 9, 0), "en") == "Monday, 2 August 2027"
    assert day_name(4, "en") == "Friday"
    assert month_name(1, "en") == "January"


def test_clock_with_a_dot() -> None:
    assert clock_time(datetime(2026, 11, 29, 8, 5)) == "08.05"
    assert clock_time(datetime(2026, 11, 29, 15, 30)) == "15.30"


def test_opening_hours_join_days_in_a_row_with_the_same_hours() -> None:
    hours = {day: ["08:00-15:30"] for day in ("monday", "tuesday", "wednesday", "thursday")}
    hours["friday"] = ["08:00-16:00"]
    assert opening_hours_lines(hours) == ["Senin-Kamis 08.00-15.30", "Jumat 08.00-16.00"]
    assert opening_hours_lines(hours, "en") == [
        "Monday-Thursday 08.00-15.30", "Friday 08.00-16.00"]


def test_opening_hours_with_a_break_and_days_apart() -> None:
    lunch = ["08:00-12:00", "13:00-15:30"]
    hours = {"monday": ["08:00-12:00", "13:00 - 15:30"], "wednesday": lunch, "thursday": lunch,
             "saturday": ["08:00-11:00"], "sunday": []}
    assert opening_hours_lines(hours) == [
        "Senin 08.00-12.00 dan 13.00-15.30", "Rabu-Kamis 08.00-12.00 dan 13.00-15.30",
        "Sabtu 08.00-11.00"]
    assert opening_hours_lines(hours, "en")[0] == "Monday 08.00-12.00 and 13.00-15.30"
    assert opening_hours_lines({"sunday": ["09:00-12:00"]}) == ["Minggu 09.00-12.00"]
    assert opening_hours_lines({}) == []
