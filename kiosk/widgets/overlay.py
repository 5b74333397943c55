"""Layers over the screens: "mohon tunggu", the idle countdown, the office's PIN pad."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.textinput import TextInput

from .keyboard import BACKSPACE


class Overlay(FloatLayout):
    """Covers the screen and takes every touch while ``shown``; invisible and inert otherwise.

    With a ``delay``, it appears only once it has been shown that long (touches are held off
    from the start, by the root): "mohon tunggu" does not flash over a screen for the tenth of
    a second the server usually takes, which would cost a whole frame's drawing."""

    shown = BooleanProperty(False)
    delay = NumericProperty(0.0)
    visible = BooleanProperty(False)  # drawn: shown, for at least ``delay`` seconds
    # The kv class of what it shows, made when it appears and dropped when it goes (like the
    # screens): neither its widgets nor their bindings to ``app.view`` live through the day.
    content = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        self._appear: Any = None
        super().__init__(**kwargs)

    def on_shown(self, *_: Any) -> None:
        if self._appear is not None:
            self._appear.cancel()
            self._appear = None
        if self.shown and self.delay > 0:
            self._appear = Clock.schedule_once(self._show_now, self.delay)
        else:
            self.visible = self.shown

    def _show_now(self, _dt: float) -> None:
        self._appear = None
        self.visible = self.shown

    def on_visible(self, *_: Any) -> None:
        if not self.content:
            return
        if self.visible and not self.children:
            self.add_widget(Factory.get(self.content)())
        elif not self.visible:
            self.clear_widgets()

    def on_touch_down(self, touch: Any) -> bool:
        if not self.shown:
            return False
        super().on_touch_down(touch)
        return True

    def on_touch_up(self, touch: Any) -> bool:
        if not self.shown:
            return False
        super().on_touch_up(touch)
        return True

    def on_touch_move(self, touch: Any) -> bool:
        return bool(self.shown)


class IdleOverlay(Overlay):
    """The idle countdown; its button says the visitor is still there (``on_still_here``,
    bound to the presenter in root.kv)."""

    __events__ = ("on_still_here",)

    def still_here(self) -> None:
        self.dispatch("on_still_here")

    def on_still_here(self) -> None:
        """The visitor tapped "Lanjutkan"."""


class PinPad(Overlay):
    """Digits typed on screen, shown as dots; the presenter decides if they open the exit
    (``on_pin_entered``, bound to it in root.kv, as ``on_cancel`` is)."""

    __events__ = ("on_pin_entered", "on_cancel")

    pin = StringProperty("")

    def on_shown(self, *_: Any) -> None:
        super().on_shown()
        self.pin = ""

    def key(self, key: str) -> None:
        self.pin = self.pin[:-1] if key == BACKSPACE else (self.pin + key)[:12]

    def submit(self) -> None:
        """The digits go to the presenter, and off the pad (the right PIN closes it)."""
        pin, self.pin = self.pin, ""
        self.dispatch("on_pin_entered", pin)

    def cancel(self) -> None:
        self.dispatch("on_cancel")

    def on_pin_entered(self, pin: str) -> None:
        """The digits typed, on "Keluar"."""

    def on_cancel(self) -> None:
        """The office leaves the pad ("Batal")."""


# Kivy's TextInput scrolls its text into view through one trigger shared by every text field of
# the process (``@triggered`` on the class), which keeps the last field whose cursor moved, and
# the visitor's text in it, until another field's cursor moves. Each kiosk field has its own.
_SCROLL_INTO_VIEW = TextInput._adjust_viewport.__wrapped__


class EnterAndTab:
    """A physical keyboard's Enter and Tab in a field: its ``on_enter`` and ``on_tab`` events,
    which the screen binds to its presenter (the page goes on, the next field)."""

    __events__ = ("on_enter", "on_tab")

    def keyboard_on_key_down(self, window: Any, keycode: Any, text: Any, modifiers: Any) -> bool:
        if keycode[1] in ("enter", "numpadenter"):
            self.dispatch("on_enter")  # type: ignore[attr-defined]
            return True
        if keycode[1] == "tab":
            self.dispatch("on_tab")  # type: ignore[attr-defined]
            return True
        result: bool = super().keyboard_on_key_down(  # type: ignore[misc]
            window, keycode, text, modifiers)
        return result

    def on_enter(self) -> None:
        """Enter: the screen's presenter goes on."""

    def on_tab(self) -> None:
        """Tab: the screen's presenter focuses the next field."""


class KioskInput(EnterAndTab, TextInput):
    """A text field of the guest book and the complaint: Enter confirms the page, Tab goes to
    the next field."""

    field = StringProperty("")
    wrong = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        self._cursor_at = (0, 0)
        self._scroll = Clock.create_trigger(self._scroll_now, -1)
        super().__init__(**kwargs)

    def _adjust_viewport(self, cc: int, cr: int) -> None:
        self._cursor_at = (cc, cr)
        self._scroll()

    def _scroll_now(self, _dt: float) -> None:
        _SCROLL_INTO_VIEW(self, *self._cursor_at)
