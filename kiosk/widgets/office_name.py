"""The office's name in the top bar; five quick taps on it open the office's PIN pad.

A visitor has no reason to tap a name five times in three seconds, and the PIN stands
between them and the desktop anyway.
"""

from __future__ import annotations

import time
from typing import Any

from kivy.uix.label import Label

TAPS = 5
WITHIN_SECONDS = 3.0


class OfficeName(Label):
    """Five quick taps: ``on_pin_pad`` (common.kv opens the office's PIN pad)."""

    __events__ = ("on_pin_pad",)

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
            self.dispatch("on_pin_pad")
        return True

    def on_pin_pad(self) -> None:
        """The office wants its PIN pad."""
