"""SQLite reads for the office's reports: the visits of a range counted by ``GROUP BY``.

A month is thousands of tickets; SQLite counts them and hands back a few hundred groups and
two columns of minutes (for the medians), so no Python object is made per ticket. What
counts as what is ``shared.core.feedback.report_figures``' definition (``tally``); the report
tests hold
this module to it over the same seeded month.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.core.feedback.report_figures import CallCount, VisitTally
from shared.storage.sqlite.rows import Queries

# Minutes between two stored (UTC ISO) timestamps, to the millisecond.
MINUTES = "ROUND((julianday({end}) - julianday({start})) * 86400000) / 60000.0"
# The UTC quarter hour of a stored timestamp: "YYYY-MM-DDTHH:" and the quarter, 0-3.
_QUARTER = "substr(issued_at, 1, 14) || (substr(issued_at, 15, 2) / 15)"
_RANGE = "day BETWEEN ? AND ?"


class ReportQueries(Queries):
    """The reports' part of a SQLite transaction."""

    def visit_tally(self, first: date, last: date) -> VisitTally:
        span = (first.isoformat(), last.isoformat())
        run = self._db.execute
        per_service: dict[str, int] = {}
        no_shows = referrals = 0
        for service, tickets, missed, referred in run(
            "SELECT service, COUNT(*), SUM(status = 'no_show'),"  # pragma: no mutate
            " SUM(status = 'done' AND transferred_to IS NOT NULL)"  # pragma: no mutate
            f" FROM tickets WHERE {_RANGE} GROUP BY service", span,
        ):
            per_service[service] = tickets
            no_shows += missed
            referrals += referred
        per_day: dict[date, int] = {}
        per_quarter: dict[datetime, int] = {}
        for day, quarter, visitors in run(
            f"SELECT day, {_QUARTER}, COUNT(*) FROM tickets"
            f" WHERE {_RANGE} AND transferred_from IS NULL GROUP BY 1, 2", span,
        ):
            key = date.fromisoformat(day)
            per_day[key] = per_day.get(key, 0) + visitors
            start = datetime.fromisoformat(f"{quarter[:14]}{int(quarter[14:]) * 15:02d}"
                                           ).replace(tzinfo=UTC)
            per_quarter[start] = per_quarter.get(start, 0) + visitors
        per_purpose: dict[str | None, int] = {}
        per_occupation: dict[str | None, int] = {}
        for purpose, occupation, visitors in run(
            "SELECT g.purpose, g.occupation, COUNT(*) FROM tickets t"  # pragma: no mutate
            " LEFT JOIN guest_entries g ON g.id = t.guest_entry_id"  # pragma: no mutate
            " WHERE t.day BETWEEN ? AND ? AND t.transferred_from IS NULL"  # pragma: no mutate
            " GROUP BY 1, 2",  # pragma: no mutate
            span,
        ):
            per_purpose[purpose] = per_purpose.get(purpose, 0) + visitors
            per_occupation[occupation] = per_occupation.get(occupation, 0) + visitors
        wait = MINUTES.format(start="issued_at", end="called_at")
        served = MINUTES.format(start="called_at", end="finished_at")
        timed = run(
            f"SELECT {wait}, CASE WHEN status = 'done' THEN {served} END"
            f" FROM tickets WHERE {_RANGE} AND called_at IS NOT NULL", span,
        ).fetchall()
        waits = [row[0] for row in timed]
        service_times = [row[1] for row in timed if row[1] is not None]
        return VisitTally(per_service, per_day, per_quarter, per_purpose, per_occupation,
                          no_shows, referrals, waits, service_times)

    def call_counts(self, first: date, last: date) -> list[CallCount]:
        rows = self._db.execute(
            "SELECT desk, officer, COUNT(*) FROM calls"  # pragma: no mutate
            " WHERE day BETWEEN ? AND ? AND recall = 0"  # pragma: no mutate
            " GROUP BY desk, officer ORDER BY desk, officer",  # pragma: no mutate
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        return [CallCount(r[0], r[1], int(r[2])) for r in rows]
