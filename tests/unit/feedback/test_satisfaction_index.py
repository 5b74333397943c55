"""The IKM per PermenPAN-RB 14/2017: a hand-worked example and the grade boundaries."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from shared.core.feedback.satisfaction import ELEMENTS, grade, index_from_sums, satisfaction_index

# Four respondents, answers to elements 1..9 (1 = worst, 4 = best).
HAND_WORKED = [
    [4, 4, 3, 4, 3, 4, 4, 3, 3],
    [3, 3, 3, 4, 3, 3, 4, 3, 3],
    [4, 3, 3, 4, 4, 4, 4, 3, 4],
    [3, 3, 3, 4, 3, 3, 3, 3, 3],
]


def test_hand_worked_example() -> None:
    # Element sums 14 13 12 16 13 14 15 12 13, so the NRRs are
    # 3.5 3.25 3.0 4.0 3.25 3.5 3.75 3.0 3.25; they add up to 30.5.
    # IKM = 25 x 30.5 x 1/9 = 762.5 / 9 = 84.7222... -> 84.72: grade B, "Baik".
    # (With the regulation's rounded weight 0.11 it would be 30.5 x 0.11 x 25 = 83.88.)
    result = satisfaction_index(HAND_WORKED)
    assert result.respondents == 4
    assert [e.mean for e in result.elements] == [
        Fraction(7, 2), Fraction(13, 4), 3, 4, Fraction(13, 4), Fraction(7, 2),
        Fraction(15, 4), 3, Fraction(13, 4),
    ]
    assert result.ikm == Decimal("84.72")
    assert result.grade is not None
    assert (result.grade.letter, result.grade.label) == ("B", "Baik")
    assert "1/9" in result.weighting and "0,11" in result.weighting


def test_elements_follow_the_regulation_order() -> None:
    assert [e.number for e in ELEMENTS] == list(range(1, 10))
    assert ELEMENTS[7].name.startswith("Penanganan Pengaduan")
    assert ELEMENTS[8].name == "Sarana dan Prasarana"
    assert all(e.question.startswith("Bagaimana pendapat Saudara") for e in ELEMENTS)
    assert ELEMENTS[3].answers == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")


def test_every_answer_best_is_100_not_99() -> None:
    result = satisfaction_index([[4] * 9] * 3)
    assert result.ikm == Decimal("100.00")
    assert result.grade is not None and result.grade.letter == "A"


def test_every_answer_worst_is_25() -> None:
    result = satisfaction_index([[1] * 9])
    assert result.ikm == Decimal("25.00")
    assert result.grade is not None and result.grade.label == "Tidak Baik"


@pytest.mark.parametrize(("ikm", "letter", "label"), [
    ("88.31", "A", "Sangat Baik"), ("88.30", "B", "Baik"),
    ("76.61", "B", "Baik"), ("76.60", "C", "Kurang Baik"),
    ("65.00", "C", "Kurang Baik"), ("64.99", "D", "Tidak Baik"),
    ("100.00", "A", "Sangat Baik"), ("25.00", "D", "Tidak Baik"),
])
def test_grade_boundaries(ikm: str, letter: str, label: str) -> None:
    band = grade(Decimal(ikm))
    assert (band.letter, band.label) == (letter, label)


@pytest.mark.parametrize(("total", "ikm", "letter"), [
    # 100 respondents; the nine element sums add up to ``total``, so the NRRs add up to
    # total / 100 and IKM = 25 x total / 900, rounded half-up to two decimals.
    (3179, "88.31", "A"),  # 88.3055... -> 88.31
    (3178, "88.28", "B"),
    (2758, "76.61", "B"),  # 76.6111...
    (2757, "76.58", "C"),
])
def test_computed_scores_near_the_boundaries(total: int, ikm: str, letter: str) -> None:
    sums = [total // 9] * 9
    sums[0] += total - sum(sums)
    result = index_from_sums(100, sums)
    assert result.ikm == Decimal(ikm)
    assert result.grade is not None and result.grade.letter == letter


def test_exactly_65_is_c_and_a_little_less_is_d() -> None:
    # Five respondents answering 3, 3, 3, 2, 2 everywhere: every NRR is 2.6, IKM exactly 65.
    five = [[3] * 9, [3] * 9, [3] * 9, [2] * 9, [2] * 9]
    result = satisfaction_index(five)
    assert result.ikm == Decimal("65.00")
    assert result.grade is not None and result.grade.letter == "C"
    five[4] = [1] + [2] * 8  # one answer lower: NRRs add up to 23.2 -> 64.44
    lower = satisfaction_index(five)
    assert lower.ikm == Decimal("64.44")
    assert lower.grade is not None and lower.grade.letter == "D"


def test_nobody_answered_means_no_index() -> None:
    result = satisfaction_index([])
    assert result.respondents == 0 and result.ikm is None and result.grade is None


@pytest.mark.parametrize("bad", [[4] * 8, [4] * 10, [0] + [4] * 8, [5] + [4] * 8])
def test_answers_must_be_nine_values_1_to_4(bad: list[int]) -> None:
    with pytest.raises(ValueError):
        satisfaction_index([bad])
