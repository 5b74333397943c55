"""The kiosk's presenters: plain Python (no Kivy), driven by the screens and by unit tests.

``flow.KioskFlow`` composes them: the kernel (``kernel.py``: the view, the session, the
timers, the idle timeout) and one presenter per part of the visit (``welcome.py``,
``guest_book.py``, ``ticket.py``, ``rating.py``, ``complaint.py``, ``admin_pin.py``); what
the screens draw is ``view.KioskView``.
"""

from __future__ import annotations

from .flow import Backend, KioskFlow
from .kernel import Tasks, Timing
from .rating_state import RatingState, Stage
from .ticket import TicketOrder
from .view import KioskView, Step

__all__ = ["Backend", "KioskFlow", "KioskView", "RatingState", "Stage", "Step", "Tasks",
           "TicketOrder", "Timing"]
