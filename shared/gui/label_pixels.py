"""Each label's pixels kept once, in its texture, for the kiosk and the display.

Kivy's SDL2 text provider draws a label into an SDL surface (RGBA, the label's full size),
copies the pixels out into the texture, and then keeps the surface for as long as the label
lives. Every label on screen is so held twice: in its texture and in a surface nothing reads
again (at the kiosk's ticket 8 MB of surfaces; docs/performance.md, kiosk). Here the
surface is let go as soon as its pixels have been copied out.
"""

from __future__ import annotations

from typing import Any

__all__ = ["free_label_surfaces"]


def free_label_surfaces() -> None:
    """Make Kivy's SDL2 label provider drop each surface once its pixels are copied out. Other
    text providers are left as they are."""
    from kivy.core.text import Label as CoreLabel

    render_end = getattr(CoreLabel, "_render_end", None)
    if render_end is None or getattr(render_end, "frees_surface", False):
        return
    if CoreLabel.__name__ != "LabelSDL2":
        return

    def _render_end(self: Any) -> Any:
        data = render_end(self)  # the pixels, copied out of the surface (ImageData)
        del self._surface
        return data

    _render_end.frees_surface = True  # type: ignore[attr-defined]
    CoreLabel._render_end = _render_end
