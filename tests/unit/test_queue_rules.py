"""Who goes next and how long the wait is: the pure rules, edge cases and a fairness property."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.core.queue.model import Ticket
from shared.core.queue.rules import call_order, choose_next, estimate_wait_minutes, waiting_ahead

START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def ticket(
    ticket_id: int, priority: bool = False, service: str = "KONSULTASI", minute: int | None = None
) -> Ticket:
    return Ticket(
        service=service,
        day=date(2026, 11, 30),
        sequence=ticket_id,
        number=f"K-{ticket_id:03d}",
        token=f"token-{ticket_id}",
        issued_at=START + timedelta(minutes=ticket_id if minute is None else minute),
        priority=priority,
        id=ticket_id,
    )


def ids(tickets: list[Ticket]) -> list[int | None]:
    return [t.id for t in tickets]


# --- call_order / choose_next -------------------------------------------------------------


def test_priority_first_then_each_group_by_arrival() -> None:
    waiting = [ticket(1), ticket(2, priority=True), ticket(3), ticket(4, priority=True)]

    assert ids(call_order(waiting)) == [2, 4, 1, 3]


def test_same_arrival_time_falls_back_to_the_id() -> None:
    waiting = [ticket(3, minute=0), ticket(1, minute=0), ticket(2, minute=0)]

    assert ids(call_order(waiting)) == [1, 2, 3]


def test_nobody_waiting_means_nobody_is_chosen() -> None:
    assert choose_next([], [True, True, True], guard=3) is None


def test_oldest_regular_when_there_is_no_priority() -> None:
    chosen = choose_next([ticket(2), ticket(1)], [], guard=3)

    assert chosen is not None and chosen.id == 1


def test_priority_goes_first_below_the_guard() -> None:
    chosen = choose_next([ticket(1), ticket(2, priority=True)], [True, True], guard=3)

    assert chosen is not None and chosen.id == 2


def test_at_the_guard_the_oldest_regular_goes_next() -> None:
    waiting = [ticket(1), ticket(2), ticket(3, priority=True)]

    chosen = choose_next(waiting, [True, True, True], guard=3)

    assert chosen is not None and chosen.id == 1


def test_the_streak_is_only_the_latest_run_of_priority_calls() -> None:
    waiting = [ticket(1), ticket(2, priority=True)]

    # newest first: priority, priority, then a regular call breaks the run
    chosen = choose_next(waiting, [True, True, False, True, True], guard=3)

    assert chosen is not None and chosen.id == 2


def test_at_the_guard_with_only_priority_waiting_priority_is_still_served() -> None:
    waiting = [ticket(1, priority=True), ticket(2, priority=True)]

    chosen = choose_next(waiting, [True] * 5, guard=1)

    assert chosen is not None and chosen.id == 1


@pytest.mark.parametrize("guard", [1, 2, 5])
def test_guard_of_n_means_n_priority_calls(guard: int) -> None:
    waiting = [ticket(1), ticket(2, priority=True)]

    below = choose_next(waiting, [True] * (guard - 1), guard)
    at = choose_next(waiting, [True] * guard, guard)

    assert below is not None and below.id == 2
    assert at is not None and at.id == 1


# --- waiting_ahead ------------------------------------------------------------------------


def test_waiting_ahead_counts_only_the_same_service_in_call_order() -> None:
    mine = ticket(5)
    waiting = [
        ticket(1), ticket(2, service="PERPUSTAKAAN"), ticket(3, priority=True),
        ticket(4, priority=True, service="PERPUSTAKAAN"), mine, ticket(6, priority=True),
    ]

    # K-001, and the priority K-003 and K-006 (later, but priority) go first
    assert waiting_ahead(mine, waiting) == 3


def test_the_first_in_line_has_nobody_ahead() -> None:
    first = ticket(1, priority=True)

    assert waiting_ahead(first, [ticket(2), first, ticket(3, priority=True)]) == 0


def test_an_unstored_ticket_has_no_place_in_the_queue_yet() -> None:
    unstored = dataclasses.replace(ticket(4), id=None)

    with pytest.raises(ValueError, match="^ticket must be stored first$"):
        waiting_ahead(unstored, [ticket(1)])


def test_a_ticket_no_longer_waiting_has_nobody_ahead() -> None:
    assert waiting_ahead(ticket(9), [ticket(1), ticket(2)]) == 0


def test_an_unstored_ticket_cannot_be_placed() -> None:
    unstored = Ticket(
        service="KONSULTASI", day=date(2026, 11, 30), sequence=1, number="K-001",
        token="x", issued_at=START,
    )

    with pytest.raises(ValueError, match="stored"):
        waiting_ahead(unstored, [ticket(1)])


# --- estimate_wait_minutes ----------------------------------------------------------------


def test_nobody_ahead_means_no_wait() -> None:
    assert estimate_wait_minutes(0, [30.0], desks=1, default_minutes=15) == 0


def test_default_minutes_until_someone_was_served() -> None:
    assert estimate_wait_minutes(3, [], desks=1, default_minutes=15) == 45


def test_mean_of_the_days_service_times_shared_over_desks_rounded_up() -> None:
    assert estimate_wait_minutes(3, [10.0, 20.0], desks=2, default_minutes=99) == 23


def test_very_short_visits_still_count_a_minute_each() -> None:
    assert estimate_wait_minutes(4, [0.1, 0.2], desks=1, default_minutes=15) == 4


def test_no_desk_serving_the_service_counts_as_one() -> None:
    assert estimate_wait_minutes(2, [], desks=0, default_minutes=10) == 20


# --- fairness: priority visitors never starve regular ones beyond the guard ---------------


@given(
    guard=st.integers(min_value=1, max_value=5),
    steps=st.lists(
        st.one_of(st.just("call"), st.just("regular"), st.just("priority")), max_size=80
    ),
)
def test_never_more_than_guard_priority_calls_in_a_row_while_a_regular_waits(
    guard: int, steps: list[str]
) -> None:
    waiting: list[Ticket] = []
    first_calls: list[bool] = []  # newest first, as the store answers
    run = 0  # priority calls in a row, counted only while a regular visitor waited
    next_id = 1
    for step in steps:
        if step != "call":
            waiting.append(ticket(next_id, priority=step == "priority"))
            next_id += 1
            continue
        regular_waits = any(not t.priority for t in waiting)
        chosen = choose_next(waiting, first_calls[:guard], guard)
        if not waiting:
            assert chosen is None
            continue
        assert chosen is not None
        waiting.remove(chosen)
        first_calls.insert(0, chosen.priority)
        if chosen.priority and regular_waits:
            run += 1
            assert run <= guard
        elif not chosen.priority:
            run = 0
        # and nobody is passed over within their own group
        group = [t for t in waiting if t.priority == chosen.priority]
        assert all(chosen.issued_at <= t.issued_at for t in group)
