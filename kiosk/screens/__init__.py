"""The kiosk's screens: each one a ``<name>.py`` (drawing ``KioskView``) and a ``<name>.kv``.

``SCREENS`` maps a step to its screen class (a new screen is a new entry here); the app makes
each screen with the presenter (``kiosk.presenters.KioskFlow``), from which the screen keeps the
parts its taps go to.
"""

from __future__ import annotations

from ..presenters import Step
from .base import KioskScreen
from .complaint import ComplaintScreen
from .confirm import ConfirmScreen
from .feedback import FeedbackScreen
from .guest import GuestScreen
from .notice import NoticeScreen
from .rating import RatingScreen
from .ticket import TicketScreen
from .welcome import WelcomeScreen

SCREENS: dict[Step, type[KioskScreen]] = {
    Step.WELCOME: WelcomeScreen,
    Step.NOTICE: NoticeScreen,
    Step.GUEST: GuestScreen,
    Step.CONFIRM: ConfirmScreen,
    Step.TICKET: TicketScreen,
    Step.FEEDBACK: FeedbackScreen,
    Step.RATING: RatingScreen,
    Step.COMPLAINT: ComplaintScreen,
}

__all__ = ["SCREENS", "KioskScreen"]
