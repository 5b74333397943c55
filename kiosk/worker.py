"""One background thread for the server and the printer, so the Kivy main thread never waits.

``submit(job, done)`` queues ``job``; its result (or the exception it raised) is handed to
``done`` through ``deliver``, which the app sets to "on the next Kivy frame"
(``Clock.schedule_once``). Jobs run one at a time, in order: the printer port is opened by one
caller at a time and a retried ticket never overtakes the first attempt.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger("pst_antrian.kiosk")

T = TypeVar("T")
_Item = tuple[Callable[[], Any], Callable[[Any], None]] | None


class Worker:
    def __init__(self, deliver: Callable[[Callable[[], None]], None]) -> None:
        self._deliver = deliver
        self._jobs: queue.Queue[_Item] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="kiosk-worker", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], T], done: Callable[[T | Exception], None]) -> None:
        self._jobs.put((job, done))

    def stop(self, timeout: float = 5.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, done = item
            try:
                result = job()
            except Exception as exc:  # handed to the presenter, which decides what to say
                result = exc
            self._deliver(functools.partial(done, result))
