"""The ticket's part: the confirm screen's "Ambil Nomor" (retried with the same
Idempotency-Key while the server is unreachable), the ticket screen's countdown, printing it or
keeping the QR only. No Kivy.

The guest book (``guest_book.py``) is asked back for the form's fields the server refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from shared.api.client import ApiError, Offline
from shared.api.models import IssuedTicketOut
from shared.core.errors import FieldError

from ..printer import PrintResult
from ..texts import TEXTS, Sentence
from .errors import short
from .kernel import Timing
from .view import KioskView, Step

log = logging.getLogger("pst_antrian.kiosk")

T = TypeVar("T")

PAPER_SECONDS = 15  # after printing: time to take the paper or photograph the QR


@dataclass(frozen=True)
class TicketOrder:
    """One ``POST /tickets``; kept while retrying so the Idempotency-Key stays the same."""

    service: str
    visitor: dict[str, str | None] | None
    visitor_reference: str | None
    consent: bool
    priority: bool
    idempotency_key: str


class TicketHost(Protocol):
    """What the ticket needs of the kernel."""

    timing: Timing

    @property
    def view(self) -> KioskView: ...
    def show(self, view: KioskView) -> None: ...
    def touched(self) -> None: ...
    def now(self) -> float: ...
    def wipe(self) -> None: ...
    def submit_for_visitor(self, job: Callable[[], T],
                           done: Callable[[T | Exception], None]) -> None: ...


class TicketBackend(Protocol):
    def take_ticket(self, order: TicketOrder) -> IssuedTicketOut: ...
    def print_ticket(self, ticket: IssuedTicketOut, service_name: str) -> PrintResult: ...
    def new_key(self) -> str: ...


class GuestBookPages(Protocol):
    """The guest book, where the visitor goes back to from the confirm screen."""

    def reopen(self, page: int | None = None) -> None: ...
    def refused(self, errors: Sequence[FieldError]) -> bool: ...


class TicketPresenter:
    def __init__(self, host: TicketHost, backend: TicketBackend, guest_book: GuestBookPages,
                 reload: Callable[[], None]) -> None:
        self._host = host
        self._backend = backend
        self._guest_book = guest_book
        self._reload = reload  # the services again (one closed meanwhile)
        self._order: TicketOrder | None = None
        self._submitting = False
        self._retry_at: float | None = None
        self._until: float | None = None  # the ticket screen returns to Welcome then

    def forget(self) -> None:
        """The visitor is wiped: no order, no retry, no countdown."""
        self._order = None
        self._submitting = False
        self._retry_at = None
        self._until = None

    # --- confirm --------------------------------------------------------------------------

    def edit_page(self, page: int) -> None:
        """"Ubah" beside a group of details on the confirm screen."""
        self._leave_confirm(page)

    def back(self) -> None:
        """"Kembali" on the confirm screen: the guest book's last page."""
        self._leave_confirm(None)

    def _leave_confirm(self, page: int | None) -> None:
        self._host.touched()
        if self._host.view.busy:
            return
        self._retry_at = None
        self._guest_book.reopen(page)

    def take(self) -> None:
        """"Ambil Nomor". A second tap while the first is on its way does nothing; a retry
        after the server was unreachable sends the same Idempotency-Key."""
        self._host.touched()
        view = self._host.view
        if view.step != Step.CONFIRM or self._submitting or view.service is None:
            return
        form = view.form
        if self._order is None:
            reused = form.reused
            self._order = TicketOrder(
                service=view.service.code,
                # A reused entry: the server holds the details; only the choices the
                # visitor could change on the last page go with the reference.
                visitor=({"occupation": form.occupation, "purpose": form.purpose}
                         if reused else form.visitor_fields()),
                visitor_reference=reused.reference if reused else None,
                consent=view.consent,
                priority=form.priority,
                idempotency_key=self._backend.new_key(),
            )
        elif self._order.priority != form.priority:
            self._order = replace(self._order, priority=form.priority)
        self._send()

    def retry_when_due(self, now: float) -> None:
        if self._retry_at is not None and now >= self._retry_at:
            self._retry_at = None
            self._send()

    def _send(self) -> None:
        order = self._order
        if order is None or self._submitting:
            return
        self._submitting = True
        self._retry_at = None
        self._host.show(replace(self._host.view, busy=True))

        def done(result: IssuedTicketOut | Exception) -> None:
            self._submitting = False
            self._taken(result)

        self._host.submit_for_visitor(lambda: self._backend.take_ticket(order), done)

    def _taken(self, result: IssuedTicketOut | Exception) -> None:
        host = self._host
        if isinstance(result, IssuedTicketOut):
            self._order = None
            self._until = host.now() + host.timing.ticket_seconds
            host.show(replace(host.view, step=Step.TICKET, ticket=result, busy=False,
                              problem=None, countdown=host.timing.ticket_seconds,
                              idle_countdown=None))
            return
        if isinstance(result, Offline):
            log.warning("ticket not taken yet, server unreachable; retrying")
            if host.view.step == Step.CONFIRM:
                self._retry_at = host.now() + host.timing.retry_seconds
            host.show(replace(host.view, busy=False, problem=TEXTS["offline"]))
            return
        self._order = None
        if isinstance(result, ApiError) and result.status == 422:
            errors = [FieldError(str(e.get("field", "")), str(e.get("code", "")),
                                 str(e.get("message_id", "")), str(e.get("message_en", "")))
                      for e in result.field_errors]
            if self._guest_book.refused(errors):
                return
        if isinstance(result, ApiError):
            log.warning("ticket refused: HTTP %s %s", result.status, result.code)
            host.show(replace(host.view, busy=False,
                              problem=Sentence(result.message("id"), result.message("en"))))
            if result.code == "service_closed":
                self._reload()
            return
        log.error("ticket not taken: %s", short(result))
        host.show(replace(host.view, busy=False, problem=TEXTS["offline"]))

    # --- the ticket screen ----------------------------------------------------------------

    def count_down(self, now: float) -> None:
        """The ticket screen's seconds left; at none, Welcome for the next visitor."""
        view = self._host.view
        if view.step != Step.TICKET or self._until is None:
            return
        left = int(self._until - now + 0.999)
        if left <= 0:
            self._host.wipe()
        elif view.print_state != "printing":
            self._host.show(replace(view, countdown=left))

    def counting_down(self, view: KioskView) -> bool:
        """On the ticket screen its countdown, not the idle timeout, ends the visit."""
        return view.step == Step.TICKET and self._until is not None

    def print(self) -> None:
        self._host.touched()
        host = self._host
        view = host.view
        if view.ticket is None or view.print_state in ("printing", "printed"):
            return
        ticket, name = view.ticket, view.service_name()
        host.show(replace(view, print_state="printing", print_message=None))

        def done(result: PrintResult | Exception) -> None:
            if self._until is not None:  # time to take the paper or photograph the QR
                self._until = max(self._until, host.now() + PAPER_SECONDS)
            if isinstance(result, Exception):
                log.error("printer failed: %s", short(result))
                host.show(replace(host.view, print_state="failed",
                                  print_message=TEXTS["print_failed"]))
            elif result.ok:
                host.show(replace(host.view, print_state="printed",
                                  print_message=Sentence(result.message_id, result.message_en)))
            else:
                host.show(replace(host.view, print_state="failed",
                                  print_message=Sentence(result.message_id, result.message_en)))

        host.submit_for_visitor(lambda: self._backend.print_ticket(ticket, name), done)

    def qr_only(self) -> None:
        self._host.touched()
        view = self._host.view
        if view.print_state in ("ready", "failed"):
            self._host.show(replace(view, print_state="skipped", print_message=None))

    def done(self) -> None:
        """"Selesai": the next visitor."""
        self._host.wipe()
