"""A tick box before a label, as Kivy markup (the consent and the priority toggles)."""

from __future__ import annotations

from kivy.utils import escape_markup

__all__ = ["tick_box"]


def tick_box(ticked: bool, label: str) -> str:
    """The box from DejaVu Sans (Roboto, the kiosk's font, has no ballot box); the words in
    Roboto like every other label. The button showing it needs ``markup: True``."""
    box = "\u2611" if ticked else "\u2610"
    return f"[font=DejaVuSans]{box}[/font]  {escape_markup(label)}"
