"""Waiting for a condition with a deadline, never sleeping a guessed time and then asserting."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(condition: Callable[[], bool], what: str, limit: float = 30.0,
               every: float = 0.01) -> None:
    """Return as soon as ``condition()`` holds; fail naming ``what`` after ``limit`` seconds
    (roomy: the limit only turns a hang into a failure on a loaded machine)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {limit:g} s for {what}")
        time.sleep(every)
