"""Who goes next and how long the wait is: pure functions over lists of tickets."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from shared.core.queue.model import OPEN_STATUSES, Ticket


def call_order(waiting: Sequence[Ticket]) -> list[Ticket]:
    """Priority visitors first, each group in the order its tickets were issued."""
    # This order has SQL twins that must agree with it: ``SqliteTransaction.front_of_queue``
    # (ORDER BY issued_at, id per priority) and ``count_ahead`` (priority above; same priority
    # issued earlier; same instant, lower id). Change one, change them all:
    # tests/integration/test_sqlite_store.py::test_the_sql_twins_of_call_order_agree_with_it
    # checks them against this function on random queues.
    return sorted(waiting, key=lambda t: (not t.priority, t.issued_at, t.id or 0))


def choose_next(
    waiting: Sequence[Ticket], recent_calls_priority: Sequence[bool], guard: int
) -> Ticket | None:
    """The ticket a desk calls next.

    ``recent_calls_priority`` says, newest first, whether each of the latest first calls
    was a priority visitor. After ``guard`` priority calls in a row the oldest regular
    visitor goes next, so regular visitors are never starved.
    """
    if not waiting:
        return None
    ordered = call_order(waiting)
    regular = [t for t in ordered if not t.priority]
    streak = 0
    for was_priority in recent_calls_priority:
        if not was_priority:
            break
        streak += 1
    if ordered[0].priority and regular and streak >= guard:
        return regular[0]
    return ordered[0]


def waiting_ahead(ticket: Ticket, waiting: Sequence[Ticket]) -> int:
    """How many waiting tickets of the same service go before ``ticket``."""
    if ticket.id is None:
        raise ValueError("ticket must be stored first")
    ordered = [t for t in call_order(waiting) if t.service == ticket.service]
    ids = [t.id for t in ordered]
    return ids.index(ticket.id) if ticket.id in ids else 0


def estimate_wait_minutes(
    ahead: int, recent_service_minutes: Sequence[float], desks: int, default_minutes: int
) -> int:
    """Minutes until the visitor is called: the people ahead times the day's recent mean
    service time, shared over the desks serving the service (rounded up)."""
    if ahead <= 0:
        return 0
    mean = (
        sum(recent_service_minutes) / len(recent_service_minutes)
        if recent_service_minutes
        else float(default_minutes)
    )
    return math.ceil(ahead * max(mean, 1.0) / max(desks, 1))


def left_open(ticket: Ticket, today: date) -> bool:
    """The day's end: a ticket still waiting or called on an earlier office day is never
    called any more. It is closed (``expired``), its visitor told so on the phone page, and
    its desk is free for the new day, whose numbering starts again at 001."""
    return ticket.day < today and ticket.status in OPEN_STATUSES


def as_of(ticket: Ticket, today: date, at: datetime) -> Ticket:
    """``ticket`` as the visitor and the officers must see it on ``today`` (closed if its
    day left it open, even before storage has caught up)."""
    return ticket.expire(at) if left_open(ticket, today) else ticket
