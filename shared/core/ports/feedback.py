"""What ratings, complaints, the reports and the visitors' data rights need from storage.

The queue's transaction (``shared.core.ports.queue.QueueTransaction``) plus these reads and writes,
in the same all-or-nothing transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Protocol

from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.feedback.report_figures import CallCount, VisitTally
from shared.core.ports.queue import QueueTransaction
from shared.core.queue.model import GuestEntry, Ticket


class FeedbackTransaction(QueueTransaction, Protocol):
    def add_rating(self, rating: Rating) -> Rating: ...
    def rating_of(self, ticket_id: int) -> Rating | None: ...
    def ratings_between(self, first: date, last: date) -> list[Rating]:
        """Ratings of the visits of the days ``first`` to ``last``, oldest first."""
        ...
    def skm_sums(self, first: date, last: date) -> tuple[int, list[int]]:
        """(respondents, the sum of each element's answers) over ratings with an SKM."""
        ...
    def face_counts(self, first: date, last: date) -> list[int]:
        """How many ratings chose face 1, 2, 3 and 4."""
        ...
    def finished_tickets(self, day: date, desk: str | None = None) -> list[Ticket]:
        """The day's finished tickets, the latest finish first (optionally of one desk)."""
        ...
    def day_tickets(self, day: date) -> list[Ticket]:
        """The day's tickets whatever their state, the latest issued first."""
        ...
    def add_complaint(self, complaint: Complaint) -> Complaint: ...
    def save_complaint(self, complaint: Complaint) -> None: ...
    def complaint(self, complaint_id: int) -> Complaint | None: ...
    def complaints(self, status: ComplaintStatus | None, limit: int, offset: int
                   ) -> list[Complaint]:
        """Newest first."""
        ...
    def complaint_counts(self) -> dict[ComplaintStatus, int]: ...
    def visit_tally(self, first: date, last: date) -> VisitTally:
        """The visits of the days ``first`` to ``last``, counted (``report_figures.tally``)."""
        ...
    def call_counts(self, first: date, last: date) -> list[CallCount]:
        """First calls (not recalls) per desk and officer."""
        ...
    # --- one visitor's personal data (UU PDP) ---
    def guests_by_hash(self, id_hash: str) -> list[GuestEntry]:
        """The guest-book entries (not yet erased) whose identity hash is ``id_hash``."""
        ...
    def tickets_of_guests(self, entry_ids: Collection[int]) -> list[Ticket]: ...
    def ratings_of(self, ticket_ids: Collection[int]) -> list[Rating]: ...
    def complaints_of(self, ticket_ids: Collection[int], contacts: Collection[str]
                      ) -> list[Complaint]:
        """Complaints about these tickets or giving one of ``contacts`` (email, phone)."""
        ...
    def erase_guest(self, entry_id: int, at: datetime) -> None:
        """Identity, name and contact of the entry gone; id type, occupation, purpose and
        the consent record kept (the statistics)."""
        ...
    def erase_rating_comments(self, ticket_ids: Collection[int]) -> int:
        """The comments go; the scores (and so the IKM) stay."""
        ...
    def erase_complaints(self, complaint_ids: Collection[int], at: datetime) -> int:
        """Text and contact go; the complaint's existence, dates and status stay."""
        ...
    def visit_notes_of(self, ticket_ids: Collection[int]) -> list[tuple[int, str]]:
        """(ticket id, text) of the officers' notes and follow-up notes on these visits."""
        ...
    def erase_visit_notes_of(self, ticket_ids: Collection[int]) -> int:
        """The officers' notes on these visits go (they may name the visitor)."""
        ...
    def follow_up_counts(self, today: date) -> tuple[int, int]:
        """(open, overdue) follow-ups."""
        ...
    def guests_created_before(self, cutoff: datetime) -> int:
        """Entries not yet erased that the retention purge would erase."""
        ...
    def rating_comments_before(self, cutoff: datetime) -> int:
        """Comments of ratings given before ``cutoff`` (what the purge would erase)."""
        ...
    def erase_rating_comments_before(self, cutoff: datetime) -> int:
        """Those comments go; the scores stay."""
        ...
    def complaints_before(self, cutoff: datetime) -> int:
        """Complaints filed before ``cutoff`` and not yet erased."""
        ...
    def erase_complaints_before(self, cutoff: datetime, at: datetime) -> int:
        """Their text, contact and reply go; the complaint's dates and status stay."""
        ...
    def complaint_times(self, ticket_id: int, channel: str, after: datetime
                        ) -> list[datetime]:
        """When the complaints about ``ticket_id`` sent by ``channel`` after ``after`` were
        filed, oldest first (the daily limit per status token)."""
        ...


class FeedbackStore(Protocol):
    def transaction(self) -> AbstractContextManager[FeedbackTransaction]: ...
    def snapshot(self) -> AbstractContextManager[FeedbackTransaction]:
        """Read-only, never waits for a writer: for the reports and lists."""
        ...
