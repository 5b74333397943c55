"""Waiting for the GL drawing without holding Python's GIL, for the kiosk and the display.

On a PC without a graphics driver, Mesa's llvmpipe draws a frame on its own threads after Kivy
has handed it over. Kivy's GL calls keep the GIL while they wait, so another Python thread (the
one talking to the server) could not run meanwhile; a ``glFinish`` through ctypes releases it.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from pathlib import Path

__all__ = ["finish_without_gil"]


def finish_without_gil() -> Callable[[], None]:
    """``glFinish`` of the libGL this process has loaded (Linux), through ctypes, which
    releases the GIL during the call; a no-op where there is none."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return lambda: None
    found = re.search(r"(/\S*/libGL\.so[.\d]*)$", maps, re.MULTILINE)
    if not found:
        return lambda: None
    try:
        finish: Callable[[], None] = ctypes.CDLL(found.group(1)).glFinish
    except (OSError, AttributeError):
        return lambda: None
    return finish
