"""Indonesian numbers as the announcement says them (domain.md section 6)."""

from __future__ import annotations

import pytest
from num2words import num2words

from display.spoken_numbers import number_words

EXPECTED = {
    0: "nol", 1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh",
    8: "delapan", 9: "sembilan", 10: "sepuluh", 11: "sebelas", 12: "dua belas",
    13: "tiga belas", 14: "empat belas", 15: "lima belas", 16: "enam belas",
    17: "tujuh belas", 18: "delapan belas", 19: "sembilan belas", 20: "dua puluh",
    99: "sembilan puluh sembilan", 100: "seratus", 101: "seratus satu",
    110: "seratus sepuluh", 111: "seratus sebelas", 115: "seratus lima belas",
    120: "seratus dua puluh", 199: "seratus sembilan puluh sembilan", 200: "dua ratus",
    999: "sembilan ratus sembilan puluh sembilan", 1000: "seribu", 1100: "seribu seratus",
    2000: "dua ribu", 11_000: "sebelas ribu", 100_000: "seratus ribu",
}


@pytest.mark.parametrize(("n", "words"), EXPECTED.items())
def test_the_rules(n: int, words: str) -> None:
    assert " ".join(number_words(n)) == words


def test_agrees_with_num2words_up_to_twenty_thousand() -> None:
    disagree = [n for n in range(20_001) if " ".join(number_words(n)) != num2words(n, lang="id")]
    assert disagree == []


def test_never_says_satu_before_a_unit() -> None:
    for n in range(2_000):
        text = " ".join(number_words(n))
        for unit in ("belas", "puluh", "ratus", "ribu"):
            assert f"satu {unit}" not in text, n


@pytest.mark.parametrize("n", [-1, 1_000_000])
def test_out_of_range_is_refused(n: int) -> None:
    with pytest.raises(ValueError, match="cannot be spoken"):
        number_words(n)
