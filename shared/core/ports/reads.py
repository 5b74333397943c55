"""What the read side (``shared.core.queue.read_model``) needs from storage: the display's
and the officers' queries, inside one consistent snapshot that takes no write lock."""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

from shared.core.queue.model import Call, FollowUp, GuestEntry, Ticket, TicketStatus, VisitNote


class QueueReads(Protocol):
    """The queries of the display and the officers' list of the day (``QueueBoard``)."""

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


class VisitReads(Protocol):
    """A visit's records: its ticket, guest-book entry, note and follow-up. (The write
    transaction of ``visits.Visits`` has them too, to answer with the visit it changed.)"""

    def ticket(self, ticket_id: int) -> Ticket | None: ...
    def guest(self, entry_id: int) -> GuestEntry | None: ...
    def notes(self, ticket_ids: Collection[int]) -> dict[int, VisitNote]: ...
    def follow_ups_of(self, ticket_ids: Collection[int]) -> dict[int, FollowUp]: ...


class DeskReads(QueueReads, VisitReads, Protocol):
    """The queries the console's views need (``DeskBoard``)."""

    def waiting(self, services: Collection[str], day: date) -> list[Ticket]: ...
    def follow_ups(self, open_only: bool, limit: int) -> list[FollowUp]:
        """Open ones by due date, oldest first; closed ones newest first."""
        ...
    def follow_up_counts(self, today: date) -> tuple[int, int]:
        """(open, overdue) follow-ups."""
        ...
    def tickets_between(self, first: date, last: date, limit: int | None = None,
                        offset: int = 0) -> list[Ticket]:
        """The tickets of the days ``first`` to ``last`` (inclusive), in issue order, from
        ``offset`` on, at most ``limit`` of them (all with ``None``)."""
        ...


class DeskReadStore(Protocol):
    def snapshot(self) -> AbstractContextManager[DeskReads]:
        """A read-only view of storage as of one moment; takes no write lock."""
        ...
