"""What the office's reports (``shared.core.feedback.reports.OfficeReports``) need from
storage: counts and sums over a range of days, read on a snapshot."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

from shared.core.feedback.ratings import Rating
from shared.core.feedback.report_figures import CallCount, VisitTally


class ReportReads(Protocol):
    def ratings_between(self, first: date, last: date) -> list[Rating]:
        """Ratings of the visits of the days ``first`` to ``last``, oldest first."""
        ...
    def skm_sums(self, first: date, last: date) -> tuple[int, list[int]]:
        """(respondents, the sum of each element's answers) over ratings with an SKM."""
        ...
    def face_counts(self, first: date, last: date) -> list[int]:
        """How many ratings chose face 1, 2, 3 and 4."""
        ...
    def visit_tally(self, first: date, last: date) -> VisitTally:
        """The visits of the days ``first`` to ``last``, counted (``report_figures.tally``)."""
        ...
    def call_counts(self, first: date, last: date) -> list[CallCount]:
        """First calls (not recalls) per desk and officer."""
        ...
    def follow_up_counts(self, today: date) -> tuple[int, int]:
        """(open, overdue) follow-ups."""
        ...


class ReportStore(Protocol):
    def snapshot(self) -> AbstractContextManager[ReportReads]:
        """Read-only, never waits for a writer."""
        ...
