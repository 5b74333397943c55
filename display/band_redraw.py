"""Redraws only the running text's band while nothing else on the board changes, on a PC that
draws in software (Mesa's llvmpipe: no graphics card).

Kivy redraws the whole window whenever anything in it changes. Drawn in software, a 1920x1080
board costs about 150 ms of CPU per frame (measured here, see docs/performance.md), so a text
scrolling 30 times a second would need more than four CPU cores, and the board would answer a
call only after the frame being drawn. Here a frame in which only the running text moved is
drawn with the GL scissor set to the band along the bottom: the rest of the window keeps the
pixels of the frames before, and the frame costs a small fraction of a full one.

That relies on the window's back buffer keeping what was drawn into it, which a software
renderer does (it copies the buffer to the screen). To be safe with any buffer swapping:
- after every change outside the band, the next frame is drawn whole too (``SETTLE_FRAMES``),
  so the other buffer of a double-buffered window that swaps already holds the current board;
- before each partial frame a few pixels outside the band are compared with the same pixels at
  the end of the last whole frame; if one differs (a driver that clears or loses the buffer),
  partial frames are switched off for good and every frame is drawn whole, as Kivy does.
With a graphics card (any other renderer) nothing changes: whole frames are cheap there.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Any

__all__ = ["BandRedraw", "is_software_renderer"]

log = logging.getLogger(__name__)

SOFTWARE = ("llvmpipe", "softpipe", "swrast", "software rasterizer")
SETTLE_FRAMES = 1  # whole frames after the one that showed a change (covers double buffers)


def is_software_renderer(renderer: str) -> bool:
    return any(name in renderer.lower() for name in SOFTWARE)


class BandRedraw:
    """Installs itself as ``window``'s ``on_draw``. ``band`` are the widgets inside the band
    along the bottom of ``root`` (the running text and its background); the band reaches up to
    the top of the first one."""

    def __init__(self, window: Any, root: Any, band: Sequence[Any]):
        self._window = window
        self._root = root
        self._band = list(band)
        self._draw_whole = window.on_draw
        self._settle = SETTLE_FRAMES
        self._size: tuple[int, int] | None = None
        self._probes: list[tuple[int, int]] = []
        self._probed: list[bytes] = []
        self.enabled = True
        self.whole_frames = 0
        self.band_frames = 0
        self.last_was_band = False  # the frame on screen redrew only the band
        window.on_draw = self._on_draw

    def _on_draw(self, *args: Any) -> Any:
        size = (int(self._window.width), int(self._window.height))
        changed = size != self._size or self._changed_outside()
        if self.enabled and not changed and self._settle == 0 and self._buffer_kept():
            return self._draw_band(*args)
        result = self._draw_whole(*args)
        self.whole_frames += 1
        self.last_was_band = False
        self._settle = SETTLE_FRAMES if changed else max(0, self._settle - 1)
        self._size = size
        if self.enabled:
            self._probe()
        return result

    def draw_whole_next(self) -> None:
        """The next frame is drawn whole (and the one after it)."""
        self._size = None

    # --- what changed ---------------------------------------------------------------------

    def _changed_outside(self) -> bool:
        """Something outside the band waits to be drawn (read before drawing: a draw clears
        the marks). Kivy marks each changed canvas and its parents."""
        root = self._root
        if any(c.needs_redraw for c in self._window.canvas.children if c is not root.canvas):
            return True
        if root.canvas.before.needs_redraw or root.canvas.after.needs_redraw:
            return True
        return any(w.canvas.needs_redraw for w in root.children if w not in self._band)

    # --- the buffer ---------------------------------------------------------------------------

    def _band_height(self) -> int:
        return min(int(self._window.height), math.ceil(float(self._band[0].top)) + 1)

    def _probe(self) -> None:
        """Remember a few pixels outside the band as this whole frame drew them."""
        width, height = self._size or (0, 0)
        band = self._band_height()
        self._probes = [(2, height - 2), (width // 2, (height + band) // 2),
                        (width - 3, band + 2)]
        self._probed = [_pixel(x, y) for x, y in self._probes]

    def _buffer_kept(self) -> bool:
        if not self._probed:
            return False
        if [_pixel(x, y) for x, y in self._probes] == self._probed:
            return True
        log.warning("display: the window does not keep what was drawn; drawing every frame "
                    "whole (the running text costs more CPU)")
        self.enabled = False
        return False

    def _draw_band(self, *args: Any) -> Any:
        from kivy.graphics.opengl import GL_SCISSOR_TEST, glDisable, glEnable, glScissor

        glEnable(GL_SCISSOR_TEST)
        glScissor(0, 0, int(self._window.width), self._band_height())
        try:
            return self._draw_whole(*args)
        finally:
            glDisable(GL_SCISSOR_TEST)
            self.band_frames += 1
            self.last_was_band = True


def _pixel(x: int, y: int) -> bytes:
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels

    data: bytes = glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE)
    return data
