"""The office's figures over a range of days: the satisfaction index (IKM), the office
report and the SKM answers for the CSV export. Read on a snapshot: a report never waits for
a ticket being issued, nor makes one wait."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import FieldError, InvalidInput
from shared.core.feedback.ratings import Rating
from shared.core.feedback.report_figures import OfficeReport, office_report
from shared.core.feedback.satisfaction import SatisfactionIndex, index_from_sums
from shared.core.feedback.sentences import FEEDBACK_ERRORS
from shared.core.ports.reports import ReportStore

RANGE_MAX_DAYS = 3660  # ten years: the IKM of any period the office keeps


def check_range(first: date, last: date, max_days: int = RANGE_MAX_DAYS) -> None:
    if last < first:
        raise InvalidInput([FieldError.said("to", "range_reversed",
                                            words=FEEDBACK_ERRORS, last=last, first=first)])
    if (last - first).days + 1 > max_days:
        raise InvalidInput([FieldError.said("to", "range_too_long",
                                            words=FEEDBACK_ERRORS, days=max_days)])


class OfficeReports:
    def __init__(self, store: ReportStore, calendar: OfficeCalendar):
        self._store = store
        self._calendar = calendar

    def satisfaction(self, first: date, last: date) -> SatisfactionIndex:
        check_range(first, last)
        with self._store.snapshot() as tx:
            respondents, sums = tx.skm_sums(first, last)
        return index_from_sums(respondents, sums)

    def skm_answers(self, first: date, last: date) -> list[Rating]:
        """Every rating with the nine SKM answers, for the CSV export."""
        check_range(first, last)
        with self._store.snapshot() as tx:
            return [r for r in tx.ratings_between(first, last) if r.skm is not None]

    def report(self, first: date, last: date) -> OfficeReport:
        check_range(first, last, max_days=366)
        with self._store.snapshot() as tx:
            visits = tx.visit_tally(first, last)
            calls = tx.call_counts(first, last)
            faces = tx.face_counts(first, last)
            respondents, sums = tx.skm_sums(first, last)
            open_follow_ups, overdue = tx.follow_up_counts(self._calendar.today())
        report = office_report(first, last, visits, calls, faces,
                               index_from_sums(respondents, sums), self._calendar.zone)
        return replace(report, follow_ups_open=open_follow_ups, follow_ups_overdue=overdue)

    def month(self, year: int, month: int) -> tuple[date, date]:
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        return first, following - timedelta(days=1)
