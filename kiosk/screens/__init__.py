"""The kiosk's screens: each one a ``<name>.py`` (drawing ``KioskView``) and a ``<name>.kv``.

``SCREENS`` maps a flow step to its screen class: a new screen is a new entry here.
"""

from __future__ import annotations

from .base import KioskScreen
from .complaint import ComplaintScreen
from .confirm import ConfirmScreen
from .feedback import FeedbackScreen
from .guest import GuestScreen
from .notice import NoticeScreen
from .rating import RatingScreen
from .ticket import TicketScreen
from .welcome import WelcomeScreen

SCREENS: dict[str, type[KioskScreen]] = {
    "welcome": WelcomeScreen,
    "notice": NoticeScreen,
    "guest": GuestScreen,
    "confirm": ConfirmScreen,
    "ticket": TicketScreen,
    "feedback": FeedbackScreen,
    "rating": RatingScreen,
    "complaint": ComplaintScreen,
}


__all__ = ["SCREENS", "KioskScreen"]
