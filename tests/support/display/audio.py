"""What the display played, as SDL's ``disk`` audio driver recorded it (raw signed 16-bit
stereo at 44.1 kHz, the format Kivy opens the mixer with), compared with the announcement
the voice module renders for the same call."""

from __future__ import annotations

import math
from array import array
from pathlib import Path

from display.board import Announcement
from display.voice import ClipLibrary, announcement_words, render

DEVICE_RATE = 44_100
WINDOW = 0.02  # seconds per loudness value
LOUD = 500  # a sample above this is sound, not silence


def recorded(path: Path) -> list[int]:
    """The recording as mono samples at DEVICE_RATE."""
    data = array("h", path.read_bytes()[: path.stat().st_size // 4 * 4])
    return [(data[i] + data[i + 1]) // 2 for i in range(0, len(data), 2)]


def envelope(samples: list[int] | array, rate: int) -> list[float]:  # type: ignore[type-arg]
    step = max(1, int(rate * WINDOW))
    return [math.sqrt(sum(s * s for s in samples[i:i + step]) / step)
            for i in range(0, len(samples) - step + 1, step)]


def correlation(a: list[float], b: list[float]) -> float:
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    mean_a, mean_b = sum(a) / n, sum(b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b))
    return cov / norm if norm else 0.0


def expected(call: Announcement) -> list[float]:
    pcm = render(announcement_words(call.number, call.desk_name), ClipLibrary())
    return envelope(pcm.samples, pcm.rate)


def match_in_order(path: Path, calls: list[Announcement]) -> list[float]:
    """For each call in turn: find where the next sound starts in the recording and how well
    its loudness over time matches that call's announcement (1.0 = the same shape)."""
    samples = recorded(path)
    scores = []
    position = 0
    for call in calls:
        start = next((i for i in range(position, len(samples)) if abs(samples[i]) > LOUD), None)
        if start is None:
            scores.append(0.0)
            continue
        shape = expected(call)
        length = len(shape) * int(DEVICE_RATE * WINDOW)
        heard = envelope(samples[start:start + length], DEVICE_RATE)
        scores.append(correlation(heard, shape))
        position = _after_quiet(samples, start + length - int(DEVICE_RATE * 0.3))
    return scores


def _after_quiet(samples: list[int], position: int, quiet: float = 0.1) -> int:
    """The first sample from ``position`` on that follows ``quiet`` seconds of silence."""
    needed = int(DEVICE_RATE * quiet)
    run = 0
    for i in range(position, len(samples)):
        run = run + 1 if abs(samples[i]) <= LOUD else 0
        if run >= needed:
            return i
    return len(samples)
