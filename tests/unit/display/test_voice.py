"""From a call to the words, the clips and the one WAV the display plays."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest

from display import voice
from display.pcm import RATE, read_wav, wav_bytes
from display.voice import (
    DEFAULT_CLIP_DIR,
    ClipLibrary,
    MissingClip,
    TicketNumberError,
    announcement_words,
    render,
    vocabulary,
)


def words(number: str, desk: str) -> str:
    return " ".join(s.text for s in announcement_words(number, desk))


def clips(number: str, desk: str) -> list[str]:
    return [s.clip for s in announcement_words(number, desk)]


def test_the_sentence_of_a_call() -> None:
    assert words("K-123", "Meja Konsultasi 1") == (
        "nomor antrian ka seratus dua puluh tiga silakan menuju meja konsultasi satu"
    )
    assert clips("K-123", "Meja Konsultasi 1") == [
        "nomor-antrian", "huruf-k", "seratus", "dua", "puluh", "tiga", "silakan-menuju",
        "meja", "konsultasi", "satu",
    ]


@pytest.mark.parametrize(("number", "desk", "said"), [
    ("K-001", "Meja Konsultasi 2", "nomor antrian ka satu silakan menuju meja konsultasi dua"),
    ("K-012", "Meja Konsultasi 1",
     "nomor antrian ka dua belas silakan menuju meja konsultasi satu"),
    ("P-110", "Loket B", "nomor antrian pe seratus sepuluh silakan menuju loket be"),
    ("R-1000", "Ruang 11", "nomor antrian er seribu silakan menuju ruang sebelas"),
    ("j-010", "Meja 3", "nomor antrian je sepuluh silakan menuju meja tiga"),
])
def test_no_leading_zeros_and_letters_by_name(number: str, desk: str, said: str) -> None:
    assert words(number, desk) == said


@pytest.mark.parametrize("number", ["", "123", "K-", "K-12a", "KKKK-1", "K-1234567"])
def test_not_a_ticket_number(number: str) -> None:
    with pytest.raises(TicketNumberError, match="not a ticket number"):
        announcement_words(number, "Meja 1")


def test_every_clip_of_the_vocabulary_is_committed_small_and_mono() -> None:
    for clip in vocabulary(["Meja Konsultasi 1", "Meja Konsultasi 2"]):
        path = DEFAULT_CLIP_DIR / f"{clip}.wav"
        with wave.open(str(path), "rb") as wav:
            assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2), clip
            assert 16_000 <= wav.getframerate() <= 22_050, clip
            assert 0.15 < wav.getnframes() / wav.getframerate() < 1.6, clip
        assert read_wav(path).peak() > 3000, f"{clip} is silent"


def test_the_joined_wav_is_the_chime_then_the_clips_with_short_pauses(tmp_path: Path) -> None:
    library = ClipLibrary()
    spoken = announcement_words("K-123", "Meja Konsultasi 1")
    pcm = render(spoken, library)
    clip_frames = sum(library.clip(s.clip).frames for s in spoken)
    pauses = sum(round(s.pause_before * RATE) for s in spoken[1:])
    chime = library.chime().frames + round(voice._GAP_AFTER_CHIME * RATE)
    assert pcm.frames == chime + clip_frames + pauses
    data = wav_bytes(pcm)
    out = tmp_path / "k123.wav"
    out.write_bytes(data)
    with wave.open(str(out), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.getnframes() == pcm.frames
        samples = array("h", wav.readframes(wav.getnframes()))
    # sound all along: every clip's stretch of the file is loud somewhere
    start = chime
    for unit in spoken:
        if unit is not spoken[0]:
            start += round(unit.pause_before * RATE)
        length = library.clip(unit.clip).frames
        assert max(abs(s) for s in samples[start:start + length]) > 3000, unit.clip
        start += length


def test_said_twice_when_configured() -> None:
    library = ClipLibrary()
    spoken = announcement_words("K-5", "Meja 1")
    once, twice = render(spoken, library), render(spoken, library, repeat=2)
    sentence = once.frames - library.chime().frames - round(voice._GAP_AFTER_CHIME * RATE)
    assert twice.frames == once.frames + round(voice._GAP_REPEAT * RATE) + sentence


def test_a_recording_replaces_a_clip_whatever_its_rate_and_channels(tmp_path: Path) -> None:
    for source in DEFAULT_CLIP_DIR.glob("*.wav"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    # someone records "meja" on a phone: 44.1 kHz stereo, 0.5 s of a loud square wave
    with wave.open(str(tmp_path / "meja.wav"), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(44_100)
        wav.writeframes(array("h", [12000, 12000, -12000, -12000] * 11_025).tobytes())
    clip = ClipLibrary(tmp_path).clip("meja")
    assert clip.rate == RATE
    assert clip.frames == 8000
    assert clip.peak() == 12000


def test_a_missing_clip_is_named_or_skipped(tmp_path: Path) -> None:
    for source in DEFAULT_CLIP_DIR.glob("*.wav"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    spoken = announcement_words("K-1", "Pojok Baca 1")
    library = ClipLibrary(tmp_path)
    assert library.missing(spoken) == ["pojok", "baca"]
    with pytest.raises(MissingClip, match=r"pojok\.wav"):
        render(spoken, library)
    shorter = render(spoken, library, skip_missing=True)
    assert shorter.frames > library.chime().frames


def test_volume_scales_the_samples() -> None:
    pcm = render(announcement_words("K-1", "Meja 1"), ClipLibrary())
    assert pcm.scaled(0.5).peak() == pytest.approx(pcm.peak() / 2, abs=1)
    assert pcm.scaled(0.0).peak() == 0
