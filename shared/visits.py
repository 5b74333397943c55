"""The officer's desk: what the console shows and the records an officer keeps on a visit.

One method per thing the console does (the desk's view, a note, a follow-up, the guest
book); each opens one storage transaction. Calling, finishing and referring stay in
``shared.office``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from shared import queue_rules
from shared.clock import OfficeCalendar
from shared.config import DeskConfig, Settings
from shared.errors import DomainError, FieldError, InvalidInput, NotFound
from shared.model import FollowUp, GuestEntry, Ticket, TicketStatus, VisitNote
from shared.repository import VisitStore, VisitTransaction

log = logging.getLogger("pst_antrian.visits")

NOTE_MAX = 1000
WAITING_SHOWN = 50
FOLLOW_UPS_SHOWN = 200
EXPORT_MAX_DAYS = 366


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


def check_text(text: str, field: str, required: bool = False, limit: int = NOTE_MAX) -> str:
    """An officer's free text: trimmed, at most ``limit`` characters, storable."""
    text = text.strip()
    if required and not text:
        raise InvalidInput([FieldError(field, "required", "Wajib diisi.", "Required.")])
    if len(text) > limit:
        raise InvalidInput([FieldError(
            field, "too_long", f"Paling banyak {limit} karakter.", f"At most {limit} characters.",
        )])
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput([FieldError(
            field, "invalid_text", "Teks berisi karakter yang tidak sah.",
            "The text contains invalid characters.",
        )]) from None
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

    # --- the desk -------------------------------------------------------------------------

    def desk_view(self, desk_id: str) -> DeskView:
        desk = self._settings.desk(desk_id)
        if desk is None:
            raise NotFound("desk_not_found", f"Meja {desk_id!r} tidak ada.",
                           f"There is no desk {desk_id!r}.", field="desk")
        now = self._calendar.now()
        today = now.date()
        enabled = [s.code for s in self._settings.services if s.enabled]
        order = [c for c in desk.services if c in enabled] + [
            c for c in enabled if c not in desk.services
        ]
        with self._store.snapshot() as tx:
            version = tx.version()
            at_desk = tx.at_desk(desk.id, today)
            current = self._visits(tx, [at_desk])[0] if at_desk else None
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
            return self._visits(tx, [self._ticket(tx, ticket_id)])[0]

    # --- notes and follow-ups -------------------------------------------------------------

    def set_note(self, ticket_id: int, text: str, author: str) -> Visit:
        text = check_text(text, "text")
        now = self._calendar.now()
        with self._store.transaction() as tx:
            ticket = self._ticket(tx, ticket_id)
            tx.save_note(VisitNote(ticket_id, text, author, now))
            visit = self._visits(tx, [ticket])[0]
            version = tx.bump_version()
        log.info("note on ticket %s saved", ticket.number)
        self._on_change(version)
        return visit

    def mark_follow_up(self, ticket_id: int, note: str, author: str) -> FollowUpView:
        note = check_text(note, "note")
        now = self._calendar.now()
        with self._store.transaction() as tx:
            ticket = self._ticket(tx, ticket_id)
            if ticket.status is TicketStatus.WAITING:
                raise DomainError(
                    "not_served_yet",
                    f"{ticket.number} belum dilayani: tindak lanjut ditandai saat atau setelah"
                    " pelayanan.",
                    f"{ticket.number} has not been served yet: mark a follow-up during or after"
                    " the visit.",
                    field="ticket",
                )
            if tx.follow_ups_of([ticket_id]):
                raise DomainError(
                    "follow_up_exists",
                    f"Kunjungan {ticket.number} sudah ditandai perlu tindak lanjut.",
                    f"Visit {ticket.number} is already marked for follow-up.",
                    field="ticket",
                )
            due = self._calendar.follow_up_due(ticket.day)
            tx.add_follow_up(FollowUp(ticket_id, due, author, now, note))
            view = self._follow_up_views(tx, list(tx.follow_ups_of([ticket_id]).values()))[0]
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
                raise NotFound("follow_up_not_found", "Tindak lanjut tidak ditemukan.",
                               "Follow-up not found.", field="follow_up")
            closed = found.close(now, author, note)
            tx.save_follow_up(closed)
            view = self._follow_up_views(tx, [closed])[0]
            version = tx.bump_version()
        log.info("follow-up %d closed", follow_up_id)
        self._on_change(version)
        return view

    def follow_ups(self, open_only: bool = True) -> list[FollowUpView]:
        with self._store.snapshot() as tx:
            return self._follow_up_views(tx, tx.follow_ups(open_only, FOLLOW_UPS_SHOWN))

    # --- the guest book -------------------------------------------------------------------

    def guest_book(
        self, first: date | None = None, last: date | None = None, search: str = ""
    ) -> list[Visit]:
        """The visits of the days ``first`` to ``last`` (today by default), optionally only
        those whose visitor's name or institution contains ``search``."""
        today = self._calendar.today()
        first = first or today
        last = last or first
        if last < first:
            raise InvalidInput([FieldError(
                "to", "range_reversed", "Tanggal akhir sebelum tanggal awal.",
                "The end date is before the start date.",
            )])
        if (last - first) > timedelta(days=EXPORT_MAX_DAYS - 1):
            raise InvalidInput([FieldError(
                "to", "range_too_long", f"Paling panjang {EXPORT_MAX_DAYS} hari sekaligus.",
                f"At most {EXPORT_MAX_DAYS} days at once.",
            )])
        with self._store.snapshot() as tx:
            visits = self._visits(tx, tx.tickets_between(first, last))
        needle = search.strip().casefold()
        if needle:
            visits = [v for v in visits if v.guest is not None and (
                needle in v.guest.name.casefold()
                or needle in (v.guest.institution or "").casefold()
            )]
        return visits

    def purge_expired(self) -> int:
        """Notes older than the retention period go with the guest-book data (UU PDP)."""
        cutoff = self._calendar.now() - timedelta(days=self._settings.retention_days)
        with self._store.transaction() as tx:
            return tx.erase_visit_notes_before(cutoff)

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def _ticket(tx: VisitTransaction, ticket_id: int) -> Ticket:
        ticket = tx.ticket(ticket_id)
        if ticket is None:
            raise NotFound("ticket_not_found", "Tiket tidak ditemukan.", "Ticket not found.",
                           field="ticket")
        return ticket

    @staticmethod
    def _visits(tx: VisitTransaction, tickets: list[Ticket]) -> list[Visit]:
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

    def _follow_up_views(
        self, tx: VisitTransaction, follow_ups: list[FollowUp]
    ) -> list[FollowUpView]:
        today = self._calendar.today()
        tickets = []
        for f in follow_ups:
            ticket = tx.ticket(f.ticket_id)
            assert ticket is not None
            tickets.append(ticket)
        visits = self._visits(tx, tickets)
        return [FollowUpView(f, v, f.overdue(today)) for f, v in zip(follow_ups, visits,
                                                                     strict=True)]
