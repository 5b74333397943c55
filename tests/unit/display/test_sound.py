"""The voice's timing rules without Kivy: an announcement made ahead starts the moment it is
played; one whose audio output never reports the end is given up a little after its length, so
the queue goes on; the end is reported once. The real clips and WAV files; a fake Kivy Sound
and a fake Clock (the test runs what would run on the main thread)."""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from display.announcer import Announcer
from display.board import Announcement
from display.sound import END_GRACE_SECONDS, PAUSE_SECONDS, KivyVoice
from display.voice import ClipLibrary

K1 = Announcement("K-001", "1", "Meja Konsultasi 1", False)
K2 = Announcement("K-002", "2", "Meja Konsultasi 2", False)
LIVENESS = 20.0  # seconds a worker may take before the test gives up waiting (not a timing)


class FakeSound:
    """What the voice uses of a Kivy Sound; ``stop`` reports the end as Kivy does."""

    def __init__(self, path: str):
        self.path = Path(path)
        with wave.open(path, "rb") as wav:
            self.seconds = wav.getnframes() / wav.getframerate()
        self.volume = 1.0
        self.played = False
        self.unloaded = False
        self._on_stop: list[Callable[..., Any]] = []

    def bind(self, on_stop: Callable[..., Any]) -> None:
        self._on_stop.append(on_stop)

    def play(self) -> None:
        self.played = True

    def stop(self) -> None:
        for handler in self._on_stop:
            handler(self)

    def unload(self) -> None:
        self.unloaded = True


class MainThread:
    """Stands in for Kivy's Clock: keeps what is scheduled; the test runs it."""

    def __init__(self) -> None:
        self.scheduled: list[tuple[Callable[[float], None], float]] = []
        self._lock = threading.Lock()

    def schedule(self, action: Callable[[float], None], seconds: float) -> None:
        with self._lock:
            self.scheduled.append((action, seconds))

    def run_due(self, at_most: float) -> list[float]:
        """Runs what is scheduled within ``at_most`` seconds; their delays."""
        with self._lock:
            due = [s for s in self.scheduled if s[1] <= at_most]
            self.scheduled = [s for s in self.scheduled if s[1] > at_most]
        for action, _ in due:
            action(0.0)
        return [seconds for _, seconds in due]


def wait_until(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + LIVENESS
    while not check():
        assert time.monotonic() < deadline, "the voice's worker did not finish"
        time.sleep(0.01)


@pytest.fixture
def sounds() -> list[FakeSound]:
    return []


@pytest.fixture
def main() -> MainThread:
    return MainThread()


@pytest.fixture
def voice(sounds: list[FakeSound], main: MainThread) -> Iterator[KivyVoice]:
    def load(path: str) -> FakeSound:
        sounds.append(FakeSound(path))
        return sounds[-1]

    made = KivyVoice(ClipLibrary(), load=load, schedule=main.schedule)
    yield made
    made.close()


def start(main: MainThread) -> None:
    """Waits for the worker to hand the sound to the main thread, and starts it (after the
    pause that follows an announcement)."""
    wait_until(lambda: any(seconds <= PAUSE_SECONDS for _, seconds in main.scheduled))
    main.run_due(PAUSE_SECONDS)


def test_a_sound_that_never_reports_its_end_is_given_up_after_its_length_and_the_next_plays(
    voice: KivyVoice, sounds: list[FakeSound], main: MainThread
) -> None:
    announcer = Announcer(voice)
    announcer.announce([K1, K2])
    start(main)
    first = sounds[0]
    assert first.played and announcer.playing == K1 and announcer.waiting == 1
    # the audio output died: no "stopped" ever comes. What is left is the safeguard,
    # due a few seconds after the sound's own length
    [(_, due)] = main.scheduled
    assert due == pytest.approx(first.seconds + END_GRACE_SECONDS)
    assert first.seconds > 3  # a whole announcement, chime and words
    assert main.run_due(due) == [due]
    assert list(announcer.said) == [K1] and first.unloaded and not first.path.exists()
    # the queue goes on, after a short quiet
    wait_until(lambda: bool(main.scheduled))
    [(_, pause)] = main.scheduled
    assert 0 < pause <= PAUSE_SECONDS
    start(main)
    assert sounds[1].played and announcer.playing == K2


def test_a_sound_that_ends_ends_the_announcement_once(
    voice: KivyVoice, sounds: list[FakeSound], main: MainThread
) -> None:
    ended: list[Announcement] = []
    voice.play(K1, lambda: ended.append(K1))
    start(main)
    sounds[0].stop()
    assert ended == [K1] and sounds[0].unloaded
    main.run_due(60)  # the safeguard comes later and does nothing
    sounds[0].stop()
    assert ended == [K1]


def test_a_sound_made_ahead_starts_the_moment_the_call_is_announced(
    voice: KivyVoice, sounds: list[FakeSound], main: MainThread
) -> None:
    made = voice.prepare("K-001", "Meja Konsultasi 1", "call 1")
    assert made is not None
    # the same call in the next state is not made again
    assert voice.prepare("K-001", "Meja Konsultasi 1", "call 1") is None
    made.result(timeout=LIVENESS)  # what the follower's thread waits for
    started: list[Announcement] = []
    voice.on_start = started.append
    voice.play(K1, lambda: None)
    assert started == [K1] and sounds[0].played  # at once: nothing waited for the main thread
    assert len(sounds) == 1 and [s for _, s in main.scheduled if s == 0] == []


def test_sounds_made_ahead_and_never_announced_are_freed(
    voice: KivyVoice, sounds: list[FakeSound]
) -> None:
    for n in range(1, 7):
        voice.prepare(f"K-{n:03d}", "Meja Konsultasi 1", n)
    wait_until(lambda: len(sounds) == 6 and sum(s.unloaded for s in sounds) == 2)
    assert [s.unloaded for s in sounds] == [True, True, False, False, False, False]
    assert not sounds[0].path.exists() and sounds[5].path.exists()


def test_without_audio_output_the_announcement_ends_at_once(main: MainThread) -> None:
    voice = KivyVoice(ClipLibrary(), load=lambda _path: None, schedule=main.schedule)
    try:
        ended: list[Announcement] = []
        voice.play(K1, lambda: ended.append(K1))
        start(main)
        assert ended == [K1] and main.scheduled == []
    finally:
        voice.close()
