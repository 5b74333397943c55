"""Test doubles for the queue core: an in-memory store and a clock the test sets.

``FakeStore`` keeps the promises of :class:`shared.core.ports.queue.QueueStore` the way
``shared.storage.sqlite.store.SqliteStore`` does: ids from 1, the same orderings and filters, an
erased guest-book entry that keeps only its statistics, the officers' notes and follow-ups,
and all-or-nothing transactions, one writer at a time (a use case that raises leaves
everything as it was). ``tests/contract`` holds it to SQLite, method by method.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from shared.core.queue import rules as queue_rules
from shared.core.queue.model import Call, FollowUp, GuestEntry, Ticket, TicketStatus, VisitNote

OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED)


class FakeIntegrityError(Exception):
    """What SQLite's constraints (UNIQUE, PRIMARY KEY) would have refused."""


@dataclass
class _StoredCall:
    call: Call
    day: date


@dataclass
class _Idempotency:
    request_hash: str
    ticket_id: int
    created_at: datetime


@dataclass
class _State:
    guests: dict[int, GuestEntry] = field(default_factory=dict)
    erased_at: dict[int, datetime] = field(default_factory=dict)
    tickets: dict[int, Ticket] = field(default_factory=dict)
    calls: list[_StoredCall] = field(default_factory=list)
    idempotency: dict[tuple[str, str], _Idempotency] = field(default_factory=dict)
    notes: dict[int, VisitNote] = field(default_factory=dict)  # by ticket id
    follow_ups: dict[int, FollowUp] = field(default_factory=dict)  # by follow-up id
    version: int = 0
    last_guest_id: int = 0
    last_ticket_id: int = 0
    last_call_id: int = 0
    last_follow_up_id: int = 0


class FakeTransaction:
    """Reads and writes on the store's state, inside one ``FakeStore.transaction()``."""

    def __init__(self, state: _State):
        self._state = state

    # --- guest book -----------------------------------------------------------------------

    def add_guest(self, entry: GuestEntry) -> GuestEntry:
        self._state.last_guest_id += 1
        stored = replace(entry, id=self._state.last_guest_id)
        self._state.guests[self._state.last_guest_id] = stored
        return stored

    def guest(self, entry_id: int) -> GuestEntry | None:
        return self._state.guests.get(entry_id)

    def latest_guest(self, id_hash: str) -> GuestEntry | None:
        found = [
            g for gid, g in self._state.guests.items()
            if g.id_hash == id_hash and gid not in self._state.erased_at
        ]
        return max(found, key=lambda g: g.id or 0) if found else None

    def erase_guests_before(self, cutoff: datetime, at: datetime) -> int:
        erased_at = at
        erased = 0
        for gid, guest in list(self._state.guests.items()):
            if gid in self._state.erased_at or not guest.created_at < cutoff:
                continue
            # As SQLite: identity, name and contact NULL (read back as "" / None); the
            # statistics (id type, occupation, purpose) and the consent record stay.
            self._state.guests[gid] = replace(
                guest, id_masked="", id_hash="", name="", email="", phone=None, institution=None
            )
            self._state.erased_at[gid] = erased_at
            erased += 1
        return erased

    def forget_idempotency_before(self, cutoff: datetime) -> int:
        kept = {
            key: record for key, record in self._state.idempotency.items()
            if not record.created_at < cutoff
        }
        forgotten = len(self._state.idempotency) - len(kept)
        self._state.idempotency = kept
        return forgotten

    # --- tickets --------------------------------------------------------------------------

    def next_sequence(self, service: str, day: date) -> int:
        sequences = [
            t.sequence for t in self._state.tickets.values()
            if t.service == service and t.day == day
        ]
        return max(sequences, default=0) + 1

    def add_ticket(self, ticket: Ticket) -> Ticket:
        for other in self._state.tickets.values():
            if other.token == ticket.token:
                raise FakeIntegrityError("UNIQUE constraint failed: tickets.token")
            if (other.service, other.day, other.sequence) == (
                ticket.service, ticket.day, ticket.sequence
            ):
                raise FakeIntegrityError("UNIQUE constraint failed: tickets.service, day, sequence")
        self._state.last_ticket_id += 1
        # As SQLite's INSERT: a new ticket starts with only what is known when it is issued.
        stored = replace(
            ticket, id=self._state.last_ticket_id, desk=None, called_at=None, recalls=0,
            finished_at=None, transferred_to=None,
        )
        self._state.tickets[self._state.last_ticket_id] = stored
        # The caller gets its own object back with the id, exactly as SqliteTransaction does.
        return replace(ticket, id=self._state.last_ticket_id)

    def save_ticket(self, ticket: Ticket) -> None:
        if ticket.id is None or ticket.id not in self._state.tickets:
            return  # an UPDATE that matches no row changes nothing
        stored = self._state.tickets[ticket.id]
        self._state.tickets[ticket.id] = replace(
            stored, status=ticket.status, desk=ticket.desk, called_at=ticket.called_at,
            recalls=ticket.recalls, finished_at=ticket.finished_at,
            transferred_to=ticket.transferred_to,
        )

    def ticket(self, ticket_id: int) -> Ticket | None:
        return self._state.tickets.get(ticket_id)

    def ticket_by_token(self, token: str) -> Ticket | None:
        return next((t for t in self._state.tickets.values() if t.token == token), None)

    def tickets(
        self,
        day: date,
        status: TicketStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Ticket]:
        found = [
            t for _, t in sorted(self._state.tickets.items())
            if t.day == day and (status is None or t.status is status)
        ]
        return found[offset:] if limit is None else found[offset:offset + limit]

    def tickets_between(self, first: date, last: date, limit: int | None = None,
                        offset: int = 0) -> list[Ticket]:
        found = sorted((t for t in self._state.tickets.values() if first <= t.day <= last),
                       key=lambda t: (t.day, t.id or 0))
        return found[offset:] if limit is None else found[offset:offset + limit]

    def waiting(self, services: Collection[str], day: date) -> list[Ticket]:
        return [
            t for _, t in sorted(self._state.tickets.items())
            if t.day == day and t.status is TicketStatus.WAITING and t.service in services
        ]

    def front_of_queue(self, services: Collection[str], day: date) -> list[Ticket]:
        waiting = queue_rules.call_order(self.waiting(services, day))
        firsts = [next((t for t in waiting if t.priority is p), None) for p in (True, False)]
        return [t for t in firsts if t is not None]

    def count_ahead(self, ticket: Ticket) -> int:
        return queue_rules.waiting_ahead(ticket, self.waiting([ticket.service], ticket.day))

    def waiting_counts(self, services: Collection[str], day: date) -> dict[str, int]:
        counts = {service: 0 for service in services}
        for t in self.waiting(services, day):
            counts[t.service] += 1
        return counts

    def at_desk(self, desk: str, day: date) -> Ticket | None:
        serving = [
            t for t in self._state.tickets.values()
            if t.desk == desk and t.status is TicketStatus.CALLED and t.day == day
        ]
        return max(serving, key=lambda t: t.called_at or datetime.min.replace(tzinfo=UTC),
                   default=None)

    def service_minutes(self, service: str, day: date, n: int) -> list[float]:
        done = [
            t for t in self._state.tickets.values()
            if t.day == day and t.service == service and t.status is TicketStatus.DONE
            and t.called_at is not None and t.finished_at is not None
        ]
        done.sort(key=lambda t: t.finished_at or datetime.min.replace(tzinfo=UTC), reverse=True)
        return [
            (t.finished_at - t.called_at).total_seconds() / 60
            for t in done[:n]
            if t.finished_at is not None and t.called_at is not None
        ]

    def open_tickets_of(self, id_hash: str, day: date) -> int:
        holders = {
            gid for gid, g in self._state.guests.items()
            if g.id_hash == id_hash and gid not in self._state.erased_at
        }
        return sum(
            1 for t in self._state.tickets.values()
            if t.guest_entry_id in holders and t.day == day and t.status in OPEN_STATUSES
        )

    def open_tickets_before(self, day: date) -> list[Ticket]:
        return [
            t for _, t in sorted(self._state.tickets.items())
            if t.day < day and t.status in (TicketStatus.WAITING, TicketStatus.CALLED)
        ]

    # --- calls ----------------------------------------------------------------------------

    def add_call(self, call: Call) -> Call:
        ticket = self._state.tickets.get(call.ticket_id)
        if ticket is None:
            raise FakeIntegrityError("FOREIGN KEY constraint failed: calls.ticket_id")
        self._state.last_call_id += 1
        stored = replace(call, id=self._state.last_call_id)
        # The call belongs to its ticket's day (SQLite copies tickets.day), not the call's date.
        self._state.calls.append(_StoredCall(stored, ticket.day))
        return stored

    def recent_calls(self, day: date, n: int) -> list[Call]:
        of_day = [c.call for c in self._state.calls if c.day == day]
        return sorted(of_day, key=lambda c: c.id or 0, reverse=True)[:n]

    def first_calls_priority(self, services: Collection[str], day: date, n: int) -> list[bool]:
        first_calls = [
            c.call for c in self._state.calls
            if c.day == day and not c.call.recall and c.call.service in services
        ]
        first_calls.sort(key=lambda c: c.id or 0, reverse=True)
        return [self._state.tickets[c.ticket_id].priority for c in first_calls[:n]]

    # --- retried requests -----------------------------------------------------------------

    def idempotent_ticket(self, principal: str, key: str) -> tuple[str, int] | None:
        record = self._state.idempotency.get((principal, key))
        return (record.request_hash, record.ticket_id) if record else None

    def remember_idempotent(
        self, principal: str, key: str, request_hash: str, ticket_id: int, at: datetime
    ) -> None:
        if (principal, key) in self._state.idempotency:
            raise FakeIntegrityError("UNIQUE constraint failed: idempotency.principal, key")
        if ticket_id not in self._state.tickets:
            raise FakeIntegrityError("FOREIGN KEY constraint failed: idempotency.ticket_id")
        self._state.idempotency[(principal, key)] = _Idempotency(request_hash, ticket_id, at)

    # --- change counter -------------------------------------------------------------------

    def bump_version(self) -> int:
        self._state.version += 1
        return self._state.version

    def version(self) -> int:
        return self._state.version

    # --- the officers' records of a visit -------------------------------------------------

    def _known_ticket(self, ticket_id: int, table: str) -> None:
        if ticket_id not in self._state.tickets:
            raise FakeIntegrityError(f"FOREIGN KEY constraint failed: {table}.ticket_id")

    def notes(self, ticket_ids: Collection[int]) -> dict[int, VisitNote]:
        return {i: n for i, n in self._state.notes.items() if i in ticket_ids}

    def save_note(self, note: VisitNote) -> None:
        self._known_ticket(note.ticket_id, "visit_notes")
        self._state.notes[note.ticket_id] = note

    def add_follow_up(self, follow_up: FollowUp) -> FollowUp:
        self._known_ticket(follow_up.ticket_id, "follow_ups")
        if any(f.ticket_id == follow_up.ticket_id for f in self._state.follow_ups.values()):
            raise FakeIntegrityError("UNIQUE constraint failed: follow_ups.ticket_id")
        self._state.last_follow_up_id += 1
        # As SQLite's INSERT: a new follow-up is open, whatever the caller's object says.
        self._state.follow_ups[self._state.last_follow_up_id] = replace(
            follow_up, id=self._state.last_follow_up_id, closed_at=None, closed_by=None,
            closing_note=None,
        )
        return replace(follow_up, id=self._state.last_follow_up_id)

    def save_follow_up(self, follow_up: FollowUp) -> None:
        stored = self._state.follow_ups.get(follow_up.id or 0)
        if stored is None:
            return  # an UPDATE that matches no row changes nothing
        self._state.follow_ups[follow_up.id or 0] = replace(
            stored, closed_at=follow_up.closed_at, closed_by=follow_up.closed_by,
            closing_note=follow_up.closing_note,
        )

    def follow_up(self, follow_up_id: int) -> FollowUp | None:
        return self._state.follow_ups.get(follow_up_id)

    def follow_ups_of(self, ticket_ids: Collection[int]) -> dict[int, FollowUp]:
        return {f.ticket_id: f for f in self._state.follow_ups.values()
                if f.ticket_id in ticket_ids}

    def follow_ups(self, open_only: bool, limit: int) -> list[FollowUp]:
        every = list(self._state.follow_ups.values())
        if open_only:
            found = sorted((f for f in every if f.closed_at is None),
                           key=lambda f: (f.due_on, f.id or 0))
        else:
            found = sorted((f for f in every if f.closed_at is not None),
                           key=lambda f: (f.closed_at, f.id or 0), reverse=True)
        return found[:limit]

    def follow_up_counts(self, today: date) -> tuple[int, int]:
        still_open = [f for f in self._state.follow_ups.values() if f.closed_at is None]
        return len(still_open), sum(1 for f in still_open if f.due_on < today)

    def erase_visit_notes_before(self, cutoff: datetime) -> int:
        # As SQLite: the visits of the days before the cutoff's date (in the cutoff's zone).
        day = cutoff.date()
        return self._erase_visit_notes(
            {i for i, t in self._state.tickets.items() if t.day < day}
        )

    def _erase_visit_notes(self, ticket_ids: Collection[int]) -> int:
        erased = 0
        for ticket_id in [i for i in self._state.notes if i in ticket_ids]:
            del self._state.notes[ticket_id]
            erased += 1
        for fid, f in self._state.follow_ups.items():
            if f.ticket_id in ticket_ids and (f.note != "" or f.closing_note is not None):
                self._state.follow_ups[fid] = replace(f, note="", closing_note=None)
                erased += 1
        return erased


class FakeStore:
    """An in-memory :class:`~shared.core.ports.queue.QueueStore`; the tests can look inside."""

    def __init__(self) -> None:
        self._state = _State()
        self.transactions = 0
        self.snapshots = 0
        self.closed = False
        # One writer at a time, as SQLite's BEGIN IMMEDIATE: threads sharing the store never
        # see each other's half-done transactions (nor number two tickets alike).
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[FakeTransaction]:
        with self._lock:
            if self.closed:
                raise RuntimeError("the store is closed")
            snapshot = copy.deepcopy(self._state)
            self.transactions += 1
            try:
                yield FakeTransaction(self._state)
            except BaseException:
                self._state = snapshot
                raise

    @contextmanager
    def snapshot(self) -> Iterator[FakeTransaction]:
        with self._lock:
            if self.closed:
                raise RuntimeError("the store is closed")
            self.snapshots += 1
            state = copy.deepcopy(self._state)
        yield FakeTransaction(state)

    def close(self) -> None:
        self.closed = True

    # --- for the tests' eyes only ---------------------------------------------------------

    @property
    def guests(self) -> list[GuestEntry]:
        return [g for _, g in sorted(self._state.guests.items())]

    @property
    def tickets(self) -> list[Ticket]:
        return [t for _, t in sorted(self._state.tickets.items())]

    @property
    def calls(self) -> list[Call]:
        return [c.call for c in self._state.calls]

    def erased(self, entry_id: int) -> bool:
        return entry_id in self._state.erased_at


class FakeClock:
    """A settable clock: an aware UTC moment that the test moves forward."""

    def __init__(self, start: datetime):
        self._now = self._checked(start)

    @staticmethod
    def _checked(moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("FakeClock needs an aware datetime")
        return moment.astimezone(UTC)

    def __call__(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = self._checked(moment)

    def advance(self, **kwargs: float) -> datetime:
        """Move forward by ``timedelta(**kwargs)``, e.g. ``advance(minutes=10)``."""
        self._now += timedelta(**kwargs)
        return self._now


# --- sample data --------------------------------------------------------------------------

MONDAY_9_WITA = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)

# A Boalemo (7502) woman born 14 March 2003 (day 14 + 40 = 54); the serial tells visitors apart.
NIK_PREFIX = "750201540303"


def nik(serial: int = 1) -> str:
    return f"{NIK_PREFIX}{serial:04d}"


def make_visitor(serial: int = 1, **changes: object) -> dict[str, object]:
    """The guest-book form of one visitor, as a kiosk sends it."""
    visitor: dict[str, object] = {
        "id_type": "KTP",
        "id_number": nik(serial),
        "name": f"Sitti Rahmawati Pakaya {chr(ord('A') + serial % 26)}",
        "email": f"sitti.pakaya{serial}@gmail.com",
        "phone": "0812 4455 6677",
        "institution": "Universitas Negeri Gorontalo",
        "occupation": "Mahasiswa",
        "purpose": "Data kemiskinan Kabupaten Boalemo 2025",
    }
    visitor.update(changes)
    return visitor
