"""The officer's records of a visit: a note, a follow-up, and their erasure (UU PDP).

One method per thing the console changes; each opens one storage transaction and answers with
the visit as it now is. What the console only reads (the desk's view, the follow-up list, the
guest book) is in ``shared.core.queue.read_model.DeskBoard``; calling, finishing and referring
stay in
``shared.core.queue.office``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import DomainError, FieldError, InvalidInput, NotFound
from shared.core.ports.visits import VisitStore
from shared.core.queue.model import FollowUp, TicketStatus, VisitNote
from shared.core.queue.read_model import FollowUpView, Visit, follow_up_views, ticket_of, visits_of
from shared.core.queue.sentences import QUEUE_ERRORS
from shared.core.settings import Settings

log = logging.getLogger("pst_antrian.visits")

NOTE_MAX = 1000


def check_text(text: str, field: str, required: bool = False, limit: int = NOTE_MAX) -> str:
    """An officer's free text: trimmed, at most ``limit`` characters, storable."""
    text = text.strip()
    if required and not text:
        raise InvalidInput([FieldError.said(field, "required", words=QUEUE_ERRORS)])
    if len(text) > limit:
        raise InvalidInput([FieldError.said(field, "too_long", words=QUEUE_ERRORS, limit=limit)])
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput([FieldError.said(field, "invalid_text", words=QUEUE_ERRORS)]) from None
    return text


class Visits:
    def __init__(
        self,
        store: VisitStore,
        settings: Settings,
        calendar: OfficeCalendar,
        on_change: Callable[[int], None] = lambda version: None,
    ):
        self._store = store
        self._settings = settings
        self._calendar = calendar
        self._on_change = on_change

    # --- notes and follow-ups -------------------------------------------------------------

    def set_note(self, ticket_id: int, text: str, author: str) -> Visit:
        text = check_text(text, "text")
        now = self._calendar.now()
        with self._store.transaction() as tx:
            ticket = ticket_of(tx, ticket_id)
            tx.save_note(VisitNote(ticket_id, text, author, now))
            visit = visits_of(tx, [ticket])[0]
            version = tx.bump_version()
        log.info("note on ticket %s saved", ticket.number)
        self._on_change(version)
        return visit

    def mark_follow_up(self, ticket_id: int, note: str, author: str) -> FollowUpView:
        note = check_text(note, "note")
        now = self._calendar.now()
        with self._store.transaction() as tx:
            ticket = ticket_of(tx, ticket_id)
            if ticket.status is TicketStatus.WAITING:
                raise DomainError.said("not_served_yet", field="ticket",
                                       words=QUEUE_ERRORS, number=ticket.number)
            if tx.follow_ups_of([ticket_id]):
                raise DomainError.said("follow_up_exists", field="ticket",
                                       words=QUEUE_ERRORS, number=ticket.number)
            due = self._calendar.follow_up_due(ticket.day)
            tx.add_follow_up(FollowUp(ticket_id, due, author, now, note))
            view = follow_up_views(
                tx, list(tx.follow_ups_of([ticket_id]).values()), self._calendar.today())[0]
            version = tx.bump_version()
        log.info("ticket %s needs follow-up by %s", ticket.number, due.isoformat())
        self._on_change(version)
        return view

    def close_follow_up(self, follow_up_id: int, note: str, author: str) -> FollowUpView:
        note = check_text(note, "note", required=True)
        now = self._calendar.now()
        with self._store.transaction() as tx:
            found = tx.follow_up(follow_up_id)
            if found is None:
                raise NotFound.said("follow_up_not_found", field="follow_up", words=QUEUE_ERRORS)
            closed = found.close(now, author, note)
            tx.save_follow_up(closed)
            view = follow_up_views(tx, [closed], self._calendar.today())[0]
            version = tx.bump_version()
        log.info("follow-up %d closed", follow_up_id)
        self._on_change(version)
        return view

    def purge_expired(self) -> int:
        """Notes older than the retention period go with the guest-book data (UU PDP)."""
        cutoff = self._calendar.now() - timedelta(days=self._settings.retention_days)
        with self._store.transaction() as tx:
            return tx.erase_visit_notes_before(cutoff)
