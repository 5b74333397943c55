"""The satisfaction survey (SKM) and its index (IKM) per PermenPAN-RB No. 14/2017.

Nine elements (unsur), each answered 1-4. For each element the mean answer over the
respondents is its *nilai rata-rata* (NRR). The index is

    IKM = 25 x sum over the nine elements of (NRR x weight),  weight = 1/9 exactly.

The regulation writes the weight as 1/9 and then rounds it to 0.111 (some copies 0.11):
with 0.11 the best possible score is 4 x 9 x 0.11 x 25 = 99, not 100, and every office
scores a little lower than its answers say. We use the exact 1/9 (fractions, no floating
point) and say so in every result (``WEIGHTING``). The IKM is rounded half-up to two
decimals, as the regulation publishes it, and graded on that rounded value: the bands
(A from 88.31, B from 76.61, C from 65.00, D from 25.00) then leave no gap.

No HTTP, SQL or Kivy here: plain data and arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WEIGHT = Fraction(1, 9)
WEIGHTING = "1/9 per unsur (eksak, bukan 0,11) / 1/9 per element (exact, not 0.11)"
ANSWERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class SkmElement:
    number: int
    name: str
    name_en: str
    question: str
    answers: tuple[str, str, str, str]  # the wording of the answers 1, 2, 3 and 4


_ASK = "Bagaimana pendapat Saudara tentang "

# In the regulation's order of elements (complaints 8th, facilities 9th). The regulation's
# sample form asks facilities before complaints: answers are kept by element, not position.
ELEMENTS: tuple[SkmElement, ...] = (
    SkmElement(1, "Persyaratan", "Requirements",
               _ASK + "kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
               ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    SkmElement(2, "Sistem, Mekanisme, dan Prosedur", "Procedure",
               _ASK + "kemudahan prosedur pelayanan di unit ini?",
               ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    SkmElement(3, "Waktu Penyelesaian", "Completion time",
               _ASK + "kecepatan waktu dalam memberikan pelayanan?",
               ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    SkmElement(4, "Biaya/Tarif", "Cost",
               _ASK + "kewajaran biaya/tarif dalam pelayanan?",
               ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    SkmElement(5, "Produk Spesifikasi Jenis Pelayanan", "Service product",
               _ASK + "kesesuaian produk pelayanan antara yang tercantum dalam standar"
               " pelayanan dengan hasil yang diberikan?",
               ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    SkmElement(6, "Kompetensi Pelaksana", "Staff competence",
               _ASK + "kompetensi/kemampuan petugas dalam pelayanan?",
               ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    SkmElement(7, "Perilaku Pelaksana", "Staff conduct",
               _ASK + "perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
               ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
                "Sangat sopan dan ramah")),
    SkmElement(8, "Penanganan Pengaduan, Saran, dan Masukan", "Complaint handling",
               _ASK + "penanganan pengaduan pengguna layanan?",
               ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
                "Dikelola dengan baik")),
    SkmElement(9, "Sarana dan Prasarana", "Facilities",
               _ASK + "kualitas sarana dan prasarana?",
               ("Buruk", "Cukup", "Baik", "Sangat baik")),
)

# The four faces of the one-tap overall rating, worst first (answer 1 .. 4).
FACES: tuple[tuple[str, str], ...] = (
    ("Tidak puas", "Dissatisfied"),
    ("Kurang puas", "Somewhat dissatisfied"),
    ("Puas", "Satisfied"),
    ("Sangat puas", "Very satisfied"),
)


@dataclass(frozen=True)
class Grade:
    letter: str
    label: str  # Indonesian, as the regulation names it
    label_en: str
    lowest: Decimal  # the band's lower bound


GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat Baik", "Very good", Decimal("88.31")),
    Grade("B", "Baik", "Good", Decimal("76.61")),
    Grade("C", "Kurang Baik", "Poor", Decimal("65.00")),
    Grade("D", "Tidak Baik", "Very poor", Decimal("25.00")),
)


def grade(ikm: Decimal) -> Grade:
    """The band of an IKM (rounded to two decimals), by lower bounds: 88.31 is A, 88.30 B."""
    for band in GRADES:
        if ikm >= band.lowest:
            return band
    return GRADES[-1]


@dataclass(frozen=True)
class ElementScore:
    element: SkmElement
    mean: Fraction  # NRR: the element's mean answer, 1-4


@dataclass(frozen=True)
class SatisfactionIndex:
    """The IKM of a set of respondents; ``ikm`` is None when nobody answered the SKM."""

    respondents: int
    elements: tuple[ElementScore, ...]
    ikm: Decimal | None
    grade: Grade | None
    weighting: str = WEIGHTING


def _two_decimals(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def index_from_sums(respondents: int, sums: Sequence[int]) -> SatisfactionIndex:
    """The IKM from the number of respondents and the sum of each element's answers."""
    if len(sums) != len(ELEMENTS):
        raise ValueError(f"expected {len(ELEMENTS)} element sums, got {len(sums)}")
    if respondents == 0:
        return SatisfactionIndex(
            0, tuple(ElementScore(e, Fraction(0)) for e in ELEMENTS), None, None
        )
    means = [Fraction(total, respondents) for total in sums]
    ikm = _two_decimals(25 * sum((m * WEIGHT for m in means), Fraction(0)))
    return SatisfactionIndex(
        respondents,
        tuple(ElementScore(e, m) for e, m in zip(ELEMENTS, means, strict=True)),
        ikm,
        grade(ikm),
    )


def satisfaction_index(answers: Sequence[Sequence[int]]) -> SatisfactionIndex:
    """The IKM of respondents each given as nine answers 1-4, in element order."""
    sums = [0] * len(ELEMENTS)
    for respondent in answers:
        check_answers(respondent)
        for i, answer in enumerate(respondent):
            sums[i] += answer
    return index_from_sums(len(answers), sums)


def check_answers(answers: Sequence[int]) -> None:
    if len(answers) != len(ELEMENTS) or any(a not in ANSWERS for a in answers):
        raise ValueError(f"SKM answers must be {len(ELEMENTS)} values 1-4, got {answers!r}")
