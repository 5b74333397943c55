"""What every kiosk screen has: its kv file, loaded once when the screen is first made, and
``show(view)``, called with each new :class:`~kiosk.flow.KioskView` while it is on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from kivy.lang import Builder
from kivy.uix.screenmanager import Screen

from ..flow import KioskView

_loaded: set[str] = set()


class KioskScreen(Screen):
    kv_file: ClassVar[str] = ""  # next to the screen's .py

    def __init__(self, **kwargs: Any) -> None:
        path = Path(self.kv_file)
        if self.kv_file and str(path) not in _loaded:
            Builder.load_file(str(path))
            _loaded.add(str(path))
        super().__init__(**kwargs)

    def show(self, view: KioskView) -> None:
        """Draw what ``app.view`` bindings in the kv do not cover."""


def kv_beside(module_file: str) -> str:
    return str(Path(module_file).with_suffix(".kv"))
