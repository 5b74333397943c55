"""The office's queue use cases: one method per thing a visitor, kiosk or officer does.

Each method opens one storage transaction, applies the domain rules and tells the waiting
room that something changed. No HTTP here: callers map the domain errors to their edge.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.core.access.throttle import Throttle
from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import (
    DomainError,
    FieldError,
    InvalidInput,
    NotFound,
    ServiceClosed,
    Throttled,
)
from shared.core.feedback.ratings import new_rating_code
from shared.core.messages import Sentence
from shared.core.ports.queue import QueueStore, QueueTransaction
from shared.core.queue import rules as queue_rules
from shared.core.queue.model import Call, GuestEntry, Ticket, TicketStatus, ticket_number
from shared.core.queue.returning_visitors import VisitorReferences
from shared.core.queue.sentences import QUEUE_ERRORS
from shared.core.settings import DeskConfig, ServiceConfig, Settings
from shared.core.visitors.fields import STORED_AS_TYPED
from shared.core.visitors.guest_form import validate_visitor
from shared.core.visitors.identity import IdentityKeyring
from shared.core.visitors.identity_numbers import validate_id_number
from shared.core.visitors.masking import mask_id_number

log = logging.getLogger("pst_antrian.queue")

# A kiosk retries a ticket request within minutes; after this its key is forgotten.
IDEMPOTENCY_KEPT = timedelta(days=2)
# A kiosk serves one visitor at a time: 10 lookups at once, then one every 6 s, is plenty
# for it and makes a stolen kiosk token useless for walking through identity numbers.
LOOKUP_BURST = 10
LOOKUP_EVERY_SECONDS = 6.0


@dataclass(frozen=True)
class TicketView:
    """A ticket with what the visitor wants to know about it."""

    ticket: Ticket
    waiting_ahead: int
    estimated_wait_minutes: int
    desk_name: str | None


@dataclass(frozen=True)
class ServiceState:
    config: ServiceConfig
    open: bool
    reason_id: str
    reason_en: str


@dataclass(frozen=True)
class ReturningVisitor:
    """A returning visitor's last guest-book entry and the reference a kiosk may use for it."""

    reference: str
    expires_at: datetime
    guest: GuestEntry


def _unknown_service(code: str, field: str = "service") -> InvalidInput:
    return InvalidInput([FieldError.said(field, "unknown_service", words=QUEUE_ERRORS, code=code)])


class QueueOffice:
    def __init__(
        self,
        store: QueueStore,
        settings: Settings,
        calendar: OfficeCalendar,
        keyring: IdentityKeyring,
        on_change: Callable[[int], None] = lambda version: None,
    ):
        self._store = store
        self._settings = settings
        self._calendar = calendar
        self._keyring = keyring
        self._on_change = on_change
        self._references = VisitorReferences()
        self._lookups = Throttle(LOOKUP_BURST, LOOKUP_EVERY_SECONDS)

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def calendar(self) -> OfficeCalendar:
        return self._calendar

    # --- visitors and kiosks ---------------------------------------------------------------

    def services(self) -> list[ServiceState]:
        opening = self._calendar.opening()
        states = []
        for service in self._settings.services:
            if not service.enabled:
                off = QUEUE_ERRORS["service_not_offered"]
                states.append(ServiceState(service, False, off.message_id, off.message_en))
            else:
                states.append(
                    ServiceState(service, opening.open, opening.reason_id, opening.reason_en)
                )
        return states

    def issue_ticket(
        self,
        service: str,
        visitor: Mapping[str, object],
        consent: bool,
        priority: bool = False,
        principal: str = "",
        idempotency_key: str | None = None,
        visitor_reference: str | None = None,
    ) -> TicketView:
        """Take a ticket for ``visitor``; with ``visitor_reference`` (from
        :meth:`returning_visitor`) the earlier guest-book entry fills every field that
        ``visitor`` leaves out."""
        now = self._calendar.now()
        config = self._settings.service(service)
        if config is None:
            raise _unknown_service(service)
        request_hash = self._keyring.digest("ticket-request", json.dumps(
            {"service": service, "visitor": dict(visitor), "consent": consent,
             "priority": priority, "visitor_reference": visitor_reference},
            sort_keys=True, default=str,
        ).encode())
        if visitor_reference is None:
            return self._issue(config, visitor, consent, priority, principal, idempotency_key,
                               request_hash, now)
        earlier, taken = self._referenced_visitor(visitor_reference, principal, now,
                                                  idempotency_key)
        try:
            return self._issue(config, {**earlier, **visitor}, consent, priority, principal,
                               idempotency_key, request_hash, now)
        except BaseException:  # no ticket: the reference may be used again
            if taken:
                self._references.give_back(visitor_reference)
            raise

    def _issue(
        self, config: ServiceConfig, visitor: Mapping[str, object], consent: bool,
        priority: bool, principal: str, idempotency_key: str | None, request_hash: str,
        now: datetime,
    ) -> TicketView:
        service = config.code
        errors: list[FieldError] = []
        if consent is not True:
            errors.append(FieldError.said("consent", "consent_required", words=QUEUE_ERRORS))
        try:
            details = validate_visitor(visitor, now.date(), prefix="visitor.")
        except InvalidInput as exc:
            errors.extend(exc.errors)
        if errors:
            raise InvalidInput(errors)
        fingerprint = self._keyring.fingerprint(details.id_type, details.id_number)

        with self._store.transaction() as tx:
            if idempotency_key:
                earlier = tx.idempotent_ticket(principal, idempotency_key)
                if earlier is not None:
                    return self._replay(tx, earlier, request_hash)
            self._check_open(config, now)
            limit = self._settings.queue.max_open_tickets_per_visitor
            if limit and tx.open_tickets_of(fingerprint, now.date()) >= limit:
                raise DomainError.said("visitor_limit", field="visitor.id_number",
                                       words=QUEUE_ERRORS, limit=limit)
            guest = tx.add_guest(GuestEntry(
                **{name: getattr(details, name) for name in STORED_AS_TYPED},
                id_masked=mask_id_number(details.id_number),
                id_hash=fingerprint,
                consent_at=now,
                consent_version=self._settings.privacy_notice_version,
                created_at=now,
            ))
            ticket = self._new_ticket(tx, config, now, priority, guest.id)
            if idempotency_key:
                assert ticket.id is not None
                tx.remember_idempotent(principal, idempotency_key, request_hash, ticket.id, now)
            view = self._view(tx, ticket)
            version = tx.bump_version()
        log.info("ticket %s issued (%s%s)", ticket.number, service,
                 ", priority" if priority else "")
        self._on_change(version)
        return view

    def _referenced_visitor(
        self, reference: str, principal: str, now: datetime, idempotency_key: str | None
    ) -> tuple[dict[str, object], bool]:
        """The earlier entry's fields, and whether this request took the reference (False
        for a retry of the request that did); ReferenceUsed once another request did."""
        found = self._references.take(reference, principal, now, idempotency_key)
        held, taken = found if found is not None else (None, False)
        guest = None
        if held is not None:
            with self._store.snapshot() as tx:
                guest = tx.guest(held.guest_entry_id)
        if held is None or guest is None or not guest.name:  # expired, or erased meanwhile
            if taken:
                self._references.give_back(reference)
            raise InvalidInput([FieldError.said("visitor_reference", "reference_expired",
                                                words=QUEUE_ERRORS)])
        fields = {name: getattr(guest, name) for name in STORED_AS_TYPED}
        return {**fields, "id_type": held.id_type, "id_number": held.id_number}, taken

    def _replay(
        self, tx: QueueTransaction, earlier: tuple[str, int], request_hash: str
    ) -> TicketView:
        if earlier[0] != request_hash:
            raise DomainError.said("idempotency_conflict", field="Idempotency-Key",
                                   words=QUEUE_ERRORS)
        ticket = tx.ticket(earlier[1])
        assert ticket is not None
        log.info("ticket %s returned again for a retried request", ticket.number)
        return self._view(tx, ticket)

    def _check_open(self, config: ServiceConfig, now: datetime) -> None:
        if not config.enabled:
            raise ServiceClosed.said("service_disabled", field="service", words=QUEUE_ERRORS,
                                     service=Sentence(config.name, config.name_en))
        opening = self._calendar.opening(now)
        if not opening.open:
            raise ServiceClosed(
                "service_closed", opening.reason_id, opening.reason_en, field="service"
            )

    def _new_ticket(
        self,
        tx: QueueTransaction,
        config: ServiceConfig,
        now: datetime,
        priority: bool,
        guest_entry_id: int | None,
        transferred_from: int | None = None,
    ) -> Ticket:
        sequence = tx.next_sequence(config.code, now.date())
        return tx.add_ticket(Ticket(
            service=config.code,
            day=now.date(),
            sequence=sequence,
            number=ticket_number(config.letter, sequence),
            token=secrets.token_urlsafe(16),
            rating_code=new_rating_code(),
            issued_at=now,
            priority=priority,
            guest_entry_id=guest_entry_id,
            transferred_from=transferred_from,
        ))

    def _desks_serving(self, service: str) -> int:
        return sum(1 for desk in self._settings.desks if service in desk.services)

    def _view(self, tx: QueueTransaction, ticket: Ticket) -> TicketView:
        ticket = queue_rules.as_of(ticket, self._calendar.today(), self._calendar.now())
        desk = self._settings.desk(ticket.desk) if ticket.desk else None
        if ticket.status is not TicketStatus.WAITING:
            return TicketView(ticket, 0, 0, desk.name if desk else ticket.desk)
        ahead = tx.count_ahead(ticket)
        minutes = queue_rules.estimate_wait_minutes(
            ahead,
            tx.service_minutes(ticket.service, ticket.day, self._settings.queue.estimate_sample),
            self._desks_serving(ticket.service),
            self._settings.queue.default_service_minutes,
        )
        return TicketView(ticket, ahead, minutes, None)

    def view(self, ticket: Ticket) -> TicketView:
        """``ticket`` with the people ahead of it and the estimated wait, as of now."""
        with self._store.snapshot() as tx:
            return self._view(tx, ticket)

    def lookup_visitor(self, id_type: str, id_number: str) -> GuestEntry:
        today = self._calendar.today()
        id_type = id_type.strip().upper()  # as the guest-book form accepts it
        number = validate_id_number(id_type, id_number, today)
        fingerprint = self._keyring.fingerprint(id_type, number)
        with self._store.snapshot() as tx:
            guest = tx.latest_guest(fingerprint)
        if guest is None:
            raise NotFound.said("visitor_not_found", field="id_number", words=QUEUE_ERRORS)
        return guest

    def returning_visitor(self, id_type: str, id_number: str, principal: str) -> ReturningVisitor:
        """:meth:`lookup_visitor` for a kiosk: rate limited per ``principal``, and answered
        with a reference that stands for the entry in a later :meth:`issue_ticket`."""
        now = self._calendar.now()
        moment = now.timestamp()
        wait = self._lookups.retry_after(principal, moment)
        if wait:
            raise Throttled.said_after(wait, "too_many_lookups", field="id_number",
                                       words=QUEUE_ERRORS, wait=wait)
        self._lookups.spend(principal, moment)
        guest = self.lookup_visitor(id_type, id_number)
        assert guest.id is not None
        number = validate_id_number(guest.id_type, id_number, now.date())
        reference, held = self._references.lend(principal, guest.id_type, number, guest.id, now)
        return ReturningVisitor(reference, held.expires_at, guest)

    def ticket_status(self, token: str) -> TicketView:
        with self._store.snapshot() as tx:
            ticket = tx.ticket_by_token(token)
            if ticket is None:
                raise NotFound.said("ticket_not_found")
            return self._view(tx, ticket)

    # --- officers -------------------------------------------------------------------------

    def desk(self, desk_id: str) -> DeskConfig:
        desk = self._settings.desk(desk_id)
        if desk is None:
            raise NotFound.said("desk_not_found", field="desk", desk=desk_id)
        return desk

    def call_next(self, desk_id: str, officer: str | None = None) -> Ticket:
        desk = self.desk(desk_id)
        now = self._calendar.now()
        with self._store.transaction() as tx:
            busy = tx.at_desk(desk.id, now.date())
            if busy is not None:
                raise DomainError.said("desk_busy", field="desk",
                                       words=QUEUE_ERRORS, desk=desk.name,
                                       number=busy.number)
            chosen = queue_rules.choose_next(
                tx.front_of_queue(desk.services, now.date()),
                tx.first_calls_priority(desk.services, now.date(),
                                        self._settings.queue.priority_guard),
                self._settings.queue.priority_guard,
            )
            if chosen is None:
                raise NotFound.said("queue_empty", field="desk", words=QUEUE_ERRORS)
            called = chosen.call(desk.id, now)
            self._record_call(tx, called, now, recall=False, officer=officer)
            version = tx.bump_version()
        log.info("ticket %s called to desk %s", called.number, desk.id)
        self._on_change(version)
        return called

    def _record_call(self, tx: QueueTransaction, ticket: Ticket, now: datetime,
                     recall: bool, officer: str | None = None) -> None:
        assert ticket.id is not None and ticket.desk is not None
        tx.save_ticket(ticket)
        tx.add_call(Call(ticket.id, ticket.number, ticket.service, ticket.desk, now, recall,
                         officer))

    def _change(self, ticket_id: int, action: str,
                change: Callable[[QueueTransaction, Ticket, datetime], Ticket]) -> Ticket:
        now = self._calendar.now()
        with self._store.transaction() as tx:
            ticket = tx.ticket(ticket_id)
            if ticket is None:
                raise NotFound.said("ticket_not_found")
            changed = change(tx, queue_rules.as_of(ticket, now.date(), now), now)
            version = tx.bump_version()
        log.info("ticket %s %s", changed.number, action)
        self._on_change(version)
        return changed

    def recall(self, ticket_id: int, officer: str | None = None) -> Ticket:
        def recall(tx: QueueTransaction, ticket: Ticket, now: datetime) -> Ticket:
            again = ticket.recall()
            self._record_call(tx, again, now, recall=True, officer=officer)
            return again

        return self._change(ticket_id, "called again", recall)

    def finish(self, ticket_id: int) -> Ticket:
        def finish(tx: QueueTransaction, ticket: Ticket, now: datetime) -> Ticket:
            done = ticket.finish(now)
            tx.save_ticket(done)
            return done

        return self._change(ticket_id, "finished", finish)

    def no_show(self, ticket_id: int) -> Ticket:
        def no_show(tx: QueueTransaction, ticket: Ticket, now: datetime) -> Ticket:
            missed = ticket.no_show(now)
            tx.save_ticket(missed)
            return missed

        return self._change(ticket_id, "marked no-show", no_show)

    def transfer(self, ticket_id: int, service: str) -> Ticket:
        """Refer the visitor to another service (step 6 of the standard): the ticket is done
        here and a new ticket waits in the other service, on the same guest-book entry."""
        config = self._settings.service(service)
        if config is None:
            raise _unknown_service(service)
        created: list[Ticket] = []

        def transfer(tx: QueueTransaction, ticket: Ticket, now: datetime) -> Ticket:
            ticket.check_transferable()
            if ticket.service == service:
                raise InvalidInput([FieldError.said("service", "same_service", words=QUEUE_ERRORS)])
            if not config.enabled:
                self._check_open(config, now)
            new = self._new_ticket(tx, config, now, ticket.priority, ticket.guest_entry_id,
                                   transferred_from=ticket.id)
            tx.save_ticket(ticket.finish(now, transferred_to=new.id))
            created.append(new)
            return ticket

        old = self._change(ticket_id, f"referred to {service}", transfer)
        log.info("ticket %s issued for referral from %s", created[0].number, old.number)
        return created[0]

    def close_earlier_days(self) -> int:
        """The day's end (``queue_rules.left_open``): close earlier days' tickets still
        waiting or called. Run at start and at each change of the office day."""
        now = self._calendar.now()
        with self._store.transaction() as tx:
            left = [t for t in tx.open_tickets_before(now.date())
                    if queue_rules.left_open(t, now.date())]
            for ticket in left:
                tx.save_ticket(ticket.expire(now))
            version = tx.bump_version() if left else None
        if version is not None:
            log.info("day's end: %d tickets of earlier days closed", len(left))
            self._on_change(version)
        return len(left)

    def purge_expired(self) -> int:
        """Erase guest-book personal data older than the retention period (UU PDP), and
        forget old Idempotency-Keys."""
        now = self._calendar.now()
        cutoff = now - timedelta(days=self._settings.retention_days)
        with self._store.transaction() as tx:
            erased = tx.erase_guests_before(cutoff, now)
            tx.forget_idempotency_before(now - IDEMPOTENCY_KEPT)
        if erased:
            log.info("retention: erased personal data of %d guest-book entries", erased)
        return erased
