"""The day's end (issue 7, finding 10), in the core over both stores: tickets an office day
left waiting or called are closed as ``expired`` at the day change; the desk is free; the
new day numbers from 001; what visitors and officers see follows even before the job ran."""

from __future__ import annotations

import pytest

from shared.core.errors import IllegalTransition
from shared.core.queue.model import TicketStatus
from shared.core.queue.office import QueueOffice
from tests.support.core import BoardOf
from tests.support.fakes import FakeClock, make_visitor


def test_open_tickets_of_earlier_days_are_closed_at_the_day_change(
    queue_office: QueueOffice, clock: FakeClock, board_of: BoardOf, changes: list[int]
) -> None:
    clock.advance(hours=14, minutes=50)  # 23:50 WITA
    called = queue_office.issue_ticket("KONSULTASI", make_visitor(1), consent=True).ticket
    waiting = queue_office.issue_ticket("KONSULTASI", make_visitor(2), consent=True).ticket
    assert queue_office.call_next("1").id == called.id
    assert queue_office.close_earlier_days() == 0  # the same day: nothing to close
    clock.advance(minutes=15)  # 00:05 the next day
    # before the midnight job: visitors and officers already see the day's end
    assert queue_office.ticket_status(waiting.token).ticket.status is TicketStatus.EXPIRED
    assert {r.ticket.status for r in board_of(queue_office).tickets_of_day(called.day)} == {
        TicketStatus.EXPIRED}
    with pytest.raises(IllegalTransition):
        queue_office.finish(called.id or 0)
    before = len(changes)
    assert queue_office.close_earlier_days() == 2
    # the displays are told once, of the new version (they fetch when it moves on)
    assert changes[before:] == [changes[before - 1] + 1]
    assert queue_office.close_earlier_days() == 0
    assert queue_office.ticket_status(called.token).ticket.status is TicketStatus.EXPIRED
    fresh = queue_office.issue_ticket("KONSULTASI", make_visitor(3), consent=True).ticket
    assert fresh.number == "K-001"
    assert queue_office.call_next("1").id == fresh.id  # the desk is free
