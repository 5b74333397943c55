"""The queue's domain objects. No HTTP, no SQL, no Kivy: plain data and the rules of a ticket."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from shared.core.errors import IllegalTransition
from shared.core.messages import Sentence
from shared.core.queue.sentences import QUEUE_ERRORS
from shared.core.visitors.fields import FIELD_NAMES


class TicketStatus(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"
    # Still waiting or called when the office day ended: closed, never to be called.
    EXPIRED = "expired"


OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED)


STATUS_ID = {
    TicketStatus.WAITING: "menunggu",
    TicketStatus.CALLED: "dipanggil",
    TicketStatus.DONE: "selesai",
    TicketStatus.NO_SHOW: "tidak hadir",
    TicketStatus.EXPIRED: "ditutup di akhir hari",
}


def ticket_number(letter: str, sequence: int) -> str:
    """``K-001``: the service letter and the day's sequence, three digits at least."""
    return f"{letter}-{sequence:03d}"


@dataclass(frozen=True)
class GuestEntry:
    """One visit in the digital guest book. The identity number is kept masked and hashed."""

    id_type: str
    id_masked: str
    id_hash: str
    name: str
    email: str
    phone: str | None
    institution: str | None
    occupation: str
    purpose: str
    consent_at: datetime
    consent_version: str
    created_at: datetime
    id: int | None = None

    def visitor_fields(self) -> dict[str, Any]:
        """The visitor's fields (``VISITOR_FIELDS``, in their order) as an officer sees them:
        the identity number as ``id_number_masked``, the others as typed."""
        return {
            "id_number_masked" if name == "id_number" else name:
            self.id_masked if name == "id_number" else getattr(self, name)
            for name in FIELD_NAMES
        }


@dataclass(frozen=True)
class Ticket:
    service: str
    day: date
    sequence: int
    number: str
    token: str
    issued_at: datetime
    priority: bool = False
    status: TicketStatus = TicketStatus.WAITING
    guest_entry_id: int | None = None
    desk: str | None = None
    called_at: datetime | None = None
    recalls: int = 0
    finished_at: datetime | None = None
    transferred_from: int | None = None
    transferred_to: int | None = None
    # Printed on the paper ticket and shown on the phone page: the proof of the visit a
    # kiosk rating needs (see ``shared.core.feedback.ratings.check_rating_code``); "" on older
    # tickets.
    rating_code: str = ""
    id: int | None = None

    def _illegal(self, action: str) -> IllegalTransition:
        return IllegalTransition.said(
            "illegal_transition", field="status", words=QUEUE_ERRORS, number=self.number,
            status=Sentence(STATUS_ID[self.status], self.status.value.replace("_", " ")),
            action=QUEUE_ERRORS[f"action.{action}"],
        )

    def call(self, desk: str, at: datetime) -> Ticket:
        if self.status is not TicketStatus.WAITING:
            raise self._illegal("call")
        return replace(self, status=TicketStatus.CALLED, desk=desk, called_at=at)

    def recall(self) -> Ticket:
        if self.status is not TicketStatus.CALLED:
            raise self._illegal("recall")
        return replace(self, recalls=self.recalls + 1)

    def finish(self, at: datetime, transferred_to: int | None = None) -> Ticket:
        if self.status is not TicketStatus.CALLED:
            raise self._illegal("finish")
        return replace(
            self, status=TicketStatus.DONE, finished_at=at, transferred_to=transferred_to
        )

    def no_show(self, at: datetime) -> Ticket:
        if self.status is not TicketStatus.CALLED:
            raise self._illegal("no_show")
        return replace(self, status=TicketStatus.NO_SHOW, finished_at=at)

    def expire(self, at: datetime) -> Ticket:
        """Close a ticket its office day left open (see ``queue_rules.left_open``)."""
        if self.status not in OPEN_STATUSES:
            raise self._illegal("close")
        return replace(self, status=TicketStatus.EXPIRED, finished_at=at)

    def check_transferable(self) -> None:
        if self.status is not TicketStatus.CALLED:
            raise self._illegal("transfer")

    @property
    def service_minutes(self) -> float | None:
        if self.status is TicketStatus.DONE and self.called_at and self.finished_at:
            return (self.finished_at - self.called_at).total_seconds() / 60
        return None


@dataclass(frozen=True)
class Call:
    """A ticket called (or called again) to a desk: what the waiting room sees and hears."""

    ticket_id: int
    number: str
    service: str
    desk: str
    called_at: datetime
    recall: bool
    officer: str | None = None  # the user who called (reports count calls per officer)
    id: int | None = None


@dataclass(frozen=True)
class VisitNote:
    """The officer's short note on a visit (one per ticket; the latest text wins)."""

    ticket_id: int
    text: str
    author: str
    updated_at: datetime


@dataclass(frozen=True)
class FollowUp:
    """A visit that needs more work: due the next working day after the visit (the standard
    promises completion within one working day), closed with a note when done."""

    ticket_id: int
    due_on: date
    opened_by: str
    opened_at: datetime
    note: str = ""
    closed_at: datetime | None = None
    closed_by: str | None = None
    closing_note: str | None = None
    id: int | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None

    def overdue(self, today: date) -> bool:
        return self.open and today > self.due_on

    def close(self, at: datetime, by: str, note: str) -> FollowUp:
        if not self.open:
            raise IllegalTransition.said("follow_up_closed", field="follow_up", words=QUEUE_ERRORS)
        return replace(self, closed_at=at, closed_by=by, closing_note=note)
