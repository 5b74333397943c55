"""The chime before each announcement, made here rather than taken from a sound library.

Two bell-like notes, high then low ("ding-dong"), each a few harmonics under an exponential
decay, with a short attack so nothing clicks.
"""

from __future__ import annotations

import math
from array import array

from display.pcm import RATE, Pcm, clip_to_int16

__all__ = ["chime"]

_NOTES = ((659.25, 0.0), (523.25, 0.55))  # E5 then C5, start in seconds
_HARMONICS = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))  # multiple, relative loudness
_LENGTH = 1.6  # seconds
_DECAY = 3.2  # 1/s
_ATTACK = 0.008  # seconds
_LOUDNESS = 0.45  # of full scale


def chime(rate: int = RATE) -> Pcm:
    total = round(_LENGTH * rate)
    norm = _LOUDNESS * 32767 / sum(weight for _, weight in _HARMONICS)
    samples = array("h", bytes(2 * total))
    for frequency, start in _NOTES:
        first = round(start * rate)
        for i in range(total - first):
            t = i / rate
            envelope = math.exp(-_DECAY * t) * min(1.0, t / _ATTACK)
            wave = sum(
                weight * math.sin(2 * math.pi * frequency * multiple * t)
                for multiple, weight in _HARMONICS
            )
            samples[first + i] = clip_to_int16(samples[first + i] + norm * envelope * wave)
    fade = round(0.05 * rate)  # end at zero
    for i in range(fade):
        samples[total - fade + i] = int(samples[total - fade + i] * (fade - i) / fade)
    return Pcm(samples, rate)
