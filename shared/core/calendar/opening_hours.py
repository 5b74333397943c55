"""The office's opening hours as a person reads them: ``Senin-Kamis 08.00-15.30``.

The kiosk lists the lines under "Jam layanan"; the display runs them in one sentence. Days in
a row with the same hours share a line; a day with a break names its ranges with "dan"/"and"
(a comma would read as one more day).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shared.core.calendar.words import day_name
from shared.core.settings import WEEKDAYS

__all__ = ["opening_hours_lines"]

_AND = {"id": " dan ", "en": " and "}


def opening_hours_lines(hours: Mapping[str, Sequence[str]], lang: str = "id") -> list[str]:
    """One line per run of days with the same hours, Monday first; closed days left out.

    ``hours`` maps a weekday (``"monday"``) to its ranges (``"08:00-15:30"``), as ``GET
    /office`` sends them.
    """
    joiner = _AND["en" if lang == "en" else "id"]
    lines: list[str] = []
    run_start: int | None = None
    for index in range(len(WEEKDAYS) + 1):
        text = _ranges(hours.get(WEEKDAYS[index]), joiner) if index < len(WEEKDAYS) else None
        previous = _ranges(hours.get(WEEKDAYS[index - 1]), joiner) if index > 0 else None
        if run_start is not None and text != previous:
            first, last = day_name(run_start, lang), day_name(index - 1, lang)
            days = first if run_start == index - 1 else f"{first}-{last}"
            lines.append(f"{days} {previous}")
            run_start = None
        if text and run_start is None:
            run_start = index
    return lines


def _ranges(ranges: Sequence[str] | None, joiner: str) -> str | None:
    if not ranges:
        return None
    return joiner.join(r.replace(":", ".").replace(" ", "") for r in ranges)
