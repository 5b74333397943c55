"""Ratings and complaints: the use cases (the figures over them are in ``reports``).

One method per thing a visitor, a kiosk or the admin does; each opens one storage
transaction. No HTTP here: callers map the domain errors to their edge.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.core.access.throttle import Throttle
from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import DomainError, InvalidInput, NotFound, Throttled
from shared.core.feedback.complaints import (
    Complaint,
    ComplaintStatus,
    validate_complaint,
    validate_reply,
)
from shared.core.feedback.ratings import (
    CHANNELS,
    DESK_PROOF_MINUTES,
    WRONG_CODES,
    Rating,
    check_rateable,
    check_rating_code,
    validate_rating,
)
from shared.core.feedback.sentences import FEEDBACK_ERRORS
from shared.core.ports.feedback import FeedbackStore, FeedbackTransaction
from shared.core.queue.model import Ticket
from shared.core.settings import Settings

log = logging.getLogger("pst_antrian.feedback")

FINISHED_SHOWN = 30
TODAY_SHOWN = 2000  # a day's numbers: the kiosk narrows them as the visitor types
# Complaint floods (issue 17): a visitor has one or two things to say, not thousands.
# - per status token (the phone): this many in any 24 hours, counted from what is stored, so
#   a restart does not reset it;
COMPLAINTS_PER_TICKET_A_DAY = 3
# - per kiosk: a complaint takes a visitor minutes at the kiosk's three pages;
COMPLAINTS_PER_KIOSK = (10, 120.0)  # 10 at once, then one every 2 minutes
# - per client address, for phone complaints (one visitor holding many tickets' tokens; the
#   office's guest Wi-Fi puts every phone behind one address, hence the room).
COMPLAINTS_PER_ADDRESS = (10, 300.0)  # 10 at once, then one every 5 minutes


@dataclass(frozen=True)
class Rateable:
    """A finished ticket a visitor can still rate: the number only, nothing personal."""

    ticket_id: int
    number: str
    service: str
    desk: str | None


def _ticket_not_found() -> NotFound:
    return NotFound.said("ticket_not_found", field="ticket_id")


def _too_many_complaints(wait: int, per_ticket: int | None = None) -> Throttled:
    minutes, hours = -(-wait // 60), -(-wait // 3600)
    when = (FEEDBACK_ERRORS["wait.minutes" if minutes > 1 else "wait.minute"].format(count=minutes)
            if wait < 3600 else FEEDBACK_ERRORS["wait.hours"].format(count=hours))
    if per_ticket:
        return Throttled.said_after(wait, "too_many_complaints", field="text",
                                    words=FEEDBACK_ERRORS,
                                    key="too_many_complaints.per_ticket", count=per_ticket,
                                    wait=when)
    return Throttled.said_after(wait, "too_many_complaints", field="text", words=FEEDBACK_ERRORS,
                                wait=when)


class FeedbackOffice:
    def __init__(self, store: FeedbackStore, settings: Settings, calendar: OfficeCalendar):
        self._store = store
        self._settings = settings
        self._calendar = calendar
        self._per_kiosk = Throttle(*COMPLAINTS_PER_KIOSK)
        self._per_address = Throttle(*COMPLAINTS_PER_ADDRESS)
        self._throttles = threading.Lock()  # routes run on the thread pool
        self._wrong_codes = Throttle(*WRONG_CODES)

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def calendar(self) -> OfficeCalendar:
        return self._calendar

    def ticket_exists(self, token: str) -> bool:
        """Whether ``token`` is a ticket's status-page token (the phone's credential)."""
        with self._store.snapshot() as tx:
            return tx.ticket_by_token(token) is not None

    def ticket_numbers(self, ticket_ids: list[int]) -> dict[int, str]:
        with self._store.snapshot() as tx:
            tickets = [tx.ticket(i) for i in dict.fromkeys(ticket_ids)]
        return {t.id: t.number for t in tickets if t is not None and t.id is not None}

    # --- visitors -------------------------------------------------------------------------

    def rate(
        self,
        ticket_id: int | None,
        overall: object,
        skm: object,
        comment: object,
        channel: str,
        token: str | None = None,
        rating_code: str | None = None,
        desk: str | None = None,
        kiosk: str | None = None,
    ) -> Rating:
        """Rate the visit of ``ticket_id``; with ``token`` (the ticket's status page) the
        token must belong to that ticket (or name it, when ``ticket_id`` is None).

        Without ``token`` (a kiosk, named ``kiosk`` for its limit on wrong codes) the visit
        must be proven: ``rating_code`` is the code on the ticket's paper, or, with ``desk``
        and no code, the ticket is the one that desk finished last, minutes ago."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        score, answers, text = validate_rating(overall, skm, comment)
        now = self._calendar.now()
        with self._store.transaction() as tx:
            ticket = self._ticket(tx, ticket_id, token)
            assert ticket.id is not None
            if token is None:
                self._check_proof(tx, ticket, rating_code, desk, kiosk or "", now)
            check_rateable(ticket, tx.rating_of(ticket.id) is not None, now.date(),
                           self._settings.feedback.rating_days)
            rating = tx.add_rating(Rating(
                ticket_id=ticket.id, day=ticket.day, rated_at=now, overall=score, skm=answers,
                comment=text, channel=channel,
            ))
        log.info("ticket %s rated (%s%s)", ticket.number, channel,
                 ", with SKM" if answers else "")
        return rating

    def _check_proof(self, tx: FeedbackTransaction, ticket: Ticket, code: str | None,
                     desk: str | None, kiosk: str, now: datetime) -> None:
        if desk is not None and not code:
            last = tx.finished_tickets(now.date(), desk)[:1]
            if not last or last[0].id != ticket.id or last[0].finished_at is None or \
                    now - last[0].finished_at > timedelta(minutes=DESK_PROOF_MINUTES):
                raise DomainError.said("not_desk_last", field="ticket_id",
                                       words=FEEDBACK_ERRORS, number=ticket.number)
            return
        moment = now.timestamp()
        wait = self._wrong_codes.retry_after(kiosk, moment)
        if wait:
            raise Throttled.said_after(wait, "too_many_wrong_codes", field="rating_code",
                                       words=FEEDBACK_ERRORS, wait=wait)
        try:
            check_rating_code(ticket, code)
        except InvalidInput:
            if code:
                self._wrong_codes.spend(kiosk, moment)
            raise

    def _ticket(self, tx: FeedbackTransaction, ticket_id: int | None, token: str | None
                ) -> Ticket:
        ticket = tx.ticket(ticket_id) if ticket_id is not None else None
        if token is not None:
            by_token = tx.ticket_by_token(token)
            if by_token is None or (ticket_id is not None and by_token.id != ticket_id):
                raise _ticket_not_found()
            ticket = by_token
        if ticket is None:
            raise _ticket_not_found()
        return ticket

    def rateable(self, desk: str | None = None) -> list[Rateable]:
        """Today's finished tickets not yet rated, the latest finish first; with ``desk``
        only that desk's (the desk tablet shows the visitor it just finished)."""
        today = self._calendar.today()
        with self._store.snapshot() as tx:
            tickets = tx.finished_tickets(today, desk)
            shown = [t for t in tickets if t.id is not None and tx.rating_of(t.id) is None]
        return [
            Rateable(t.id, t.number, t.service, t.desk)
            for t in shown[:FINISHED_SHOWN] if t.id is not None
        ]

    def todays_tickets(self) -> list[Rateable]:
        """Today's numbers whatever their state, the latest first: a complaint at the kiosk
        may name the visitor's own (numbers only, nothing personal)."""
        with self._store.snapshot() as tx:
            tickets = tx.day_tickets(self._calendar.today())
        return [Rateable(t.id, t.number, t.service, t.desk)
                for t in tickets[:TODAY_SHOWN] if t.id is not None]

    def rating_state(self, token: str) -> str:
        """For the ticket's phone page: "open" (may rate now), "rated", "closed" (too late),
        "not_finished", or "unknown"."""
        today = self._calendar.today()
        with self._store.snapshot() as tx:
            ticket = tx.ticket_by_token(token)
            if ticket is None or ticket.id is None:
                return "unknown"
            rated = tx.rating_of(ticket.id) is not None
        try:
            check_rateable(ticket, rated, today, self._settings.feedback.rating_days)
        except DomainError as exc:
            return {"already_rated": "rated", "rating_closed": "closed"}.get(
                exc.code, "not_finished")
        return "open"

    def rating_of_token(self, token: str) -> Rating | None:
        with self._store.snapshot() as tx:
            ticket = tx.ticket_by_token(token)
            return tx.rating_of(ticket.id) if ticket and ticket.id is not None else None

    def file_complaint(
        self,
        text: object,
        email: object = None,
        phone: object = None,
        ticket_id: int | None = None,
        channel: str = "kiosk",
        token: str | None = None,
        kiosk: str | None = None,
        address: str | None = None,
    ) -> Complaint:
        """File a complaint from ``kiosk`` (its device name) or from a ticket's phone page
        (``token``, sent from ``address``). Throttled (429) past the limits above;
        ``complaint_closed`` (409) when the token's visit is older than ``complaint_days``."""
        body, contact_email, contact_phone = validate_complaint(text, email, phone)
        now = self._calendar.now()
        address = address if token is not None else None
        self._admit(kiosk, address, now, count=False)  # a flood is refused without a write
        with self._store.transaction() as tx:
            if ticket_id is not None or token is not None:
                ticket = self._ticket(tx, ticket_id, token)
                ticket_id = ticket.id
                if token is not None:
                    self._check_token_may_complain(tx, ticket, channel, now)
            # counted only now: a token's refusals do not use up its address's complaints
            self._admit(kiosk, address, now, count=True)
            complaint = tx.add_complaint(Complaint(
                created_at=now, text=body, channel=channel, contact_email=contact_email,
                contact_phone=contact_phone, ticket_id=ticket_id,
            ))
        log.info("complaint %s filed (%s)", complaint.id, channel)
        return complaint

    def complaints_open_for(self, ticket: Ticket) -> bool:
        """Whether the ticket's phone page still takes complaints (``complaint_days``)."""
        last = ticket.day + timedelta(days=self._settings.feedback.complaint_days)
        return self._calendar.today() <= last

    def complaints_closed(self) -> DomainError:
        """The refusal of a complaint through a ticket's page past ``complaint_days``."""
        days = self._settings.feedback.complaint_days
        channels = ", ".join(self._settings.office.complaint_channels)
        return DomainError.said("complaint_closed", field="token",
                                words=FEEDBACK_ERRORS, days=days, channels=channels)

    def _admit(self, kiosk: str | None, address: str | None, now: datetime, count: bool
               ) -> None:
        """Refuse (429) a complaint of ``kiosk`` or ``address`` past its limit; else, with
        ``count``, count it."""
        moment = now.timestamp()
        with self._throttles:
            wait = max(self._per_kiosk.retry_after(kiosk, moment) if kiosk else 0,
                       self._per_address.retry_after(address, moment) if address else 0)
            if wait:
                raise _too_many_complaints(wait)
            if kiosk and count:
                self._per_kiosk.spend(kiosk, moment)
            if address and count:
                self._per_address.spend(address, moment)

    def _check_token_may_complain(self, tx: FeedbackTransaction, ticket: Ticket, channel: str,
                                  now: datetime) -> None:
        assert ticket.id is not None
        if not self.complaints_open_for(ticket):
            raise self.complaints_closed()
        day = timedelta(days=1)
        recent = tx.complaint_times(ticket.id, channel, now - day)
        if len(recent) >= COMPLAINTS_PER_TICKET_A_DAY:
            wait = recent[-COMPLAINTS_PER_TICKET_A_DAY] + day - now
            raise _too_many_complaints(max(1, math.ceil(wait.total_seconds())),
                                       COMPLAINTS_PER_TICKET_A_DAY)

    # --- the admin ------------------------------------------------------------------------

    def complaints(
        self, status: ComplaintStatus | None = None, limit: int = 100, offset: int = 0
    ) -> list[Complaint]:
        with self._store.snapshot() as tx:
            return tx.complaints(status, limit, offset)

    def complaint_counts(self) -> dict[ComplaintStatus, int]:
        with self._store.snapshot() as tx:
            counts = tx.complaint_counts()
        return {status: counts.get(status, 0) for status in ComplaintStatus}

    def open_complaints(self) -> int:
        counts = self.complaint_counts()
        return counts[ComplaintStatus.NEW] + counts[ComplaintStatus.IN_PROGRESS]

    def update_complaint(
        self, complaint_id: int, status: ComplaintStatus, reply: object, by: str
    ) -> Complaint:
        note = validate_reply(reply)
        now = self._calendar.now()
        with self._store.transaction() as tx:
            complaint = tx.complaint(complaint_id)
            if complaint is None:
                raise NotFound.said("complaint_not_found", field="complaint_id",
                                    words=FEEDBACK_ERRORS)
            moved = complaint.move(status, note, by, now)
            tx.save_complaint(moved)
        log.info("complaint %s now %s", complaint_id, status.value)
        return moved
