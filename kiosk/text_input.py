"""The kiosk's text fields and Kivy's keyboard focus.

A physical keyboard's letters are never thrown away when the focus moves.

Kivy stops SDL's text input whenever a field gives up the keyboard and starts it again for the
next field; Tab does both within one key press. Stopping it makes SDL drop every letter already
waiting in its queue (``SDL_StopTextInput`` disables, and so flushes, ``SDL_TEXTINPUT``
events). A visitor who types straight on after Tab, or any typist while the kiosk is busy
drawing a frame, lost the first letters of the next field. A kiosk has no system on-screen
keyboard to hide (it draws its own), so its window keeps SDL's text input on for good.

A field leaving the window gives up the focus (``let_go_of_fields``): Kivy keeps the focused
field, and the text typed in it, in a class-wide table of keyboards until another field takes
the keyboard, which would keep a visitor's last field in memory after the visit.
"""

from __future__ import annotations

from typing import Any


def keep_text_input_on(window: Any) -> None:
    """Make ``window`` (Kivy's SDL2 window) give a field's keyboard back without stopping
    SDL's text input. Other window providers are left as they are."""
    if not hasattr(type(window), "_check_keyboard_shown"):  # not Kivy's SDL2 window
        return
    from kivy.core.window import WindowBase

    def release_keyboard(*largs: Any) -> bool:
        # WindowSDL.release_keyboard without its ``hide_keyboard`` (SDL_StopTextInput).
        WindowBase.release_keyboard(window, *largs)
        window._sdl_keyboard = None  # ends the shown-keyboard check WindowSDL schedules
        return True

    window.release_keyboard = release_keyboard


def let_go_of_fields(widget: Any) -> None:
    """Unfocus every field in ``widget`` and below, before it leaves the window."""
    for child in widget.walk(restrict=True):
        if getattr(child, "focus", False):
            child.focus = False
