"""The office's clock and calendar: what day it is in the office, and whether it is open.

The day, the daily renumbering and every report follow the office's time zone, never the
machine's. Indonesian public holidays and cuti bersama come from the ``holidays`` package.
"""

from __future__ import annotations

import time as monotonic_time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from shared.core.calendar import holiday_dates, working_days
from shared.core.calendar.words import day_name
from shared.core.settings import Settings

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def clock_starting_at(start: datetime) -> Clock:
    """A clock that reads ``start`` now and then runs at the normal pace: lets a test (or a
    rehearsal) run the real server on a chosen day, e.g. the Wednesday before Christmas."""
    began = monotonic_time.monotonic()

    def now() -> datetime:
        return start + timedelta(seconds=monotonic_time.monotonic() - began)

    return now


@dataclass(frozen=True)
class Opening:
    open: bool
    reason_id: str = ""
    reason_en: str = ""


@lru_cache(maxsize=8)
def _holidays_of(year: int) -> dict[date, str]:
    return holiday_dates.fetch(year)


def holiday_name(day: date) -> str | None:
    """The Indonesian name of the public holiday or cuti bersama on ``day``, if any."""
    return _holidays_of(day.year).get(day)


class OfficeCalendar:
    def __init__(self, settings: Settings, clock: Clock = system_clock):
        self._settings = settings
        self._clock = clock
        self._zone: ZoneInfo = settings.zone
        self._hours = settings.opening_hours()

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def now(self) -> datetime:
        """The current moment in the office's time zone."""
        return self._clock().astimezone(self._zone)

    def today(self) -> date:
        return self.now().date()

    def seconds_until_tomorrow(self) -> float:
        """Seconds until the office's next day begins (local midnight)."""
        now = self.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=self._zone)
        return (midnight - now).total_seconds()

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._zone)

    def opening(self, moment: datetime | None = None) -> Opening:
        at = self.local(moment) if moment is not None else self.now()
        if self._settings.close_on_holidays:
            name = self.day_off_name(at.date())
            if name:
                return Opening(
                    False,
                    f"Kantor tutup: hari libur ({name}).",
                    f"The office is closed: public holiday ({name}).",
                )
        if self._hours is None:
            return Opening(True)
        ranges = self._hours.get(at.weekday(), [])
        now = at.time().replace(tzinfo=None)
        if any(start <= now and (now < end or end == time.max) for start, end in ranges):
            return Opening(True)
        return Opening(False, *self._closed_reason(at.weekday(), now, ranges))

    def day_off_name(self, day: date) -> str | None:
        """The holiday or cuti bersama on ``day`` (the package's or the office's own)."""
        if day in self._settings.cuti_bersama:
            return "Cuti Bersama"
        return holiday_name(day)

    def follow_up_due(self, visit_day: date) -> date:
        """When a follow-up of a visit on ``visit_day`` must be done: the next working day."""
        days_off = set(self._settings.cuti_bersama)
        for year in (visit_day.year, visit_day.year + 1):
            days_off.update(_holidays_of(year))
        return working_days.next_working_day(visit_day, days_off)

    def _closed_reason(
        self, weekday: int, now: time, ranges: list[tuple[time, time]]
    ) -> tuple[str, str]:
        if not ranges:
            return (
                f"Layanan tutup pada hari {day_name(weekday, 'id')}.",
                f"The service is closed on {day_name(weekday, 'en')}.",
            )
        later = [start for start, _ in ranges if start > now]
        if later:
            opens = later[0].strftime("%H.%M")
            return (
                f"Layanan belum buka. Buka pukul {opens} hari ini.",
                f"The service is not open yet. It opens at {opens} today.",
            )
        end = ranges[-1][1]
        closed = "24.00" if end == time.max else end.strftime("%H.%M")
        return (
            f"Layanan sudah tutup pukul {closed}. Silakan datang pada hari kerja berikutnya.",
            f"The service closed at {closed}. Please come back on the next working day.",
        )
