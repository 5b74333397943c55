"""The office's name in the top bar; five quick taps on it open the office's PIN pad.

A visitor has no reason to tap a name five times in three seconds, and the PIN stands
between them and the desktop anyway.
"""

from __future__ import annotations

import time
from typing import Any

from kivy.app import App
from kivy.uix.label import Label

TAPS = 5
WITHIN_SECONDS = 3.0


class OfficeName(Label):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._taps: list[float] = []

    def on_touch_down(self, touch: Any) -> bool:
        if not self.collide_point(*touch.pos):
            return False
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < WITHIN_SECONDS] + [now]
        if len(self._taps) >= TAPS:
            self._taps = []
            App.get_running_app().flow.ask_admin()
        return True
