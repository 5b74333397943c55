"""The kiosk's presenter: the visitor's way from Welcome to a ticket (or a rating, or a
complaint), composed of a small kernel and one presenter per part of the visit.

No Kivy here. Screens forward the visitor's taps and typing to the presenter of their part;
after every change the kernel hands an immutable :class:`~.view.KioskView` to its listener, and
the screens draw that. Each part keeps its own state and sees the kernel only through a
``Protocol`` naming what it needs; they meet only where the visit passes from one to the next
(the ticket sends the guest book's form, the complaint returns to the rating).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from .admin_pin import AdminPinPresenter
from .complaint import ComplaintBackend, ComplaintPresenter
from .guest_book import GuestBookBackend, GuestBookPresenter
from .kernel import Kernel, Tasks, Timing
from .rating import RatingBackend, RatingPresenter
from .ticket import TicketBackend, TicketPresenter
from .view import Step
from .welcome import WelcomeBackend, WelcomePresenter

DEFAULT_TIMING = Timing()


class Backend(WelcomeBackend, GuestBookBackend, TicketBackend, RatingBackend,
              ComplaintBackend, Protocol):
    """The server and the printer as the presenters need them (``kiosk.backend``)."""


class KioskFlow(Kernel):
    """The kernel with the visit's presenters: ``welcome``, ``guest_book``, ``ticket``,
    ``rating``, ``complaint`` and the office's ``admin`` PIN pad."""

    def __init__(
        self,
        backend: Backend,
        tasks: Tasks,
        clock: Callable[[], float],
        today: Callable[[], date],
        timing: Timing = DEFAULT_TIMING,
        lang: str = "id",
        admin_pin_hash: str = "",
        desk: str | None = None,
    ) -> None:
        # A desk tablet (``--mode rating --desk 1``) is always on the rating.
        super().__init__(tasks, clock, timing, lang,
                         home=Step.RATING if desk is not None else Step.WELCOME)
        self.backend = backend
        self.welcome = WelcomePresenter(self, backend)
        self.guest_book = GuestBookPresenter(self, backend, today)
        self.ticket = TicketPresenter(self, backend, self.guest_book, reload=self.welcome.load)
        self.rating = RatingPresenter(self, backend, desk)
        self.complaint = ComplaintPresenter(self, backend, back_to_rating=self.rating.start)
        self.admin = AdminPinPresenter(self, admin_pin_hash)
        # Once a second, in this order: the PIN pad's wait, the services, a ticket's retry,
        # the heartbeat, the ticket screen's countdown, the rating's desk and thank-you.
        self.on_tick(self.admin.tick)
        self.on_tick(self.welcome.load_when_due)
        self.on_tick(self.ticket.retry_when_due)
        self.on_tick(self.welcome.report_when_due)
        self.on_tick(self.ticket.count_down)
        self.on_tick(self.rating.tick)
        self.not_idle_when(self.ticket.counting_down)
        self.not_idle_when(self.rating.waiting_at_desk)
        self.on_wipe(self.ticket.forget)
        self.on_wipe(self.welcome.reload_soon)

    def start(self) -> None:
        """Read the office and its services; called once the screens exist."""
        self.welcome.load()
        super().start()
