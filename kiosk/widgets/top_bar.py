"""The bar on top of every screen: the office's name and the language switch (common.kv)."""

from __future__ import annotations

from kivy.uix.boxlayout import BoxLayout


class TopBar(BoxLayout):
    """Forwards its two taps as events, which each screen's kv sends to its presenters:
    ``on_pin_pad`` (five quick taps on the office's name) and ``on_lang_switch``."""

    __events__ = ("on_pin_pad", "on_lang_switch")

    def on_pin_pad(self) -> None:
        """The office wants its PIN pad."""

    def on_lang_switch(self) -> None:
        """The visitor switches the language."""
