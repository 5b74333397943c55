"""The SKM answers as CSV: one row per respondent, the nine elements as columns.

Columns: respondent number, the visit's date, the face tapped (1-4), then U1..U9 named by
element (``U1 Persyaratan``, ...). Comments are left out: they are free text and may name
people; the admin reads them in the console.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from shared.core.feedback.ratings import Rating
from shared.core.feedback.satisfaction import ELEMENTS

HEADER = ["responden", "tanggal_kunjungan", "kepuasan_umum",
          *(f"U{e.number} {e.name}" for e in ELEMENTS)]


def skm_csv(ratings: Sequence[Rating]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, rating in enumerate((r for r in ratings if r.skm is not None), start=1):
        assert rating.skm is not None
        writer.writerow([number, rating.day.isoformat(), rating.overall, *rating.skm])
    return buffer.getvalue()
