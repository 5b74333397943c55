"""The read side of the queue: what the waiting room and the officers look at.

The display's state (calls, desks, waiting counts), the change version, the officers' list
of the day's tickets (``QueueBoard``) and the console's desk, visits, follow-up list and guest
book (``DeskBoard``) are built here, on a snapshot of storage that never takes the write lock.
The use cases that change the queue live in ``office.QueueOffice`` (an officer's notes and
follow-ups in ``visits.Visits``); nothing here changes anything. What this reads from storage is
declared in ``shared.core.ports.reads``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import FieldError, InvalidInput, NotFound
from shared.core.ports.reads import DeskReadStore, ReadStore, VisitReads
from shared.core.queue import rules as queue_rules
from shared.core.queue.model import Call, FollowUp, GuestEntry, Ticket, TicketStatus, VisitNote
from shared.core.queue.sentences import QUEUE_ERRORS
from shared.core.settings import DeskConfig, Settings

RECENT_CALLS_SHOWN = 10
WAITING_SHOWN = 50
FOLLOW_UPS_SHOWN = 200
EXPORT_MAX_DAYS = 366
# The most visits one guest-book request answers: a year's guest book at once was 14 MB of
# JSON and +82 MB of server memory.
GUEST_BOOK_PAGE_MAX = 200
# A search reads the range this many tickets at a time (fewer, longer reads: OFFSET walks).
GUEST_BOOK_SEARCH_BATCH = 1000


@dataclass(frozen=True)
class DeskState:
    id: str
    name: str
    current: str | None


@dataclass(frozen=True)
class DisplayState:
    """What the waiting room may see: numbers and desks, never a person."""

    version: int
    calls: list[Call]
    desks: list[DeskState]
    waiting: dict[str, int]


@dataclass(frozen=True)
class TicketRecord:
    """A ticket of the day with its guest-book entry (identity number masked), for officers."""

    ticket: Ticket
    guest: GuestEntry | None


class QueueBoard:
    """The queue as it is read: by the waiting-room display and the officers' lists."""

    def __init__(self, store: ReadStore, settings: Settings, calendar: OfficeCalendar):
        self._store = store
        self._settings = settings
        self._calendar = calendar

    def display_state(self) -> DisplayState:
        today = self._calendar.today()
        with self._store.snapshot() as tx:
            version = tx.version()
            calls = tx.recent_calls(today, RECENT_CALLS_SHOWN)
            desks = []
            for desk in self._settings.desks:
                current = tx.at_desk(desk.id, today)
                desks.append(DeskState(desk.id, desk.name, current.number if current else None))
            enabled = [s.code for s in self._settings.services if s.enabled]
            waiting = tx.waiting_counts(enabled, today)
        return DisplayState(version, calls, desks, waiting)

    def version(self) -> int:
        with self._store.snapshot() as tx:
            return tx.version()

    def tickets_of_day(
        self,
        day: date | None = None,
        status: TicketStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[TicketRecord]:
        return [r for page in self.pages_of_day(day, status, limit, offset) for r in page]

    def pages_of_day(
        self,
        day: date | None = None,
        status: TicketStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
        page_size: int = 200,
    ) -> Iterator[list[TicketRecord]]:
        """The day's tickets a page at a time, all from one snapshot: the caller turns each
        page into its answer before the next is read, so a long day's list never sits in
        memory as objects all at once (the server's size stays the same as the day grows)."""
        today, now = self._calendar.today(), self._calendar.now()
        with self._store.snapshot() as tx:
            left = limit
            while left is None or left > 0:
                size = page_size if left is None else min(page_size, left)
                tickets = tx.tickets(day or today, status, size, offset)
                guests: dict[int, GuestEntry | None] = {}
                for ticket in tickets:
                    if ticket.guest_entry_id is not None and ticket.guest_entry_id not in guests:
                        guests[ticket.guest_entry_id] = tx.guest(ticket.guest_entry_id)
                if tickets:
                    yield [
                        TicketRecord(queue_rules.as_of(t, today, now),
                                     guests.get(t.guest_entry_id) if t.guest_entry_id else None)
                        for t in tickets
                    ]
                if len(tickets) < size:
                    return
                offset += size
                if left is not None:
                    left -= size


# --- the officer's desk (the console) ------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    """A ticket with its guest-book entry and the officers' records of it."""

    ticket: Ticket
    guest: GuestEntry | None
    note: VisitNote | None
    follow_up: FollowUp | None


@dataclass(frozen=True)
class WaitingTicket:
    ticket: Ticket
    minutes_waited: int


@dataclass(frozen=True)
class DeskView:
    """Everything the officer at one desk sees, as of one queue version."""

    version: int
    now: datetime
    desk: DeskConfig
    current: Visit | None
    # service code -> its waiting tickets in call order (the desk's own services first)
    waiting: dict[str, list[WaitingTicket]]
    waiting_total: dict[str, int]
    follow_ups_open: int
    follow_ups_overdue: int


@dataclass(frozen=True)
class FollowUpView:
    follow_up: FollowUp
    visit: Visit
    overdue: bool


def ticket_of(tx: VisitReads, ticket_id: int) -> Ticket:
    ticket = tx.ticket(ticket_id)
    if ticket is None:
        raise NotFound.said("ticket_not_found", field="ticket")
    return ticket


def visits_of(tx: VisitReads, tickets: list[Ticket]) -> list[Visit]:
    """Each ticket with its guest-book entry, note and follow-up."""
    ids = [t.id for t in tickets if t.id is not None]
    notes = tx.notes(ids)
    follow_ups = tx.follow_ups_of(ids)
    guests: dict[int, GuestEntry | None] = {}
    for t in tickets:
        if t.guest_entry_id is not None and t.guest_entry_id not in guests:
            guests[t.guest_entry_id] = tx.guest(t.guest_entry_id)
    return [
        Visit(
            t,
            guests.get(t.guest_entry_id) if t.guest_entry_id is not None else None,
            notes.get(t.id) if t.id is not None else None,
            follow_ups.get(t.id) if t.id is not None else None,
        )
        for t in tickets
    ]


def follow_up_views(
    tx: VisitReads, follow_ups: list[FollowUp], today: date
) -> list[FollowUpView]:
    """Each follow-up with its visit, overdue when its due date is before ``today``."""
    tickets = []
    for f in follow_ups:
        ticket = tx.ticket(f.ticket_id)
        assert ticket is not None
        tickets.append(ticket)
    visits = visits_of(tx, tickets)
    return [FollowUpView(f, v, f.overdue(today))
            for f, v in zip(follow_ups, visits, strict=True)]


class DeskBoard:
    """What the officer console reads: a desk's view, a visit, the follow-ups, the guest
    book. (The notes and follow-ups are written through ``visits.Visits``.)"""

    def __init__(self, store: DeskReadStore, settings: Settings, calendar: OfficeCalendar):
        self._store = store
        self._settings = settings
        self._calendar = calendar

    def desk_view(self, desk_id: str) -> DeskView:
        desk = self._settings.desk(desk_id)
        if desk is None:
            raise NotFound.said("desk_not_found", field="desk", desk=desk_id)
        now = self._calendar.now()
        today = now.date()
        enabled = [s.code for s in self._settings.services if s.enabled]
        order = [c for c in desk.services if c in enabled] + [
            c for c in enabled if c not in desk.services
        ]
        with self._store.snapshot() as tx:
            version = tx.version()
            at_desk = tx.at_desk(desk.id, today)
            current = visits_of(tx, [at_desk])[0] if at_desk else None
            waiting: dict[str, list[WaitingTicket]] = {}
            totals: dict[str, int] = {}
            for code in order:
                queue = queue_rules.call_order(tx.waiting([code], today))
                totals[code] = len(queue)
                waiting[code] = [
                    WaitingTicket(t, max(0, int((now - t.issued_at).total_seconds() // 60)))
                    for t in queue[:WAITING_SHOWN]
                ]
            open_count, overdue = tx.follow_up_counts(today)
        return DeskView(version, now, desk, current, waiting, totals, open_count, overdue)

    def visit(self, ticket_id: int) -> Visit:
        with self._store.snapshot() as tx:
            return visits_of(tx, [ticket_of(tx, ticket_id)])[0]

    def follow_ups(self, open_only: bool = True) -> list[FollowUpView]:
        today = self._calendar.today()
        with self._store.snapshot() as tx:
            return follow_up_views(tx, tx.follow_ups(open_only, FOLLOW_UPS_SHOWN), today)

    def guest_book(
        self, first: date | None = None, last: date | None = None, search: str = "",
        limit: int | None = None, offset: int = 0,
    ) -> list[Visit]:
        """The visits of the days ``first`` to ``last`` (today by default), optionally only
        those whose visitor's name or institution contains ``search``; from the ``offset``-th
        on, at most ``limit`` (all with ``None``). A search reads the range a page at a time,
        so memory stays bounded by ``limit`` and the page, not by the range."""
        today = self._calendar.today()
        first = first or today
        last = last or first
        if last < first:
            raise InvalidInput([FieldError.said("to", "range_reversed", words=QUEUE_ERRORS)])
        if (last - first) > timedelta(days=EXPORT_MAX_DAYS - 1):
            raise InvalidInput([FieldError.said("to", "range_too_long",
                                                words=QUEUE_ERRORS, days=EXPORT_MAX_DAYS)])
        needle = search.strip().casefold()
        with self._store.snapshot() as tx:
            if not needle:
                return visits_of(tx, tx.tickets_between(first, last, limit, offset))
            found: list[Visit] = []
            skip, start = offset, 0
            while limit is None or len(found) < limit:
                tickets = tx.tickets_between(first, last, GUEST_BOOK_SEARCH_BATCH, start)
                for visit in visits_of(tx, tickets):
                    if visit.guest is None or not (
                        needle in visit.guest.name.casefold()
                        or needle in (visit.guest.institution or "").casefold()
                    ):
                        continue
                    if skip:
                        skip -= 1
                    elif limit is None or len(found) < limit:
                        found.append(visit)
                if len(tickets) < GUEST_BOOK_SEARCH_BATCH:
                    break
                start += GUEST_BOOK_SEARCH_BATCH
            return found
