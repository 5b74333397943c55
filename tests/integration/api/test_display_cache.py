"""The display's answer is cached per change and per office day: at midnight in Tilamuta the
board empties although nothing changed in the queue."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.support.offices import local_office, visitor


def test_at_midnight_yesterdays_calls_leave_the_board_without_any_change(
    tmp_path: Path,
) -> None:
    with local_office(tmp_path / "data") as office:
        assert office.clock is not None
        office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
        office.officer.call_next("1")
        office.clock.set(datetime(2026, 11, 30, 15, 59, tzinfo=UTC))  # 23:59 WITA
        evening = office.public.display()
        office.clock.set(datetime(2026, 11, 30, 16, 0, tzinfo=UTC))  # 00:00 WITA, Tuesday

        morning = office.public.display()

    assert [c.number for c in evening.calls] == ["K-001"]
    assert {d.id: d.current for d in evening.desks} == {"1": "K-001", "2": None}
    assert morning.version == evening.version
    assert morning.calls == []
    assert {d.id: d.current for d in morning.desks} == {"1": None, "2": None}
