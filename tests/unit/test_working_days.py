"""The follow-up due date: the next working day (weekends, national holidays, cuti bersama)."""

from __future__ import annotations

from datetime import date

from shared.core.calendar.clock import OfficeCalendar
from shared.core.calendar.working_days import is_working_day, next_working_day
from shared.core.settings import Settings
from tests.support.fakes import MONDAY_9_WITA, FakeClock

NONE: set[date] = set()


def test_friday_is_due_on_monday() -> None:
    assert next_working_day(date(2026, 12, 4), NONE) == date(2026, 12, 7)


def test_a_weekday_is_due_the_next_day() -> None:
    assert next_working_day(date(2026, 12, 1), NONE) == date(2026, 12, 2)


def test_the_weekend_itself_is_due_on_monday() -> None:
    assert next_working_day(date(2026, 12, 5), NONE) == date(2026, 12, 7)
    assert next_working_day(date(2026, 12, 6), NONE) == date(2026, 12, 7)


def test_the_day_before_a_national_holiday_skips_it() -> None:
    # Independence Day 2026 is Monday 17 August: a Friday visit is due on Tuesday.
    independence = {date(2026, 8, 17)}
    assert next_working_day(date(2026, 8, 14), independence) == date(2026, 8, 18)
    # Wednesday before a Thursday holiday: due Friday.
    assert next_working_day(date(2026, 5, 13), {date(2026, 5, 14)}) == date(2026, 5, 15)


def test_holidays_and_weekend_in_a_row() -> None:
    # Wed 23 Dec 2026: Thu 24 cuti bersama, Fri 25 Christmas, the weekend: due Monday 28.
    days_off = {date(2026, 12, 24), date(2026, 12, 25)}
    assert next_working_day(date(2026, 12, 23), days_off) == date(2026, 12, 28)


def test_is_working_day() -> None:
    assert is_working_day(date(2026, 11, 30), NONE)
    assert not is_working_day(date(2026, 11, 29), NONE)
    assert not is_working_day(date(2026, 11, 30), {date(2026, 11, 30)})


def _calendar(**settings: object) -> OfficeCalendar:
    return OfficeCalendar(Settings(**settings), FakeClock(MONDAY_9_WITA))  # type: ignore[arg-type]


def test_the_office_calendar_knows_christmas_and_its_cuti_bersama() -> None:
    # From the holidays package (PUBLIC + GOVERNMENT): 24 Dec cuti bersama, 25 Dec Natal.
    assert _calendar().follow_up_due(date(2026, 12, 23)) == date(2026, 12, 28)


def test_the_office_calendar_knows_lebaran_2026() -> None:
    # Thu 19 Mar Nyepi, Fri 20 cuti bersama, the weekend (Idul Fitri), Mon 23 and Tue 24 cuti
    # bersama: a visit on Wednesday 18 March (itself cuti bersama) is due on Wednesday 25.
    assert _calendar().follow_up_due(date(2026, 3, 17)) == date(2026, 3, 25)


def test_cuti_bersama_from_the_configuration() -> None:
    # The government adds a cuti bersama on Monday 30 Nov 2026 (not in the package).
    friday = date(2026, 11, 27)
    assert _calendar().follow_up_due(friday) == date(2026, 11, 30)
    configured = _calendar(cuti_bersama=[date(2026, 11, 30)])
    assert configured.follow_up_due(friday) == date(2026, 12, 1)
    assert configured.day_off_name(date(2026, 11, 30)) == "Cuti Bersama"


def test_new_year_across_the_year_end() -> None:
    # Thu 31 Dec 2026 -> Fri 1 Jan 2027 is New Year's Day -> Monday 4 January 2027.
    assert _calendar().follow_up_due(date(2026, 12, 31)) == date(2027, 1, 4)


def test_configured_cuti_bersama_closes_the_office() -> None:
    calendar = _calendar(cuti_bersama=["2026-11-30"], close_on_holidays=True)
    opening = calendar.opening()
    assert not opening.open
    assert "Cuti Bersama" in opening.reason_id
