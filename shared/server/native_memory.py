"""The C allocator's settings for the long-running server process (glibc only).

Measured in the soak (bench/bench_soak.py, docs/performance.md): the Python heap stays flat,
but with glibc's defaults the process grew ~2 MB a minute. Two defaults did it: every thread
of the server's pool gets its own malloc arena (up to 8 per core), each keeping the memory
its transient allocations freed; and the mmap threshold rises after each big block is freed,
so later big blocks (a day's ticket list, a response body) land in those arenas instead of
going back to the system. A fixed threshold and two arenas keep the server's size flat.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger("pst_antrian.server")

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
# Blocks of this size and more are mmap'ed and given back to the system when freed (glibc's
# starting value; setting it also stops glibc from raising it on its own).
MMAP_THRESHOLD_BYTES = 128 * 1024
ARENAS = 2


def tune_allocator() -> bool:
    """Apply the settings above; False where the C library is not glibc (nothing changes)."""
    if not sys.platform.startswith("linux"):
        return False
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    applied = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_ARENA_MAX, ARENAS))
    if not applied:
        log.warning("could not set the C allocator's limits; memory may grow over the day")
    return applied
