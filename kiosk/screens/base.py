"""What every kiosk screen has: its kv file, loaded once when the screen is first made, the
presenters its taps go to (given when it is made), the window's shape (set by the app), and
``show(view)``, called with each new :class:`~kiosk.presenters.KioskView` while it is on
screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.screenmanager import Screen

from ..presenters import KioskFlow, KioskView
from ..presenters.admin_pin import AdminPinPresenter
from ..presenters.kernel import Kernel


class KioskScreen(Screen):
    """A screen never reaches for the App: the app gives it the presenters when it makes it
    and keeps ``portrait``, ``scale`` and ``touch`` (a button's height in pixels) set to the
    window's."""

    kv_file: ClassVar[str] = ""  # next to the screen's .py

    portrait = BooleanProperty(True)
    scale = NumericProperty(1.0)
    touch = NumericProperty(96)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        # the top bar on every screen: the language switch and the office's PIN pad
        self.kernel: Kernel = flow
        self.admin: AdminPinPresenter = flow.admin
        self.give(flow)
        if self.kv_file and self.kv_file not in Builder.files:
            Builder.load_file(self.kv_file)
        super().__init__(**kwargs)

    def give(self, flow: KioskFlow) -> None:
        """Keep the presenters this screen's taps go to (its kv calls them on ``root``)."""

    def show(self, view: KioskView) -> None:
        """Draw what ``app.view`` bindings in the kv do not cover."""


def kv_beside(module_file: str) -> str:
    return str(Path(module_file).with_suffix(".kv"))
