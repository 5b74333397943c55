"""``FakeStore`` with the feedback tables: ratings and complaints, in memory.

Keeps the promises of ``shared.storage.sqlite.feedback`` the way SQLite does: one rating per ticket
(UNIQUE), newest complaints first, erasure that keeps the scores.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.feedback.report_figures import CallCount, VisitFact, VisitTally, tally
from shared.core.queue.model import GuestEntry, Ticket, TicketStatus
from shared.storage.sqlite.feedback import ERASED_TEXT, EXPIRED_TEXT
from tests.support.fakes import FakeIntegrityError, FakeStore, FakeTransaction, _State


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 60


@dataclass
class _Feedback:
    ratings: dict[int, Rating] = field(default_factory=dict)
    complaints: dict[int, Complaint] = field(default_factory=dict)
    erased_complaints: set[int] = field(default_factory=set)
    last_rating_id: int = 0
    last_complaint_id: int = 0


class FakeFeedbackTransaction(FakeTransaction):
    def __init__(self, state: _State, feedback: _Feedback):
        super().__init__(state)
        self._feedback = feedback

    def add_rating(self, rating: Rating) -> Rating:
        if any(r.ticket_id == rating.ticket_id for r in self._feedback.ratings.values()):
            raise FakeIntegrityError("UNIQUE constraint failed: ratings.ticket_id")
        self._feedback.last_rating_id += 1
        stored = replace(rating, id=self._feedback.last_rating_id)
        self._feedback.ratings[stored.id or 0] = stored
        return stored

    def rating_of(self, ticket_id: int) -> Rating | None:
        return next((r for r in self._feedback.ratings.values() if r.ticket_id == ticket_id),
                    None)

    def ratings_between(self, first: date, last: date) -> list[Rating]:
        found = [r for r in self._feedback.ratings.values() if first <= r.day <= last]
        return sorted(found, key=lambda r: (r.day, r.id or 0))

    def skm_sums(self, first: date, last: date) -> tuple[int, list[int]]:
        answered = [r.skm for r in self.ratings_between(first, last) if r.skm]
        return len(answered), [sum(a[i] for a in answered) for i in range(9)]

    def face_counts(self, first: date, last: date) -> list[int]:
        faces = [r.overall for r in self.ratings_between(first, last)]
        return [faces.count(face) for face in (1, 2, 3, 4)]

    def finished_tickets(self, day: date, desk: str | None = None) -> list[Ticket]:
        done = [
            t for t in self._state.tickets.values()
            if t.day == day and t.status is TicketStatus.DONE and (desk is None or t.desk == desk)
        ]
        return sorted(done, key=lambda t: (t.finished_at, t.id or 0), reverse=True)

    def day_tickets(self, day: date) -> list[Ticket]:
        found = [t for t in self._state.tickets.values() if t.day == day]
        return sorted(found, key=lambda t: (t.issued_at, t.id or 0), reverse=True)

    def add_complaint(self, complaint: Complaint) -> Complaint:
        self._feedback.last_complaint_id += 1
        stored = replace(complaint, id=self._feedback.last_complaint_id)
        self._feedback.complaints[stored.id or 0] = stored
        return stored

    def save_complaint(self, complaint: Complaint) -> None:
        stored = self._feedback.complaints.get(complaint.id or 0)
        if stored is not None:  # as SQLite's UPDATE: only the handling changes
            self._feedback.complaints[complaint.id or 0] = replace(
                stored, status=complaint.status, reply=complaint.reply,
                updated_at=complaint.updated_at, updated_by=complaint.updated_by,
            )

    def complaint(self, complaint_id: int) -> Complaint | None:
        return self._feedback.complaints.get(complaint_id)

    def complaints(self, status: ComplaintStatus | None, limit: int, offset: int
                   ) -> list[Complaint]:
        found = [c for _, c in sorted(self._feedback.complaints.items(), reverse=True)
                 if status is None or c.status is status]
        return found[offset:offset + limit]

    def complaint_counts(self) -> dict[ComplaintStatus, int]:
        counts: dict[ComplaintStatus, int] = {}
        for c in self._feedback.complaints.values():
            counts[c.status] = counts.get(c.status, 0) + 1
        return counts

    def visit_tally(self, first: date, last: date) -> VisitTally:
        return tally(self._visit_facts(first, last))

    def _visit_facts(self, first: date, last: date) -> list[VisitFact]:
        facts = []
        for _, t in sorted(self._state.tickets.items()):
            if not first <= t.day <= last:
                continue
            guest = self._state.guests.get(t.guest_entry_id or 0)
            facts.append(VisitFact(
                ticket_id=t.id or 0, day=t.day, service=t.service, status=t.status,
                issued_at=t.issued_at,
                wait_minutes=_minutes(t.issued_at, t.called_at),
                service_minutes=_minutes(t.called_at, t.finished_at)
                if t.status is TicketStatus.DONE else None,
                desk=t.desk, referred_out=t.transferred_to is not None,
                from_referral=t.transferred_from is not None,
                purpose=guest.purpose if guest else None,
                occupation=guest.occupation if guest else None,
            ))
        return facts

    def call_counts(self, first: date, last: date) -> list[CallCount]:
        counts: dict[tuple[str, str | None], int] = {}
        for stored in self._state.calls:
            if first <= stored.day <= last and not stored.call.recall:
                key = (stored.call.desk, stored.call.officer)
                counts[key] = counts.get(key, 0) + 1
        return [CallCount(desk, officer, n) for (desk, officer), n in
                sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]

    def guests_by_hash(self, id_hash: str) -> list[GuestEntry]:
        return [g for gid, g in sorted(self._state.guests.items())
                if g.id_hash == id_hash and gid not in self._state.erased_at]

    def tickets_of_guests(self, entry_ids: Collection[int]) -> list[Ticket]:
        return [t for _, t in sorted(self._state.tickets.items())
                if t.guest_entry_id in entry_ids]

    def ratings_of(self, ticket_ids: Collection[int]) -> list[Rating]:
        return [r for _, r in sorted(self._feedback.ratings.items()) if r.ticket_id in ticket_ids]

    def complaints_of(self, ticket_ids: Collection[int], contacts: Collection[str]
                      ) -> list[Complaint]:
        return [
            c for _, c in sorted(self._feedback.complaints.items())
            if c.ticket_id in ticket_ids or c.contact_email in contacts
            or c.contact_phone in contacts
        ]

    def erase_guest(self, entry_id: int, at: datetime) -> None:
        guest = self._state.guests[entry_id]
        self._state.guests[entry_id] = replace(
            guest, id_masked="", id_hash="", name="", email="", phone=None, institution=None
        )
        self._state.erased_at[entry_id] = at

    def erase_rating_comments(self, ticket_ids: Collection[int]) -> int:
        erased = 0
        for rid, r in self._feedback.ratings.items():
            if r.ticket_id in ticket_ids and r.comment is not None:
                self._feedback.ratings[rid] = replace(r, comment=None)
                erased += 1
        return erased

    def erase_complaints(self, complaint_ids: Collection[int], at: datetime) -> int:
        # As SQLite's UPDATE ... WHERE id IN (...): ids of no complaint are passed over.
        found = {cid for cid in complaint_ids if cid in self._feedback.complaints}
        for cid in found:
            self._feedback.complaints[cid] = replace(
                self._feedback.complaints[cid], text=ERASED_TEXT, contact_email=None,
                contact_phone=None, reply=None,
            )
            self._feedback.erased_complaints.add(cid)
        return len(found)

    def visit_notes_of(self, ticket_ids: Collection[int]) -> list[tuple[int, str]]:
        # As SQLite's UNION ALL: the notes, then the follow-ups' notes, then their closing notes.
        found = [(i, n.text) for i, n in self._state.notes.items() if i in ticket_ids]
        follow_ups = [f for f in self._state.follow_ups.values() if f.ticket_id in ticket_ids]
        found += [(f.ticket_id, f.note) for f in follow_ups if f.note != ""]
        found += [(f.ticket_id, f.closing_note) for f in follow_ups
                  if f.closing_note is not None]
        return found

    def erase_visit_notes_of(self, ticket_ids: Collection[int]) -> int:
        return self._erase_visit_notes(set(ticket_ids))

    def guests_created_before(self, cutoff: datetime) -> int:
        return sum(1 for gid, g in self._state.guests.items()
                   if g.created_at < cutoff and gid not in self._state.erased_at)

    def rating_comments_before(self, cutoff: datetime) -> int:
        return sum(1 for r in self._feedback.ratings.values()
                   if r.rated_at < cutoff and r.comment is not None)

    def erase_rating_comments_before(self, cutoff: datetime) -> int:
        old = [rid for rid, r in self._feedback.ratings.items()
               if r.rated_at < cutoff and r.comment is not None]
        for rid in old:
            self._feedback.ratings[rid] = replace(self._feedback.ratings[rid], comment=None)
        return len(old)

    def _complaints_before(self, cutoff: datetime) -> list[int]:
        return [cid for cid, c in self._feedback.complaints.items()
                if c.created_at < cutoff and cid not in self._feedback.erased_complaints]

    def complaints_before(self, cutoff: datetime) -> int:
        return len(self._complaints_before(cutoff))

    def erase_complaints_before(self, cutoff: datetime, at: datetime) -> int:
        old = self._complaints_before(cutoff)
        for cid in old:
            self._feedback.complaints[cid] = replace(
                self._feedback.complaints[cid], text=EXPIRED_TEXT, contact_email=None,
                contact_phone=None, reply=None)
            self._feedback.erased_complaints.add(cid)
        return len(old)

    def complaint_times(self, ticket_id: int, channel: str, after: datetime
                        ) -> list[datetime]:
        return sorted(c.created_at for c in self._feedback.complaints.values()
                      if c.ticket_id == ticket_id and c.channel == channel
                      and c.created_at > after)


class FakeFeedbackStore(FakeStore):
    """``FakeStore`` whose transactions also hold ratings and complaints."""

    def __init__(self) -> None:
        super().__init__()
        self._feedback = _Feedback()

    @contextmanager
    def transaction(self) -> Iterator[FakeFeedbackTransaction]:  # type: ignore[override]
        with self._lock:
            snapshot = copy.deepcopy(self._feedback)
            try:
                with super().transaction():
                    yield FakeFeedbackTransaction(self._state, self._feedback)
            except BaseException:
                self._feedback = snapshot
                raise

    @contextmanager
    def snapshot(self) -> Iterator[FakeFeedbackTransaction]:  # type: ignore[override]
        with self._lock:  # the queue and the feedback as of one moment
            feedback = copy.deepcopy(self._feedback)
            with super().snapshot() as tx:
                state = tx._state
        yield FakeFeedbackTransaction(state, feedback)
