"""The read side of the queue: what the waiting room and the officers look at.

The display's state (calls, desks, waiting counts), the change version and the officers' list
of the day's tickets are built here, on a snapshot of storage that never takes the write lock.
The use cases that change the queue live in ``office.QueueOffice`` and write through
``repository.QueueTransaction``; nothing here changes anything. (Reports read here too.)
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from shared import queue_rules
from shared.clock import OfficeCalendar
from shared.config import Settings
from shared.model import Call, GuestEntry, Ticket, TicketStatus

RECENT_CALLS_SHOWN = 10


class QueueReads(Protocol):
    """The queries the read model needs, inside one consistent snapshot."""

    def version(self) -> int: ...
    def recent_calls(self, day: date, n: int) -> list[Call]: ...
    def at_desk(self, desk: str, day: date) -> Ticket | None: ...
    def waiting_counts(self, services: Collection[str], day: date) -> dict[str, int]: ...
    def tickets(
        self,
        day: date,
        status: TicketStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Ticket]: ...
    def guest(self, entry_id: int) -> GuestEntry | None: ...


class ReadStore(Protocol):
    def snapshot(self) -> AbstractContextManager[QueueReads]:
        """A read-only view of storage as of one moment; takes no write lock."""
        ...


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
