"""The office's figures against a seeded month whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from shared.core.errors import InvalidInput
from shared.core.feedback.report_figures import (
    VisitTally,
    nearest_rank,
    office_report,
    quarter_hour,
    spread,
)
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.satisfaction import index_from_sums
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import QueueOffice
from tests.support.fakes import FakeClock
from tests.unit.feedback.seed import seed_december

DEC_1, DEC_31 = date(2026, 12, 1), date(2026, 12, 31)


def test_december_figures(office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports,
                          clock: FakeClock) -> None:
    seeded = seed_december(office, clock)
    for ticket, face, skm in ((seeded.v1, 4, [4] * 9), (seeded.v2, 3, [3] * 9),
                              (seeded.v4, 2, None), (seeded.november, 1, [1] * 9)):
        assert ticket.id is not None
        feedback.rate(ticket.id, face, skm, None, "kiosk", rating_code=ticket.rating_code)
    assert reports.month(2026, 12) == (DEC_1, DEC_31)
    report = reports.report(DEC_1, DEC_31)

    assert (report.tickets, report.visitors) == (6, 5)
    assert report.per_service == {"KONSULTASI": 5, "PERPUSTAKAAN": 1}
    assert report.per_purpose == [("Tugas Kuliah", 3), ("Komersial", 1), ("Pemerintahan", 1)]
    assert report.per_occupation[0] == ("Pelajar/Mahasiswa", 3)
    assert report.per_day == {date(2026, 12, 1): 3, date(2026, 12, 2): 2}
    assert report.per_hour == {9: 3, 10: 1, 13: 1}
    # waits 10, 25, 15, 5, 5 minutes: median 10, p90 (nearest rank 5 of 5) 25
    assert (report.waiting.count, report.waiting.median, report.waiting.p90) == (5, 10, 25)
    # service times 20, 10, 10, 30: median 15, p90 (rank 4 of 4) 30
    assert (report.service_time.count, report.service_time.median,
            report.service_time.p90) == (4, 15, 30)
    assert dict(report.waiting_bands) == {"0-5": 0, "5-10": 2, "10-15": 1, "15-30": 2,
                                          "30-60": 0, "60+": 0}
    assert report.calls_per_desk == {"1": 2, "2": 3}  # the recall is not a call
    assert report.calls_per_officer == {"petugas1": 2, "petugas2": 3}
    assert (report.no_shows, report.referrals) == (1, 1)
    assert report.faces == (0, 1, 1, 1) and report.ratings == 3
    assert report.satisfaction.respondents == 2
    assert str(report.satisfaction.ikm) == "87.50"  # every NRR 3.5: 25 x 3.5 = 87.5
    assert report.satisfaction.grade is not None
    assert report.satisfaction.grade.letter == "B"


def test_a_day_report_and_an_empty_range(office: QueueOffice, reports: OfficeReports,
                                         clock: FakeClock) -> None:
    seed_december(office, clock)
    day = reports.report(date(2026, 12, 2), date(2026, 12, 2))
    assert (day.tickets, day.visitors, day.no_shows, day.referrals) == (3, 2, 0, 1)
    empty = reports.report(date(2027, 1, 1), date(2027, 1, 31))
    assert empty.tickets == 0 and empty.waiting.median is None
    assert empty.satisfaction.ikm is None


def test_reversed_or_too_long_ranges_are_refused(reports: OfficeReports) -> None:
    with pytest.raises(InvalidInput) as reversed_range:
        reports.report(DEC_31, DEC_1)
    assert reversed_range.value.errors[0].code == "range_reversed"
    with pytest.raises(InvalidInput) as too_long:
        reports.report(date(2025, 1, 1), date(2026, 12, 31))
    assert too_long.value.errors[0].code == "range_too_long"
    assert reports.satisfaction(date(2020, 1, 1), DEC_31).respondents == 0


def test_percentiles_by_nearest_rank() -> None:
    assert nearest_rank(list(range(1, 11)), 0.9) == 9
    assert nearest_rank([7.0], 0.9) == 7.0
    assert nearest_rank([], 0.5) is None
    assert spread([1, 2, 3, 4]).median == 2.5


def test_visitors_per_hour_follow_the_office_zone_to_the_quarter_hour() -> None:
    """Storage counts visitors per UTC quarter hour; the report puts each quarter in the
    office's local hour, right even where the offset is not whole hours (India, +5:30)."""
    assert quarter_hour(datetime(2026, 12, 1, 3, 44, 59, tzinfo=UTC)) == datetime(
        2026, 12, 1, 3, 30, tzinfo=UTC)
    visits = VisitTally(
        per_service={"KONSULTASI": 3}, per_day={DEC_1: 3},
        per_quarter_hour={datetime(2026, 12, 1, 3, 15, tzinfo=UTC): 1,  # 08:45 in Kolkata
                          datetime(2026, 12, 1, 3, 30, tzinfo=UTC): 2},  # 09:00
        per_purpose={None: 3}, per_occupation={"Lainnya": 3},
        no_shows=0, referrals=0, waits=[], service_times=[])
    report = office_report(DEC_1, DEC_1, visits, [], [], index_from_sums(0, [0] * 9),
                           ZoneInfo("Asia/Kolkata"))
    assert report.per_hour == {8: 1, 9: 2}
    assert report.per_purpose == [("(terhapus / erased)", 3)]
    assert (report.tickets, report.visitors) == (3, 3)
