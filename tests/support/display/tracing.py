"""Where the display's time goes, for ``bench/bench_display.py``: wraps a running
:class:`display.app.DisplayApp` (in the harness process) and records, per frame and per call,
wall times (``time.time``, comparable with the bench's) and CPU times (``time.thread_time`` of
the thread doing the work, ``time.process_time`` of the whole process, Mesa's threads included).
CPU times do not depend on what else the machine runs; wall times do.

Measurement only: nothing in the app depends on it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

FRAMES_KEPT = 12_000  # 20 timed calls take about 6,000 frames


class Tracer:
    def __init__(self, app: Any, window: Any):
        self.app = app
        # per frame: [wall start, wall end, main-thread CPU, process CPU, drawn (0/1),
        #             main-thread CPU of the draw call, wall of glFinish, whole (0/1)]
        self.frames: deque[list[float]] = deque(maxlen=FRAMES_KEPT)
        # per called number: stage -> wall time, and "<stage>_cpu" -> thread CPU seconds
        self.calls: dict[str, dict[str, float]] = {}
        self._drawn = 0
        self._draw_cpu = 0.0
        self._lock = threading.Lock()
        self._wrap_draw(window)
        self._wrap_app(app)

    # --- per frame ----------------------------------------------------------------------

    def _wrap_draw(self, window: Any) -> None:
        draw = window.on_draw

        def on_draw(*args: Any) -> Any:
            cpu = time.thread_time()
            result = draw(*args)
            self._draw_cpu += time.thread_time() - cpu
            self._drawn = 1
            return result

        window.on_draw = on_draw

    def frame(self, idle: Callable[[], None], finish: Callable[[], None]) -> None:
        wall, cpu, process = time.time(), time.thread_time(), time.process_time()
        self._drawn, self._draw_cpu = 0, 0.0
        redraw = getattr(self.app, "band_redraw", None)
        whole = redraw.whole_frames if redraw else 0
        idle()
        finishing = time.time()
        finish()
        end = time.time()
        self.frames.append([wall, end, time.thread_time() - cpu, time.process_time() - process,
                            self._drawn, self._draw_cpu, end - finishing,
                            (redraw.whole_frames - whole) if redraw else self._drawn])

    # --- per call -----------------------------------------------------------------------

    def _mark(self, number: str | None, stage: str, wall: float, cpu: float | None = None) -> None:
        if number is None:
            return
        with self._lock:
            record = self.calls.setdefault(number, {})
            if stage not in record:  # the first time only (a state can come twice)
                record[stage] = wall
                if cpu is not None:
                    record[stage + "_cpu"] = cpu

    def _wrap_app(self, app: Any) -> None:
        from display.follower import StateArrived

        def latest(event: Any) -> str | None:
            if isinstance(event, StateArrived) and event.state.calls:
                return str(event.state.calls[0].number)
            return None

        deliver = app.follower._deliver

        def delivered(event: Any) -> None:
            self._mark(latest(event), "delivered", time.time())
            deliver(event)

        app.follower._deliver = delivered

        apply = app.apply

        def applied(event: Any) -> None:
            wall, cpu = time.time(), time.thread_time()
            apply(event)
            self._mark(latest(event), "applied", wall, time.thread_time() - cpu)

        app.apply = applied
        voice = app.voice
        self._wrap_voice(voice, "_make", lambda key: key[0])
        self._wrap_voice(voice, "_start", lambda announcement: announcement.number)
        on_start = voice.on_start

        def started(announcement: Any) -> None:
            self._mark(announcement.number, "playing", time.time())
            if on_start:
                on_start(announcement)

        voice.on_start = started

    def _wrap_voice(self, voice: Any, name: str, number: Callable[[Any], str]) -> None:
        method = getattr(voice, name)

        def wrapped(first: Any, *args: Any) -> Any:
            wall, cpu = time.time(), time.thread_time()
            try:
                return method(first, *args)
            finally:
                self._mark(number(first), name.strip("_"), wall, time.thread_time() - cpu)

        setattr(voice, name, wrapped)

    def report(self) -> dict[str, Any]:
        with self._lock:
            calls = {k: dict(v) for k, v in self.calls.items()}
        return {"frames": list(self.frames), "calls": calls}
