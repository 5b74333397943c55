"""What one visitor's rights and the retention purge
(``shared.core.visitors.personal_data.PersonalData``, UU PDP) need from storage: find what is
kept about a person, and erase it so that nothing readable is left, counts and scores kept."""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from shared.core.feedback.complaints import Complaint
from shared.core.feedback.ratings import Rating
from shared.core.queue.model import GuestEntry, Ticket


class PersonalDataTransaction(Protocol):
    # --- one visitor: found by identity hash, exported, erased on request ---
    def guests_by_hash(self, id_hash: str) -> list[GuestEntry]:
        """The guest-book entries (not yet erased) whose identity hash is ``id_hash``."""
        ...
    def tickets_of_guests(self, entry_ids: Collection[int]) -> list[Ticket]: ...
    def ratings_of(self, ticket_ids: Collection[int]) -> list[Rating]: ...
    def complaints_of(self, ticket_ids: Collection[int], contacts: Collection[str]
                      ) -> list[Complaint]:
        """Complaints about these tickets or giving one of ``contacts`` (email, phone)."""
        ...
    def visit_notes_of(self, ticket_ids: Collection[int]) -> list[tuple[int, str]]:
        """(ticket id, text) of the officers' notes and follow-up notes on these visits."""
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
    def erase_visit_notes_of(self, ticket_ids: Collection[int]) -> int:
        """The officers' notes on these visits go (they may name the visitor)."""
        ...
    # --- the retention purge: what is older than the cutoff, counted or erased ---
    def guests_created_before(self, cutoff: datetime) -> int:
        """Entries not yet erased that the retention purge would erase."""
        ...
    def erase_guests_before(self, cutoff: datetime, at: datetime) -> int:
        """Those entries erased, as ``erase_guest`` erases one; how many."""
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


class PersonalDataStore(Protocol):
    def transaction(self) -> AbstractContextManager[PersonalDataTransaction]: ...
