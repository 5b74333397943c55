"""The on-screen keyboards: digits, letters (names), email (with @ and common endings).

A key press is forwarded as ``on_key(text)``: a character, or one of BACKSPACE, SHIFT, SPACE.
Which keyboard shows is the presenter's decision (``KioskView.keyboard``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

BACKSPACE, SHIFT, SPACE = "BACKSPACE", "SHIFT", "SPACE"

LAYOUTS: dict[str, list[list[str]]] = {
    "digits": [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], [BACKSPACE, "0"]],
    "letters": [
        list("1234567890"),
        list("QWERTYUIOP"),
        list("ASDFGHJKL") + ["'"],
        [SHIFT] + list("ZXCVBNM") + [".", "-"],
        [",", SPACE, BACKSPACE],
    ],
    "email": [
        list("1234567890"),
        list("qwertyuiop"),
        list("asdfghjkl") + ["_"],
        list("zxcvbnm") + [".", "-", BACKSPACE],
        ["@", ".com", ".co.id", ".ac.id", "gmail.com"],
    ],
}
LABELS = {BACKSPACE: "\u232b", SHIFT: "\u21e7", SPACE: "spasi / space"}


class OnScreenKeyboard(BoxLayout):
    layout = StringProperty("none")
    shift = BooleanProperty(False)

    __events__ = ("on_key",)

    def on_layout(self, *_: Any) -> None:
        self.clear_widgets()
        for row in LAYOUTS.get(self.layout, []):
            line = Factory.KeyRow()
            for key in row:
                button = Factory.KeyButton(text=LABELS.get(key, key))
                button.key = key
                if key == SPACE:
                    button.size_hint_x = 4
                elif len(key) > 3 and key not in LABELS:
                    button.size_hint_x = 2
                button.bind(on_release=self._pressed)
                line.add_widget(button)
            self.add_widget(line)

    def _pressed(self, button: Any) -> None:
        self.dispatch("on_key", button.key)

    def on_key(self, key: str) -> None:
        pass


def type_into(entry: Any, keyboard: Any, key: str, capital: Callable[[str], bool]) -> None:
    """One key of ``keyboard`` into ``entry`` (a text field) at its cursor. On the letters
    keyboard a letter is upper case after SHIFT (once) or when ``capital(text before the
    cursor)`` says so, lower case otherwise."""
    if key == BACKSPACE:
        entry.do_backspace()
    elif key == SHIFT:
        keyboard.shift = not keyboard.shift
    elif key == SPACE:
        entry.insert_text(" ")
    else:
        if keyboard.layout == "letters":
            upper = keyboard.shift or capital(entry.text[: entry.cursor_index()])
            key = key.upper() if upper else key.lower()
            keyboard.shift = False
        entry.insert_text(key)
    if not entry.focus:
        entry.focus = True
