"""Redraws only the rows of the running text while nothing else on the board changes, on a PC
that draws in software (Mesa's llvmpipe: no graphics card).

Kivy redraws the whole window whenever anything in it changes. Drawn in software, a 1920x1080
board costs about 120-150 ms of CPU per frame here (docs/performance.md), so a text scrolling
30 times a second would need four CPU cores, and a call would wait for the frame being drawn.
Here a frame in which only the running text moved is drawn with the GL scissor set to the rows
the text covers (the whole width, about 50 of 1080 rows): the rest of the window keeps the
pixels of the frames before, and the frame costs a small fraction of a whole one.

That relies on the window's back buffer keeping what was drawn into it, which a software
renderer does (it copies the buffer to the screen). To be safe with any buffer swapping:
- after every change elsewhere, the next frame is drawn whole too (``SETTLE_FRAMES``), so the
  other buffer of a double-buffered window that swaps already holds the current board;
- before each partial frame a few pixels outside the rows are compared with the same pixels at
  the end of the last whole frame; if one differs (a driver that clears or loses the buffer),
  partial frames are switched off for good and every frame is drawn whole, as Kivy does.
With a graphics card (any other renderer) this is not used: whole frames are cheap there.

Kivy's own GL calls keep Python's GIL while Mesa draws, so during a whole frame (~100 ms of
drawing) no other Python thread runs: the follower cannot read the server's answer, the voice
cannot make a sound. Each frame therefore ends with ``glFinish`` of the GL library the process
already uses, called through ctypes, which lets the other threads run while Mesa draws.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from shared.gui.software_gl import finish_without_gil

__all__ = ["BandRedraw", "is_software_renderer"]

log = logging.getLogger(__name__)

SOFTWARE = ("llvmpipe", "softpipe", "swrast", "software rasterizer")
SETTLE_FRAMES = 1  # whole frames after the one that showed a change (covers double buffers)


def is_software_renderer(renderer: str) -> bool:
    return any(name in renderer.lower() for name in SOFTWARE)


class BandRedraw:
    """Installs itself as ``window``'s ``on_draw``; ``moving`` is the widget of ``root`` that
    may move on its own (the running text): a frame where only it changed redraws its rows."""

    def __init__(self, window: Any, root: Any, moving: Any):
        self._window = window
        self._root = root
        self._moving = moving
        self._rows = (0, 0)  # the rows the moving widget covered in the last frame
        self._draw_whole = window.on_draw
        self._settle = SETTLE_FRAMES
        self._size: tuple[int, int] | None = None
        self._probes: list[tuple[int, int]] = []
        self._probed: list[bytes] = []
        self.enabled = True
        self.whole_frames = 0
        self.band_frames = 0
        self.last_was_band = False  # the frame on screen redrew only the band
        self._finish = finish_without_gil()
        window.on_draw = self._on_draw

    def _on_draw(self, *args: Any) -> Any:
        size = (int(self._window.width), int(self._window.height))
        changed = size != self._size or self._changed_outside()
        if self.enabled and not changed and self._settle == 0 and self._buffer_kept():
            result = self._draw_band(*args)
            self._finish()
            return result
        result = self._draw_whole(*args)
        self._finish()
        self.whole_frames += 1
        self.last_was_band = False
        self._settle = SETTLE_FRAMES if changed else max(0, self._settle - 1)
        self._size = size
        self._rows = self._moving_rows()
        if self.enabled:
            self._probe()
        return result

    def draw_whole_next(self) -> None:
        """The next frame is drawn whole (and the one after it)."""
        self._size = None

    # --- what changed ---------------------------------------------------------------------

    def _changed_outside(self) -> bool:
        """Something but the moving widget waits to be drawn (read before drawing: a draw clears
        the marks). Kivy marks each changed canvas and its parents."""
        root = self._root
        if any(c.needs_redraw for c in self._window.canvas.children if c is not root.canvas):
            return True
        if root.canvas.before.needs_redraw or root.canvas.after.needs_redraw:
            return True
        moving = self._moving.canvas  # (kv ids are weak proxies: compare what they hold)
        return any(w.canvas.needs_redraw for w in root.children if w.canvas is not moving)

    # --- the buffer ---------------------------------------------------------------------------

    def _moving_rows(self) -> tuple[int, int]:
        """The window rows (bottom, top) the moving widget covers, a row of margin each side."""
        widget, height = self._moving, int(self._window.height)
        return (max(0, math.floor(float(widget.y)) - 1),
                min(height, math.ceil(float(widget.top)) + 1))

    def _probe(self) -> None:
        """Remember a few pixels away from the moving rows as this whole frame drew them."""
        width, height = self._size or (0, 0)
        bottom, top = self._rows
        self._probes = [(2, height - 2), (width // 2, (height + top) // 2),
                        (width - 3, min(height - 1, top + 2))]
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

        now = self._moving_rows()
        bottom, top = min(now[0], self._rows[0]), max(now[1], self._rows[1])  # old and new
        glEnable(GL_SCISSOR_TEST)
        glScissor(0, bottom, int(self._window.width), top - bottom)
        try:
            return self._draw_whole(*args)
        finally:
            glDisable(GL_SCISSOR_TEST)
            self._rows = now
            self.band_frames += 1
            self.last_was_band = True


def _pixel(x: int, y: int) -> bytes:
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels

    data: bytes = glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE)
    return data
