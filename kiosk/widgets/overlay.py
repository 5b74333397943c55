"""Layers over the screens: "mohon tunggu", the idle countdown, the office's PIN pad."""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.textinput import TextInput

from .keyboard import BACKSPACE


class Overlay(FloatLayout):
    """Covers the screen and takes every touch while ``shown``; invisible and inert otherwise."""

    shown = BooleanProperty(False)

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


class PinPad(Overlay):
    """Digits typed on screen, shown as dots; the presenter decides if they open the exit."""

    pin = StringProperty("")

    def on_shown(self, *_: Any) -> None:
        self.pin = ""

    def key(self, key: str) -> None:
        self.pin = self.pin[:-1] if key == BACKSPACE else (self.pin + key)[:12]


class KioskInput(TextInput):
    """A text field of the guest book: Enter confirms the page, Tab goes to the next field."""

    field = StringProperty("")
    wrong = BooleanProperty(False)

    def keyboard_on_key_down(self, window: Any, keycode: Any, text: Any, modifiers: Any) -> bool:
        from kivy.app import App

        flow = App.get_running_app().flow
        if keycode[1] in ("enter", "numpadenter"):
            flow.next()
            return True
        if keycode[1] == "tab":
            flow.next_field()
            return True
        result: bool = super().keyboard_on_key_down(window, keycode, text, modifiers)
        return result
