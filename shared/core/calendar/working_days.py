"""Working days: the standard promises a consultation is completed within one working day.

A working day is Monday to Friday, minus national holidays and cuti bersama (the
government's collective leave days, which BPS offices observe).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

SATURDAY = 5


def is_working_day(day: date, days_off: Container[date]) -> bool:
    return day.weekday() < SATURDAY and day not in days_off


def next_working_day(day: date, days_off: Container[date]) -> date:
    """The first working day after ``day``: when a follow-up of a visit on ``day`` is due.

    Friday -> Monday; the day before a holiday -> the day after it (or later, when a weekend
    or cuti bersama follows). ``days_off`` holds the holidays and cuti bersama dates.
    """
    candidate = day + timedelta(days=1)
    while not is_working_day(candidate, days_off):
        candidate += timedelta(days=1)
    return candidate
