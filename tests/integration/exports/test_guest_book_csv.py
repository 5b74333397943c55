"""Spreadsheet formulas typed into the guest book stay text in the CSV export."""

from __future__ import annotations

import pytest

from shared.server.exports.guest_book_csv import safe_cell


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)",
                                   "\t=1", "=cmd|' /C calc'!A0"])
def test_a_formula_is_quoted(typed: str) -> None:
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Siti Aisyah", "+6281234567890", "081234567890", "",
                                   "Universitas Negeri Gorontalo", "7502********0001"])
def test_ordinary_text_and_phone_numbers_stay_as_typed(typed: str) -> None:
    assert safe_cell(typed) == typed
