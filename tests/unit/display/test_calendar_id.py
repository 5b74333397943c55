from __future__ import annotations

from datetime import date, datetime

from display.calendar_id import clock, long_date


def test_days_and_months_in_indonesian() -> None:
    assert long_date(date(2026, 11, 29)) == "Minggu, 29 November 2026"
    assert long_date(date(2026, 8, 17)) == "Senin, 17 Agustus 2026"
    assert long_date(date(2027, 1, 1)) == "Jumat, 1 Januari 2027"


def test_clock_with_a_dot() -> None:
    assert clock(datetime(2026, 11, 29, 8, 5)) == "08.05"
