"""The announcer's voice through Kivy's audio.

An announcement's sound (the clips joined into one WAV, loaded into the audio mixer) is made on
a worker thread, and if possible before the main thread decides to say it: as each state
arrives, the follower's thread asks for the sound of its newest calls (:meth:`prepare`). When
the board then announces one, :meth:`play` starts it at once, before the board is laid out and
drawn. A sound not asked for ahead is made when it is played and starts as soon as it is ready.
``done`` is called (on the main thread) when the sound ends, or a little after its length if
the audio output never says so.

Kivy's SDL2 audio plays whatever the system's SDL audio driver gives it; the tests set
``SDL_AUDIODRIVER=disk`` so what was played lands in a file they can check.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

from display.board import Announcement
from display.pcm import wav_bytes
from display.voice import ClipLibrary, Spoken, announcement_words, render, vocabulary

__all__ = ["KivyVoice", "END_GRACE_SECONDS", "MIXER_RATE", "PAUSE_SECONDS"]

log = logging.getLogger(__name__)

END_GRACE_SECONDS = 5.0  # an announcement ends at the latest this long after its length
# Kivy's SDL2 audio mixes at 44.1 kHz. Clips resampled to it once (at start, on the worker) make
# sounds the mixer loads without converting: ~7 ms instead of ~60-160 ms for a 16 kHz sound.
MIXER_RATE = 44_100
PAUSE_SECONDS = 0.7  # quiet between two announcements, so listeners hear where one ends
READY_KEPT = 4  # sounds made ahead and not (yet) played, kept at most
ASKED_KEPT = 64  # calls whose sound was asked for ahead, remembered (not asked twice)

Schedule = Callable[[Callable[[float], None], float], Any]  # Kivy's Clock.schedule_once
Loader = Callable[[str], Any]  # Kivy's SoundLoader.load: a file -> a Sound, or None


@dataclass(frozen=True)
class _Made:
    sound: Any  # a Kivy Sound, None when there is no audio output
    path: Path
    seconds: float


class KivyVoice:
    """A :class:`display.announcer.Player` that speaks through Kivy's audio. ``load`` and
    ``schedule`` are Kivy's (``SoundLoader.load``, ``Clock.schedule_once``) unless given."""

    def __init__(self, library: ClipLibrary, volume: float = 1.0, repeat: int = 1, *,
                 load: Loader | None = None, schedule: Schedule | None = None):
        self._library = library
        self._volume = volume
        self._repeat = repeat
        self._load = load
        self._schedule = schedule
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display-voice")
        self._folder = Path(tempfile.mkdtemp(prefix="pst-display-voice-"))
        self._serial = count(1)
        self._lock = threading.Lock()
        self._made: OrderedDict[tuple[str, str], Future[_Made]] = OrderedDict()
        self._asked: OrderedDict[Hashable, None] = OrderedDict()
        self._sound: Any = None  # the one playing: Kivy stops a sound nobody references
        self._quiet_since = float("-inf")  # when the last announcement ended (monotonic)
        # Called with each announcement as its sound starts (the benchmark listens here).
        self.on_start: Callable[[Announcement], None] | None = None

    def warm_up(self, desk_names: list[str]) -> None:
        """Read (and convert) the clips and make the chime now, not at the first call."""

        def read() -> None:
            self._library.chime()
            self._library.missing(Spoken(text, clip) for clip, text in vocabulary().items())
            for name in desk_names:
                missing = self._library.missing(announcement_words("K-1", name))
                if missing:
                    log.warning("display: no clip for %s; these words will be left out",
                                ", ".join(missing))

        self._worker.submit(read)

    # --- ahead of time (any thread) ---------------------------------------------------------

    def prepare(self, number: str, desk_name: str, call: Hashable) -> Future[Any] | None:
        """Make the sound of ``number`` going to ``desk_name`` now, in case it is announced;
        ``call`` identifies the call (a call already asked for is not made again: None)."""
        with self._lock:
            if call in self._asked:
                return None
            self._asked[call] = None
            if len(self._asked) > ASKED_KEPT:
                self._asked.popitem(last=False)
            key = (number, desk_name)
            if key in self._made:
                return self._made[key]
            made = self._made[key] = self._worker.submit(self._make, key)
            while len(self._made) > READY_KEPT:
                _, unused = self._made.popitem(last=False)
                unused.add_done_callback(_discard)
            return made

    # --- the main thread --------------------------------------------------------------------

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        key = (announcement.number, announcement.desk_name)
        with self._lock:
            made = self._made.pop(key, None)
        if made is None:
            made = self._worker.submit(self._make, key)

        def begin(_dt: float) -> None:
            self._start(announcement, made, done)

        if not made.done():
            made.add_done_callback(lambda _f: self._later(begin, self._pause_left()))
        elif self._pause_left() > 0:
            self._later(begin, self._pause_left())
        else:
            begin(0)

    def _pause_left(self) -> float:
        return max(0.0, self._quiet_since + PAUSE_SECONDS - time.monotonic())

    def _make(self, key: tuple[str, str]) -> _Made:
        number, desk_name = key
        spoken = announcement_words(number, desk_name)
        pcm = render(spoken, self._library, repeat=self._repeat, skip_missing=True)
        path = self._folder / f"announcement-{next(self._serial)}.wav"
        path.write_bytes(wav_bytes(pcm))
        return _Made(self._loader()(str(path)), path, pcm.seconds)

    def _start(self, announcement: Announcement, made: Future[_Made],
               done: Callable[[], None]) -> None:
        try:
            result = made.result()
        except Exception:
            log.exception("display: cannot prepare the announcement of %s", announcement.number)
            done()
            return
        sound = result.sound
        if sound is None:
            log.error("display: no audio output; %s not announced", announcement.number)
            result.path.unlink(missing_ok=True)
            done()
            return
        sound.volume = self._volume
        self._sound = sound
        finished = _Once(lambda: self._ended(sound, result.path, done))
        sound.bind(on_stop=lambda *_: finished())
        # If the audio output fails mid-way Kivy never says "stopped": the queue must not
        # wait for ever, so the announcement also ends a little after its length.
        self._later(lambda _dt: finished(), result.seconds + END_GRACE_SECONDS)
        log.info("display: announcing %s at desk %s", announcement.number, announcement.desk)
        sound.play()
        if self.on_start:
            self.on_start(announcement)

    def _ended(self, sound: Any, path: Path, done: Callable[[], None]) -> None:
        if self._sound is sound:
            self._sound = None
        self._quiet_since = time.monotonic()
        sound.unload()
        path.unlink(missing_ok=True)
        done()

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
        if self._sound is not None:
            self._sound.stop()
        shutil.rmtree(self._folder, ignore_errors=True)

    # --- Kivy, unless the caller gave its own -------------------------------------------------

    def _loader(self) -> Loader:
        if self._load is None:
            from kivy.core.audio import SoundLoader

            self._load = SoundLoader.load
        return self._load

    def _later(self, action: Callable[[float], None], seconds: float) -> None:
        if self._schedule is None:
            from kivy.clock import Clock

            self._schedule = Clock.schedule_once
        self._schedule(action, seconds)


def _discard(made: Future[_Made]) -> None:
    """A sound made ahead and never announced: free it."""
    if made.cancelled() or made.exception() is not None:
        return
    result = made.result()
    if result.sound is not None:
        result.sound.unload()
    result.path.unlink(missing_ok=True)


class _Once:
    """Calls ``action`` the first time it is called, never again."""

    def __init__(self, action: Callable[[], None]):
        self._action: Callable[[], None] | None = action

    def __call__(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()
