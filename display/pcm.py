"""Mono 16-bit PCM sound in memory: read any 16-bit WAV, join pieces, write one WAV.

Pure Python (``array`` and ``wave``): the display PC needs no audio library to build an
announcement. A clip recorded at another rate or in stereo is converted when read, so a person
can replace any clip with their own recording.
"""

from __future__ import annotations

import io
import wave
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Pcm", "RATE", "SoundFileError", "read_wav", "silence", "join", "wav_bytes"]

RATE = 16_000  # Hz: the rate of the committed clips and of every announcement
_MAX = 32767


class SoundFileError(Exception):
    """A sound file cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class Pcm:
    """Signed 16-bit mono samples at ``rate`` Hz."""

    samples: array  # type: ignore[type-arg]  # array('h')
    rate: int = RATE

    @property
    def frames(self) -> int:
        return len(self.samples)

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate

    def scaled(self, volume: float) -> Pcm:
        """The same sound at ``volume`` (0..1) of its loudness."""
        if volume >= 1.0:
            return self
        factor = max(0.0, volume)
        return Pcm(array("h", (int(s * factor) for s in self.samples)), self.rate)

    def peak(self) -> int:
        return max((abs(s) for s in self.samples), default=0)


def silence(seconds: float, rate: int = RATE) -> Pcm:
    return Pcm(array("h", bytes(2 * round(seconds * rate))), rate)


def join(parts: Iterable[Pcm], rate: int = RATE) -> Pcm:
    samples = array("h")
    for part in parts:
        if part.rate != rate:
            raise ValueError(f"cannot join a {part.rate} Hz piece into {rate} Hz")
        samples.extend(part.samples)
    return Pcm(samples, rate)


def read_wav(path: Path, rate: int = RATE) -> Pcm:
    """A 16-bit PCM WAV file as mono at ``rate`` Hz (stereo is mixed down, other rates
    resampled)."""
    try:
        with wave.open(str(path), "rb") as wav:
            width, channels, source_rate = (
                wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
            )
            raw = wav.readframes(wav.getnframes())
    except FileNotFoundError:
        raise
    except (wave.Error, EOFError) as exc:
        raise SoundFileError(f"{path}: not a PCM WAV file ({exc})") from exc
    if width != 2:
        raise SoundFileError(f"{path}: {8 * width}-bit samples; save it as 16-bit PCM")
    samples = array("h", raw)
    if channels > 1:
        samples = array(
            "h", (sum(samples[i:i + channels]) // channels
                  for i in range(0, len(samples), channels))
        )
    return Pcm(_resample(samples, source_rate, rate), rate)


def _resample(samples: array, source: int, target: int) -> array:  # type: ignore[type-arg]
    """Linear interpolation: plenty for speech clips converted once at start."""
    if source == target or not samples:
        return samples
    count = max(1, round(len(samples) * target / source))
    step = source / target
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    for i in range(count):
        position = i * step
        left = min(int(position), last)
        right = min(left + 1, last)
        fraction = position - left
        out[i] = int(samples[left] + (samples[right] - samples[left]) * fraction)
    return out


def wav_bytes(pcm: Pcm) -> bytes:
    """``pcm`` as a complete 16-bit mono WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(pcm.rate)
        wav.writeframes(pcm.samples.tobytes())
    return buffer.getvalue()


def clip_to_int16(value: float) -> int:
    return max(-_MAX, min(_MAX, int(value)))
