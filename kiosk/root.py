"""The window's root: the screen manager with the overlays on top (see ``root.kv``)."""

from __future__ import annotations

from kivy.uix.floatlayout import FloatLayout


class KioskRoot(FloatLayout):
    """Overlays follow ``app.view`` through kv bindings; the screens draw themselves."""
