"""Indonesian number words, as a queue announcement says them.

The rules (domain.md section 6): 10 sepuluh, 11 sebelas, 12-19 "x belas", tens "x puluh",
100 seratus, 1000 seribu, 2000 dua ribu. "Se-" replaces "satu" before belas, puluh, ratus
and ribu: joining per-digit words naively would say "satu ratus", which nobody says.
Each returned word is one spoken unit with its own clip ("seratus", "dua", "puluh", ...).
"""

from __future__ import annotations

__all__ = ["number_words", "MAX_SPOKEN"]

MAX_SPOKEN = 999_999
_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def number_words(n: int) -> list[str]:
    """``n`` (0..999,999) as spoken words: 123 -> ["seratus", "dua", "puluh", "tiga"]."""
    if not 0 <= n <= MAX_SPOKEN:
        raise ValueError(f"{n} cannot be spoken: numbers go from 0 to {MAX_SPOKEN}")
    if n == 0:
        return ["nol"]
    return _up_to_million(n)


def _up_to_million(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands == 1:
        words.append("seribu")
    elif thousands > 1:
        words += _below_thousand(thousands) + ["ribu"]
    return words + _below_thousand(rest)


def _below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words: list[str] = []
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_DIGITS[hundreds], "ratus"]
    return words + _below_hundred(rest)


def _below_hundred(n: int) -> list[str]:
    if n == 0:
        return []
    if n < 10:
        return [_DIGITS[n]]
    if n == 10:
        return ["sepuluh"]
    if n == 11:
        return ["sebelas"]
    tens, ones = divmod(n, 10)
    if tens == 1:
        return [_DIGITS[ones], "belas"]
    return [_DIGITS[tens], "puluh"] + ([_DIGITS[ones]] if ones else [])
