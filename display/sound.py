"""The announcer's voice through Kivy: each announcement is rendered (clips joined into one
WAV) on a worker thread, then played on the main thread; ``done`` is called when it ends.

Kivy's SDL2 audio plays whatever the system's SDL audio driver gives it; the tests set
``SDL_AUDIODRIVER=disk`` so what was played lands in a file they can check.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import count
from pathlib import Path
from typing import Any

from kivy.clock import Clock
from kivy.core.audio import SoundLoader

from display.board import Announcement
from display.pcm import wav_bytes
from display.voice import ClipLibrary, announcement_words, render

__all__ = ["KivyVoice"]

log = logging.getLogger(__name__)


class KivyVoice:
    """A :class:`display.announcer.Player` that speaks through Kivy's audio."""

    def __init__(self, library: ClipLibrary, volume: float = 1.0, repeat: int = 1):
        self._library = library
        self._volume = volume
        self._repeat = repeat
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display-voice")
        self._folder = Path(tempfile.mkdtemp(prefix="pst-display-voice-"))
        self._serial = count(1)
        self._sound: Any = None  # the one playing: Kivy stops a sound nobody references
        # Called with each announcement as its sound starts (the benchmark listens here).
        self.on_start: Callable[[Announcement], None] | None = None

    def warm_up(self, desk_names: list[str]) -> None:
        """Read the clips and make the chime now, not at the first call."""

        def read() -> None:
            self._library.chime()
            for name in desk_names:
                missing = self._library.missing(announcement_words("K-1", name))
                if missing:
                    log.warning("display: no clip for %s; these words will be left out",
                                ", ".join(missing))

        self._worker.submit(read)

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        self._worker.submit(self._prepare, announcement, done)

    def _prepare(self, announcement: Announcement, done: Callable[[], None]) -> None:
        try:
            spoken = announcement_words(announcement.number, announcement.desk_name)
            pcm = render(spoken, self._library, repeat=self._repeat, skip_missing=True)
            path = self._folder / f"announcement-{next(self._serial)}.wav"
            path.write_bytes(wav_bytes(pcm))
            seconds = pcm.seconds
        except Exception:
            log.exception("display: cannot prepare the announcement of %s", announcement.number)
            Clock.schedule_once(lambda _dt: done())
            return
        Clock.schedule_once(lambda _dt: self._start(announcement, path, seconds, done))

    def _start(
        self, announcement: Announcement, path: Path, seconds: float, done: Callable[[], None]
    ) -> None:
        sound = SoundLoader.load(str(path))
        if sound is None:
            log.error("display: no audio output; %s not announced", announcement.number)
            path.unlink(missing_ok=True)
            done()
            return
        sound.volume = self._volume
        self._sound = sound
        finished = _Once(lambda: self._ended(sound, path, done))
        sound.bind(on_stop=lambda *_: finished())
        # If the audio output fails mid-way Kivy never says "stopped": the queue must not
        # wait for ever, so the announcement also ends a little after its length.
        Clock.schedule_once(lambda _dt: finished(), seconds + 5.0)
        log.info("display: announcing %s at desk %s", announcement.number, announcement.desk)
        sound.play()
        if self.on_start:
            self.on_start(announcement)

    def _ended(self, sound: Any, path: Path, done: Callable[[], None]) -> None:
        if self._sound is sound:
            self._sound = None
        sound.unload()
        path.unlink(missing_ok=True)
        done()

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
        if self._sound is not None:
            self._sound.stop()
        shutil.rmtree(self._folder, ignore_errors=True)


class _Once:
    """Calls ``action`` the first time it is called, never again."""

    def __init__(self, action: Callable[[], None]):
        self._action: Callable[[], None] | None = action

    def __call__(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()
