"""What the kiosk's screens draw: the visitor's step and one immutable :class:`KioskView`.

No Kivy. The kernel (``kernel.py``) holds the view and hands every new one to its listeners;
each presenter replaces only the fields of its part of the visit (noted below), so the idle
wipe, which makes a fresh view, forgets every part at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from shared.api.models import IssuedTicketOut, OfficeOut, ServiceOut

from ..guest_form import GuestForm, ReturningVisitor
from ..texts import Sentence
from .rating_state import RatingState


class Step(StrEnum):
    """The screen the visitor is on (also its screen's name in the window).

    A new screen is a new step here and its entry in ``kiosk.screens.SCREENS``: ``go(step)``
    shows it and the idle timeout covers it like the others.
    """

    WELCOME = "welcome"
    NOTICE = "notice"
    GUEST = "guest"
    CONFIRM = "confirm"
    TICKET = "ticket"
    FEEDBACK = "feedback"
    RATING = "rating"
    COMPLAINT = "complaint"


PrintState = Literal["ready", "printing", "printed", "failed", "skipped"]


@dataclass(frozen=True)
class KioskView:
    """Everything the screens show; replaced, never changed."""

    # the kernel: the screen, the language, the idle warning
    step: Step = Step.WELCOME
    lang: str = "id"
    idle_countdown: int | None = None  # seconds left before the form is wiped
    # Welcome: the office and its services
    office: OfficeOut | None = None
    services: tuple[ServiceOut, ...] = ()
    connected: bool = False
    # the guest book (notice, its pages) and the ticket taken with it: "mohon tunggu" and
    # what went wrong are theirs
    service: ServiceOut | None = None
    consent: bool = False
    consent_error: bool = False
    form: GuestForm = field(default_factory=GuestForm)
    page: int = 0
    focus: str | None = None
    keyboard: str = "none"
    offer: ReturningVisitor | None = None
    busy: bool = False
    problem: Sentence | None = None
    # the ticket
    ticket: IssuedTicketOut | None = None
    print_state: PrintState = "ready"
    print_message: Sentence | None = None
    countdown: int | None = None  # seconds left on the ticket screen
    # the office's PIN pad
    admin: bool = False
    admin_error: bool = False
    admin_wait: int | None = None  # seconds the PIN pad stays locked after wrong PINs
    # rating a visit, and the complaint form (its thank-you is the rating's)
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
