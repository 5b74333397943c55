"""The window's root: the screen manager with the overlays on top (see ``root.kv``)."""

from __future__ import annotations

from typing import Any

from kivy.uix.floatlayout import FloatLayout

from .presenters import KioskFlow
from .presenters.admin_pin import AdminPinPresenter
from .presenters.kernel import Kernel
from .widgets.overlay import Overlay


class KioskRoot(FloatLayout):
    """Overlays follow ``app.view`` through kv bindings; the screens draw themselves. Their
    taps go to the presenters the app gives the root (``give``), never to the App.

    A hidden overlay is taken out of the window, not just made transparent: Kivy still draws
    a widget whose opacity is 0, and Mesa's software renderer then blends every one of its
    full-window layers into each frame (with the three overlays a 1080x1920 frame cost ~300 ms
    of CPU instead of ~100 ms; docs/performance.md, kiosk). An overlay with a ``delay``
    appears late, but holds the screen's buttons off from the moment it is shown."""

    def on_kv_post(self, base_widget: Any) -> None:
        # bottom to top, as root.kv lists them
        self._overlays = [w for w in reversed(self.children) if isinstance(w, Overlay)]
        for overlay in self._overlays:
            overlay.bind(visible=self._place_overlays)
        self._place_overlays()

    def give(self, flow: KioskFlow) -> None:
        """Keep the presenters the overlays' taps go to (root.kv calls them on ``root``): the
        kernel (the idle countdown's "Lanjutkan") and the office's PIN pad."""
        self.kernel: Kernel = flow
        self.admin: AdminPinPresenter = flow.admin

    def holding(self) -> bool:
        """An overlay has been asked for but is not up yet (its ``delay``)."""
        return any(o.shown and not o.visible for o in self._overlays)

    def on_touch_down(self, touch: Any) -> bool:
        if self.holding():
            return True  # an overlay about to appear already holds the screen's buttons
        result: bool = super().on_touch_down(touch)
        return result

    def _place_overlays(self, *_: Any) -> None:
        for overlay in self._overlays:
            if overlay.parent is self:
                self.remove_widget(overlay)
        for overlay in self._overlays:
            if overlay.visible:
                self.add_widget(overlay)  # on top of what is already there
