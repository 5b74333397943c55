"""What an announcement says: the words, the clip behind each word, and the joined sound.

"K-123" at "Meja Konsultasi 1" says: nomor antrian · ka · seratus dua puluh tiga ·
silakan menuju · meja konsultasi satu. Every spoken unit is one WAV clip in the clip folder
(``assets/sounds/id``): fixed phrases, letter names, number units and the words of desk names.
A clip's name is its word, letters are ``huruf-<letter>``, phrases join words with ``-``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from display.chime import chime
from display.pcm import RATE, Pcm, SoundFileError, join, read_wav, silence
from display.spoken_numbers import number_words

__all__ = [
    "Spoken",
    "MissingClip",
    "ClipLibrary",
    "TicketNumberError",
    "announcement_words",
    "vocabulary",
    "render",
    "DEFAULT_CLIP_DIR",
]

DEFAULT_CLIP_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds" / "id"

# Indonesian names of the letters, as ticket letters are read out ("K" = "ka").
LETTER_NAMES = {
    "A": "a", "B": "be", "C": "ce", "D": "de", "E": "e", "F": "ef", "G": "ge", "H": "ha",
    "I": "i", "J": "je", "K": "ka", "L": "el", "M": "em", "N": "en", "O": "o", "P": "pe",
    "Q": "ki", "R": "er", "S": "es", "T": "te", "U": "u", "V": "ve", "W": "we", "X": "eks",
    "Y": "ye", "Z": "zet",
}
OPENING = "nomor antrian"
DIRECTION = "silakan menuju"
# Words offices commonly use in desk names, so renaming a desk rarely needs a new clip.
COMMON_DESK_WORDS = ("loket", "ruang", "meja", "konsultasi", "perpustakaan", "penjualan",
                     "produk", "statistik", "rekomendasi", "kegiatan", "pelayanan", "informasi")
_TICKET = re.compile(r"^\s*([A-Za-z]{1,3})\s*-?\s*(\d{1,6})\s*$")
_GAP_WORD = 0.06  # seconds between words
_GAP_PHRASE = 0.25  # between the parts of the sentence
_GAP_AFTER_CHIME = 0.2
_GAP_REPEAT = 0.8


class TicketNumberError(ValueError):
    """Not a ticket number like ``K-123``."""


@dataclass(frozen=True)
class Spoken:
    """One spoken unit: what is said, and the clip that says it."""

    text: str
    clip: str
    pause_before: float = _GAP_WORD


class MissingClip(Exception):
    def __init__(self, clip: str, folder: Path):
        self.clip = clip
        super().__init__(
            f"no sound for {clip!r}: add {folder / (clip + '.wav')} (a recording, or "
            "scripts/make-voice-clips --word ...)"
        )


def announcement_words(number: str, desk_name: str) -> list[Spoken]:
    """The sentence for ticket ``number`` going to ``desk_name``; no leading zeros spoken."""
    match = _TICKET.match(number)
    if not match:
        raise TicketNumberError(f"{number!r} is not a ticket number like K-123")
    letters, digits = match.groups()
    sentence = [_phrase(OPENING, _GAP_PHRASE)]
    sentence += [_letter(ch) for ch in letters.upper()]
    sentence += [Spoken(w, w) for w in number_words(int(digits))]
    sentence.append(_phrase(DIRECTION, _GAP_PHRASE))
    sentence += _name_words(desk_name)
    return sentence


def _phrase(text: str, pause: float) -> Spoken:
    return Spoken(text, text.replace(" ", "-"), pause)


def _letter(ch: str) -> Spoken:
    return Spoken(LETTER_NAMES[ch], f"huruf-{ch.lower()}")


def _name_words(name: str) -> list[Spoken]:
    """A desk name as words: "Meja Konsultasi 1" -> meja konsultasi satu; "Loket B" -> loket be."""
    spoken: list[Spoken] = []
    for token in re.findall(r"[A-Za-z]+|\d+", name):
        if token.isdigit():
            spoken += [Spoken(w, w) for w in number_words(int(token))]
        elif len(token) == 1 and token.isupper():
            spoken.append(_letter(token))
        else:
            spoken.append(Spoken(token.lower(), token.lower()))
    return spoken


def vocabulary(names: Iterable[str] = ()) -> dict[str, str]:
    """Every clip an office needs, clip name -> text to speak: the phrases, all letters, the
    number units, common desk words and the words of ``names`` (desk names)."""
    units = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
             "sembilan", "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus", "seribu",
             "ribu"]
    clips = {_phrase(p, 0).clip: p for p in (OPENING, DIRECTION)}
    clips.update({_letter(ch).clip: name for ch, name in LETTER_NAMES.items()})
    clips.update({u: u for u in units})
    clips.update({w: w for w in COMMON_DESK_WORDS})
    for name in names:
        clips.update({s.clip: s.text for s in _name_words(name)})
    return clips


class ClipLibrary:
    """The clips of one folder, read (and converted) once, kept in memory."""

    def __init__(self, folder: Path = DEFAULT_CLIP_DIR, rate: int = RATE):
        self.folder = folder
        self.rate = rate
        self._cache: dict[str, Pcm] = {}

    def clip(self, name: str) -> Pcm:
        if name not in self._cache:
            path = self.folder / f"{name}.wav"
            try:
                self._cache[name] = read_wav(path, self.rate)
            except FileNotFoundError:
                raise MissingClip(name, self.folder) from None
        return self._cache[name]

    def chime(self) -> Pcm:
        """``chime.wav`` from the folder when an office put one there, else the built-in one."""
        if "chime" not in self._cache:
            path = self.folder / "chime.wav"
            self._cache["chime"] = read_wav(path, self.rate) if path.exists() else chime(self.rate)
        return self._cache["chime"]

    def missing(self, spoken: Iterable[Spoken]) -> list[str]:
        result = []
        for s in spoken:
            try:
                self.clip(s.clip)
            except (MissingClip, SoundFileError):
                result.append(s.clip)
        return result


def render(
    spoken: list[Spoken], library: ClipLibrary, *, repeat: int = 1, skip_missing: bool = False
) -> Pcm:
    """The chime, then the sentence (``repeat`` times) as one sound.

    A missing clip raises :class:`MissingClip`, or with ``skip_missing`` leaves that word out
    (the display keeps announcing the rest rather than falling silent)."""
    rate = library.rate
    sentence: list[Pcm] = []
    for unit in spoken:
        try:
            clip = library.clip(unit.clip)
        except MissingClip:
            if not skip_missing:
                raise
            continue
        if sentence:
            sentence.append(silence(unit.pause_before, rate))
        sentence.append(clip)
    parts = [library.chime(), silence(_GAP_AFTER_CHIME, rate)]
    for i in range(max(1, repeat)):
        if i:
            parts.append(silence(_GAP_REPEAT, rate))
        parts += sentence
    return join(parts, rate)
