"""The calendar's words in Indonesian and English: day and month names, a long date, a time.

The one place they are written: the kiosk, the ticket printer, the waiting-room display and
the office's own "closed on Sunday" all read them from here. No locale is needed (a kiosk PC
rarely has ``id_ID`` installed).
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["DAYS_ID", "DAYS_EN", "MONTHS_ID", "MONTHS_EN", "day_name", "month_name",
           "long_date", "clock_time"]

# Monday first, as ``date.weekday()`` counts.
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def day_name(weekday: int, lang: str = "id") -> str:
    """``Senin`` for 0 (``date.weekday()``), ``Monday`` in English."""
    return (DAYS_EN if lang == "en" else DAYS_ID)[weekday]


def month_name(month: int, lang: str = "id") -> str:
    """``Januari`` for 1, ``January`` in English."""
    return (MONTHS_EN if lang == "en" else MONTHS_ID)[month - 1]


def long_date(day: date, lang: str = "id") -> str:
    """``Minggu, 29 November 2026`` / ``Sunday, 29 November 2026``."""
    return f"{day_name(day.weekday(), lang)}, {day.day} {month_name(day.month, lang)} {day.year}"


def clock_time(moment: datetime) -> str:
    """Hours and minutes with a dot, as Indonesian writes times: ``08.05``."""
    return f"{moment.hour:02d}.{moment.minute:02d}"
