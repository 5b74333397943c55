"""What the officers' records of a visit (``shared.core.queue.visits.Visits``) need from
storage: notes and follow-ups, written in one transaction that also reads the visit back."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from shared.core.ports.reads import VisitReads
from shared.core.queue.model import FollowUp, VisitNote


class VisitTransaction(VisitReads, Protocol):
    """A visit's records read (``VisitReads``) and changed, inside one transaction."""

    def save_note(self, note: VisitNote) -> None:
        """The ticket's one note, added or replaced."""
        ...
    def add_follow_up(self, follow_up: FollowUp) -> FollowUp: ...
    def save_follow_up(self, follow_up: FollowUp) -> None: ...
    def follow_up(self, follow_up_id: int) -> FollowUp | None: ...
    def bump_version(self) -> int:
        """The visits changed: the next queue version, which the console waits for."""
        ...
    def erase_visit_notes_before(self, cutoff: datetime) -> int: ...


class VisitStore(Protocol):
    def transaction(self) -> AbstractContextManager[VisitTransaction]: ...
