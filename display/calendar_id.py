"""Dates and times as the board shows them, in Indonesian: "Minggu, 29 November 2026"."""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["long_date", "clock"]

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


def long_date(day: date) -> str:
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def clock(moment: datetime) -> str:
    """Hours and minutes with a dot, as Indonesian writes times: "08.05"."""
    return f"{moment.hour:02d}.{moment.minute:02d}"
