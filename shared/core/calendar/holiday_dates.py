"""Indonesian public holidays and cuti bersama of one year, from the ``holidays`` package.

The package's calendar tables (Islamic, Chinese, Hindu, Buddhist calendars) cost the process
about 10 MB that it never gives back, so the long-running server asks a short-lived child
process for the year's dates instead: ``python -m shared.core.calendar.holiday_dates 2026``
prints them as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date


def compute(year: int) -> dict[date, str]:
    """The year's holidays, computed in this process."""
    import holidays

    found = holidays.country_holidays(
        "ID", years=year, categories=(holidays.PUBLIC, holidays.GOVERNMENT), language="id"
    )
    return {day: str(name) for day, name in found.items()}


def fetch(year: int) -> dict[date, str]:
    """The year's holidays, computed in a child process (falls back to this process)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "shared.core.calendar.holiday_dates", str(year)],
            capture_output=True, text=True, timeout=60, check=True,
        )
        return {date.fromisoformat(k): v for k, v in json.loads(done.stdout).items()}
    except (OSError, subprocess.SubprocessError, ValueError):
        return compute(year)


def main() -> None:
    year = int(sys.argv[1])
    print(json.dumps({day.isoformat(): name for day, name in sorted(compute(year).items())}))


if __name__ == "__main__":
    main()
