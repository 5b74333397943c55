"""The kiosk's presenter: the visitor's way from Welcome to a ticket, as a state machine.

No Kivy here. Screens forward the visitor's taps and typing to :class:`KioskFlow`; after every
change it hands an immutable :class:`KioskView` to its listener, and the screens draw that.
Slow work (the server, the printer) goes to ``tasks``, which runs it off the UI thread and
calls back on it; ``clock`` gives the time for the idle timeout, the ticket countdown and the
retries, so the unit tests drive all of it without a window or a real clock.

New screens (the rating work) are new step names: ``go(step)`` shows any registered screen and
the idle timeout covers it like the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol, TypeVar

from shared.api.client import ApiError, ClientError, Offline
from shared.api.feedback_models import ComplaintOut, RateableOut, RatingOut
from shared.api.models import IssuedTicketOut, OfficeOut, ServiceOut
from shared.core.errors import FieldError

from ..guest_form import PAGES, REUSED_PAGES, GuestForm, ReturningVisitor, keyboard_for
from ..pin import verify_pin, wait_after
from ..printer import PrintResult
from ..texts import LANGUAGES, TEXTS, Text
from .complaint import ComplaintActions
from .rating import PICK, RATING, THANKS, RatingActions, RatingState

log = logging.getLogger("pst_antrian.kiosk")

T = TypeVar("T")

WELCOME = "welcome"
NOTICE = "notice"
GUEST = "guest"
CONFIRM = "confirm"
TICKET = "ticket"
FEEDBACK = "feedback"
STEPS_BACK = {NOTICE: WELCOME, CONFIRM: GUEST, FEEDBACK: WELCOME}
THANKS_SECONDS = 8  # the rating's thank-you stays this long


@dataclass(frozen=True)
class TicketOrder:
    """One ``POST /tickets``; kept while retrying so the Idempotency-Key stays the same."""

    service: str
    visitor: dict[str, str | None] | None
    visitor_reference: str | None
    consent: bool
    priority: bool
    idempotency_key: str


class Backend(Protocol):
    """The server and the printer as the presenter needs them (``kiosk.backend``)."""

    def office(self) -> OfficeOut: ...
    def services(self) -> list[ServiceOut]: ...
    def lookup(self, id_type: str, id_number: str) -> ReturningVisitor | None: ...
    def take_ticket(self, order: TicketOrder) -> IssuedTicketOut: ...
    def print_ticket(self, ticket: IssuedTicketOut, service_name: str) -> PrintResult: ...
    def heartbeat(self) -> None: ...
    def new_key(self) -> str: ...
    def rateable(self, desk: str | None) -> list[RateableOut]: ...
    def rate(self, ticket_id: int, overall: int, skm: list[int] | None,
             comment: str | None, rating_code: str | None = None,
             desk: str | None = None) -> RatingOut: ...
    def todays_tickets(self) -> list[RateableOut]: ...
    def file_complaint(self, text: str, email: str | None, phone: str | None,
                       ticket_id: int | None) -> ComplaintOut: ...


class Tasks(Protocol):
    """Runs ``job`` off the UI thread; ``done`` gets its result or the exception it raised,
    back on the UI thread."""

    def submit(self, job: Callable[[], T], done: Callable[[T | Exception], None]) -> None: ...


@dataclass(frozen=True)
class Timing:
    idle_seconds: float = 60.0  # no touch for this long: the "still there?" countdown
    idle_warning_seconds: int = 15  # ... which lasts this long, then everything is wiped
    ticket_seconds: int = 30  # the ticket screen returns to Welcome after this
    retry_seconds: float = 5.0  # the server is asked again this often while unreachable
    refresh_seconds: float = 60.0  # services and opening re-read this often on Welcome
    heartbeat_seconds: float = 60.0  # the printer's state (and so the kiosk's) reported


@dataclass(frozen=True)
class KioskView:
    """Everything the screens show; replaced, never changed."""

    step: str = WELCOME
    lang: str = "id"
    office: OfficeOut | None = None
    services: tuple[ServiceOut, ...] = ()
    connected: bool = False
    service: ServiceOut | None = None
    consent: bool = False
    consent_error: bool = False
    form: GuestForm = field(default_factory=GuestForm)
    page: int = 0
    focus: str | None = None
    keyboard: str = "none"
    offer: ReturningVisitor | None = None
    busy: bool = False
    problem: Text | None = None
    ticket: IssuedTicketOut | None = None
    print_state: str = "ready"  # ready, printing, printed, failed, skipped
    print_message: Text | None = None
    countdown: int | None = None  # seconds left on the ticket screen
    idle_countdown: int | None = None  # seconds left before the form is wiped
    admin: bool = False
    admin_error: bool = False
    admin_wait: int | None = None  # seconds the PIN pad stays locked after wrong PINs
    rating: RatingState = field(default_factory=RatingState)

    @property
    def offered_services(self) -> list[ServiceOut]:
        """Enabled services, Konsultasi Statistik first, then as the server lists them."""
        enabled = [s for s in self.services if s.enabled]
        return sorted(enabled, key=lambda s: s.code != "KONSULTASI")

    @property
    def closed(self) -> ServiceOut | None:
        """A closed service to explain ("Layanan tutup"), when no offered service is open."""
        offered = self.offered_services
        if offered and not any(s.open for s in offered):
            return offered[0]
        return None

    def service_name(self, service: ServiceOut | None = None) -> str:
        chosen = service or self.service
        if chosen is None:
            return ""
        return chosen.name_en if self.lang == "en" else chosen.name


class KioskFlow(RatingActions, ComplaintActions):
    def __init__(
        self,
        backend: Backend,
        tasks: Tasks,
        clock: Callable[[], float],
        today: Callable[[], date],
        timing: Timing = Timing(),
        lang: str = "id",
        admin_pin_hash: str = "",
        desk: str | None = None,
    ) -> None:
        self._backend = backend
        self._tasks = tasks
        self._clock = clock
        self._today = today
        self.timing = timing
        self._default_lang = lang
        self._admin_pin_hash = admin_pin_hash
        self._pin_failures = 0  # wrong PINs in a row: kept through the idle wipe
        self._pin_locked_until = 0.0
        self._pin_checking = False
        self._listeners: list[Callable[[KioskView], None]] = []
        self._exit_listeners: list[Callable[[], None]] = []
        self.view = KioskView(lang=lang)
        self._session = 0  # a wipe starts a new one; late answers for an old one are dropped
        self._last_touch = clock()
        self._order: TicketOrder | None = None
        self._submitting = False
        self._retry_at: float | None = None
        self._loading = False
        self._load_at: float | None = clock()
        self._heartbeat_at = clock()
        self._ticket_until: float | None = None
        # Desk mode (``--mode rating --desk 1``): this tablet only rates that desk's visits.
        self.desk = desk
        if desk is not None:
            self.view = KioskView(lang=lang, step=RATING)

    # --- wiring ---------------------------------------------------------------------------

    def listen(self, listener: Callable[[KioskView], None]) -> None:
        self._listeners.append(listener)

    def on_exit(self, listener: Callable[[], None]) -> None:
        """Called when the office's PIN was entered to leave the kiosk."""
        self._exit_listeners.append(listener)

    def _show(self, **changes: Any) -> None:
        new = replace(self.view, **changes)
        if new != self.view:
            self.view = new
            for listener in self._listeners:
                listener(new)

    def start(self) -> None:
        """Read the office and its services; called once the screens exist."""
        self._load()
        for listener in self._listeners:
            listener(self.view)

    # --- every screen ---------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        self.touched()
        if lang in LANGUAGES:
            self._show(lang=lang)

    def toggle_lang(self) -> None:
        self.set_lang("en" if self.view.lang == "id" else "id")

    def touched(self) -> None:
        """Any touch or key: the visitor is still there."""
        self._last_touch = self._clock()
        if self.view.idle_countdown is not None:
            self._show(idle_countdown=None)

    def go(self, step: str) -> None:
        self.touched()
        self._show(step=step, problem=None)

    def back(self) -> None:
        self.touched()
        view = self.view
        if view.busy:
            return
        if view.step == GUEST:
            if view.offer is not None:
                self._show(offer=None)
            elif view.page > 0:
                page = view.page - 1
                if view.form.reused is not None and page in REUSED_PAGES:
                    page = 0
                    self._show(form=replace(view.form, reused=None))
                self._open_page(page)
            else:
                self._show(step=NOTICE)
        elif view.step == WELCOME:
            return
        else:
            self._retry_at = None
            self._show(step=STEPS_BACK.get(view.step, WELCOME), problem=None)

    def tick(self) -> None:
        """Called about once a second: timeouts, countdowns, retries, refreshes."""
        now = self._clock()
        if self.view.admin:
            self._show(admin_wait=self._pin_wait(now))
        view = self.view
        if self._load_at is not None and now >= self._load_at:
            self._load()
        if self._retry_at is not None and now >= self._retry_at:
            self._retry_at = None
            self._send_order()
        if now - self._heartbeat_at >= self.timing.heartbeat_seconds:
            self._heartbeat_at = now
            self._tasks.submit(self._backend.heartbeat, _ignore)
        if view.step == TICKET and self._ticket_until is not None:
            left = int(self._ticket_until - now + 0.999)
            if left <= 0:
                self.wipe()
            elif view.print_state != "printing":
                self._show(countdown=left)
            return
        if view.step == RATING:
            self.poll_desk()
            if view.rating.stage == THANKS and now - self._last_touch >= THANKS_SECONDS:
                self.wipe()
                return
            if self.desk is not None and view.rating.stage == PICK:
                return  # a desk tablet waiting for the next visitor is not idle
        if view.step == WELCOME and not view.admin:
            return
        idle = now - self._last_touch
        if idle >= self.timing.idle_seconds:
            left = int(self.timing.idle_seconds + self.timing.idle_warning_seconds - idle + 0.999)
            if left <= 0:
                self.wipe()
            else:
                self._show(idle_countdown=left)

    def wipe(self) -> None:
        """Back to Welcome with nothing of the last visitor left."""
        self._session += 1
        self._order = None
        self._submitting = False
        self._retry_at = None
        self._ticket_until = None
        self._last_touch = self._clock()
        fresh = KioskView(
            step=RATING if self.desk is not None else WELCOME,
            lang=self._default_lang,
            office=self.view.office,
            services=self.view.services,
            connected=self.view.connected,
        )
        self.view = fresh
        for listener in self._listeners:
            listener(fresh)
        self._load_at = self._clock()

    # --- welcome --------------------------------------------------------------------------

    def _load(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._load_at = None

        def job() -> tuple[OfficeOut, list[ServiceOut]]:
            return self._backend.office(), self._backend.services()

        self._tasks.submit(job, self._loaded)

    def _loaded(self, result: tuple[OfficeOut, list[ServiceOut]] | Exception) -> None:
        self._loading = False
        if isinstance(result, Exception):
            log.warning("services not read: %s", _short(result))
            self._load_at = self._clock() + self.timing.retry_seconds
            self._show(connected=False)
            return
        office, services = result
        self._load_at = self._clock() + self.timing.refresh_seconds
        self._show(office=office, services=tuple(services), connected=True)

    def choose_service(self, code: str) -> None:
        self.touched()
        service = next((s for s in self.view.services if s.code == code), None)
        if service is None or not service.open or self.view.busy:
            return
        self._show(step=NOTICE, service=service, problem=None)

    # --- requirements and personal-data notice --------------------------------------------

    def toggle_consent(self) -> None:
        self.touched()
        self._show(consent=not self.view.consent, consent_error=False)

    def agree(self) -> None:
        """"Lanjut" on the notice: only with the visitor's consent."""
        self.touched()
        if not self.view.consent:
            self._show(consent_error=True)
            return
        self._show(step=GUEST, consent_error=False)
        self._open_page(0)

    # --- guest book -----------------------------------------------------------------------

    def _open_page(self, page: int) -> None:
        form = self.view.form
        focus = form.first_empty(page)
        self._show(page=page, focus=focus, keyboard=keyboard_for(focus or "", form.id_type))

    def focus(self, name: str) -> None:
        self.touched()
        if name in PAGES[self.view.page]:
            self._show(focus=name, keyboard=keyboard_for(name, self.view.form.id_type))

    def edit(self, name: str, text: str) -> None:
        """The visitor typed (on screen or on a keyboard) into ``name``."""
        self.touched()
        if self.view.form.value(name) != text:
            self._show(form=self.view.form.with_value(name, text))

    def select(self, name: str, value: str) -> None:
        """A big choice button: identity type, occupation, purpose."""
        self.touched()
        form = self.view.form.with_value(name, value)
        changes: dict[str, Any] = {"form": form}
        if name == "id_type":
            changes.update(focus="id_number", keyboard=keyboard_for("id_number", value))
        self._show(**changes)

    def toggle_priority(self) -> None:
        self.touched()
        form = self.view.form
        self._show(form=replace(form, priority=not form.priority))

    def next(self) -> None:
        """"Lanjut" (or Enter) on a guest-book page."""
        self.touched()
        view = self.view
        if view.busy or view.step != GUEST:
            return
        if view.offer is not None:
            return
        form = view.form.check_page(view.page, self._today())
        if form.errors:
            wrong = next(n for n in PAGES[view.page] if n in form.errors)
            self._show(form=form, focus=wrong, keyboard=keyboard_for(wrong, form.id_type))
            return
        self._show(form=form)
        if view.page == 0 and form.reused is None:
            self._look_up(form)
        elif view.page + 1 < len(PAGES):
            self._open_page(view.page + 1)
        else:
            self._to_confirm()

    def next_field(self) -> None:
        """Tab on a physical keyboard, or Enter in a field that is not the page's last."""
        names = [n for n in PAGES[self.view.page] if n in ("id_number", "name", "email",
                                                            "phone", "institution")]
        if self.view.focus in names and names.index(self.view.focus) + 1 < len(names):
            self.focus(names[names.index(self.view.focus) + 1])
        else:
            self.next()

    def _look_up(self, form: GuestForm) -> None:
        session = self._session
        self._show(busy=True, problem=None)

        def done(result: ReturningVisitor | None | Exception) -> None:
            if session != self._session:
                return
            if isinstance(result, Exception):
                # No lookup is no reason to stop the visitor: they fill in the form.
                log.warning("returning-visitor lookup failed: %s", _short(result))
                result = None
            self._show(busy=False)
            if result is not None and result.reference is not None:
                self._show(offer=result)
            else:
                self._open_page(1)

        self._tasks.submit(lambda: self._backend.lookup(form.id_type, form.id_number), done)

    def accept_offer(self) -> None:
        self.touched()
        offer = self.view.offer
        if offer is None:
            return
        form = replace(
            self.view.form,
            reused=offer,
            occupation=self.view.form.occupation or offer.occupation,
            purpose=self.view.form.purpose or offer.purpose,
        )
        self._show(offer=None, form=form)
        self._open_page(len(PAGES) - 1)

    def decline_offer(self) -> None:
        self.touched()
        self._show(offer=None)
        self._open_page(1)

    def _to_confirm(self) -> None:
        self._show(step=CONFIRM, focus=None, keyboard="none", problem=None)

    # --- confirm and take the ticket ------------------------------------------------------

    def edit_page(self, page: int) -> None:
        """"Ubah" beside a group of details on the confirm screen."""
        self.touched()
        if self.view.busy:
            return
        self._retry_at = None
        self._show(step=GUEST, problem=None)
        self._open_page(page)

    def take_ticket(self) -> None:
        """"Ambil Nomor". A second tap while the first is on its way does nothing; a retry
        after the server was unreachable sends the same Idempotency-Key."""
        self.touched()
        view = self.view
        if view.step != CONFIRM or self._submitting or view.service is None:
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
        self._send_order()

    def _send_order(self) -> None:
        order = self._order
        if order is None or self._submitting:
            return
        self._submitting = True
        self._retry_at = None
        session = self._session
        self._show(busy=True)

        def done(result: IssuedTicketOut | Exception) -> None:
            if session != self._session:
                return
            self._submitting = False
            self._ticket_taken(result)

        self._tasks.submit(lambda: self._backend.take_ticket(order), done)

    def _ticket_taken(self, result: IssuedTicketOut | Exception) -> None:
        if isinstance(result, IssuedTicketOut):
            self._order = None
            self._ticket_until = self._clock() + self.timing.ticket_seconds
            self._show(step=TICKET, ticket=result, busy=False, problem=None,
                       countdown=self.timing.ticket_seconds, idle_countdown=None)
            return
        if isinstance(result, Offline):
            log.warning("ticket not taken yet, server unreachable; retrying")
            if self.view.step == CONFIRM:
                self._retry_at = self._clock() + self.timing.retry_seconds
            self._show(busy=False, problem=TEXTS["offline"])
            return
        self._order = None
        if isinstance(result, ApiError) and result.status == 422:
            errors = [FieldError(str(e.get("field", "")), str(e.get("code", "")),
                                 str(e.get("message_id", "")), str(e.get("message_en", "")))
                      for e in result.field_errors]
            form = self.view.form.with_server_errors(errors)
            pages = form.pages_with_errors()
            if pages:
                self._show(form=form, busy=False, step=GUEST)
                self._open_page(pages[0])
                return
        if isinstance(result, ApiError):
            log.warning("ticket refused: HTTP %s %s", result.status, result.code)
            self._show(busy=False, problem=Text(result.message("id"), result.message("en")))
            if result.code == "service_closed":
                self._load()
            return
        log.error("ticket not taken: %s", _short(result))
        self._show(busy=False, problem=TEXTS["offline"])

    # --- ticket ---------------------------------------------------------------------------

    def print_ticket(self) -> None:
        self.touched()
        view = self.view
        if view.ticket is None or view.print_state in ("printing", "printed"):
            return
        ticket, name, session = view.ticket, view.service_name(), self._session
        self._show(print_state="printing", print_message=None)

        def done(result: PrintResult | Exception) -> None:
            if session != self._session:
                return
            if self._ticket_until is not None:  # time to take the paper or photograph the QR
                self._ticket_until = max(self._ticket_until, self._clock() + 15)
            if isinstance(result, Exception):
                log.error("printer failed: %s", _short(result))
                self._show(print_state="failed", print_message=TEXTS["print_failed"])
            elif result.ok:
                self._show(print_state="printed",
                           print_message=Text(result.message_id, result.message_en))
            else:
                self._show(print_state="failed",
                           print_message=Text(result.message_id, result.message_en))

        self._tasks.submit(lambda: self._backend.print_ticket(ticket, name), done)

    def qr_only(self) -> None:
        self.touched()
        if self.view.print_state in ("ready", "failed"):
            self._show(print_state="skipped", print_message=None)

    # --- leaving the kiosk (office staff) -------------------------------------------------

    def ask_admin(self) -> None:
        self.touched()
        self._show(admin=True, admin_error=False, admin_wait=self._pin_wait(self._clock()))

    def close_admin(self) -> None:
        self.touched()
        self._show(admin=False, admin_error=False, admin_wait=None)

    def enter_pin(self, pin: str) -> None:
        """Check ``pin`` against the hash from the settings, on the worker (~0.15 s). While
        the pad is locked after wrong PINs, nothing is checked: the wait shows again."""
        self.touched()
        wait = self._pin_wait(self._clock())
        if wait is not None or self._pin_checking:
            self._show(admin_wait=wait)
            return
        self._pin_checking = True
        stored = self._admin_pin_hash

        def done(right: bool | Exception) -> None:
            self._pin_checking = False
            if right is True:
                self._pin_failures = 0
                self._show(admin=False, admin_error=False, admin_wait=None)
                for listener in self._exit_listeners:
                    listener()
                return
            self._pin_failures += 1
            self._pin_locked_until = self._clock() + wait_after(self._pin_failures)
            log.warning("wrong PIN on the kiosk's pad (%d in a row)", self._pin_failures)
            self._show(admin_error=True, admin_wait=self._pin_wait(self._clock()))

        self._tasks.submit(lambda: verify_pin(pin, stored), done)

    def _pin_wait(self, now: float) -> int | None:
        """Whole seconds left of the PIN pad's lock, None when it takes PINs."""
        left = self._pin_locked_until - now
        return int(left + 0.999) if left > 0 else None


def _ignore(result: object) -> None:
    if isinstance(result, Exception):
        log.warning("status report failed: %s", _short(result))


def _short(error: Exception) -> str:
    """An error for the log, without the request's content (it may carry personal data)."""
    if isinstance(error, ApiError):
        return f"HTTP {error.status} {error.code}"
    if isinstance(error, ClientError):
        return type(error).__name__
    return f"{type(error).__name__}"
