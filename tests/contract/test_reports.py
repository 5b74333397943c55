"""The counts and sums the office's reports read (``ReportReads``, ``ReportStore``): every
store counts alike."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.core.feedback.report_figures import CallCount
from shared.core.ports.reports import ReportReads, ReportStore
from shared.core.queue.model import Call, FollowUp
from tests.contract.samples import (
    MONDAY,
    NINE,
    SKM,
    SUNDAY,
    TUESDAY,
    at,
    guest,
    issue,
    rating,
)
from tests.support import contract
from tests.support.contract import OfficeStore, covers

backend, store = contract.backend, contract.store


@covers(ReportReads.ratings_between, ReportReads.skm_sums,
        ReportReads.face_counts)
def test_ratings_are_counted_by_the_day_of_the_visit(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tuesday = rating(tx, 1, TUESDAY, skm=(1,) * 9)
        monday = rating(tx, 4)
        monday_no_skm = rating(tx, 4, skm=None)
        rating(tx, 3, SUNDAY)
    with store.snapshot() as view:
        assert view.ratings_between(MONDAY, TUESDAY) == [monday, monday_no_skm, tuesday]
        assert view.skm_sums(MONDAY, TUESDAY) == (2, [a + 1 for a in SKM])
        assert view.skm_sums(TUESDAY + (TUESDAY - MONDAY), TUESDAY + (TUESDAY - MONDAY)) == (
            0, [0] * 9)
        assert view.face_counts(MONDAY, TUESDAY) == [1, 0, 0, 2]
        assert view.face_counts(SUNDAY, SUNDAY) == [0, 0, 1, 0]


@covers(ReportReads.visit_tally)
def test_the_visit_tally_counts_a_ranges_visits(store: OfficeStore) -> None:
    with store.transaction() as tx:
        student = tx.add_guest(guest(1))
        teacher = tx.add_guest(guest(2, occupation="Guru", purpose="Konsultasi"))
        referred = issue(tx, "A", guest_entry_id=student.id).call("1", at(5))
        onward = issue(tx, "B", issued_at=at(20), guest_entry_id=student.id,
                       transferred_from=referred.id)
        tx.save_ticket(referred.finish(at(20), transferred_to=onward.id))
        tx.save_ticket(onward.call("2", at(30)).finish(at(45)))
        tx.save_ticket(issue(tx, "A", issued_at=at(16), guest_entry_id=teacher.id)
                       .call("1", at(26)).no_show(at(31)))
        issue(tx, "A", issued_at=at(40))
        issue(tx, "A", SUNDAY)
    with store.snapshot() as view:
        tally = view.visit_tally(MONDAY, TUESDAY)
    nine = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    assert tally.per_service == {"A": 3, "B": 1}
    assert tally.per_day == {MONDAY: 3}
    assert tally.per_quarter_hour == {nine: 1, at(15, nine): 1, at(30, nine): 1}
    assert tally.per_purpose == {"Data kemiskinan Boalemo": 1, "Konsultasi": 1, None: 1}
    assert tally.per_occupation == {"Mahasiswa": 1, "Guru": 1, None: 1}
    assert (tally.no_shows, tally.referrals) == (1, 1)
    assert sorted(tally.waits) == [5.0, 10.0, 10.0]
    assert sorted(tally.service_times) == [15.0, 15.0]


@covers(ReportReads.call_counts)
def test_call_counts_are_first_calls_per_desk_and_officer(store: OfficeStore) -> None:
    with store.transaction() as tx:
        for day, desk, officer, recall in (
            (MONDAY, "1", "ani", False), (MONDAY, "1", "ani", False), (MONDAY, "1", "ani", True),
            (MONDAY, "1", "budi", False), (TUESDAY, "2", None, False), (SUNDAY, "2", "ani", False),
        ):
            visit = issue(tx, day=day)
            tx.add_call(Call(visit.id or 0, visit.number, "A", desk, NINE, recall, officer))
    with store.snapshot() as view:
        assert view.call_counts(MONDAY, TUESDAY) == [
            CallCount("1", "ani", 2), CallCount("1", "budi", 1), CallCount("2", None, 1),
        ]


@covers(ReportReads.follow_up_counts, ReportStore.snapshot)
def test_the_reports_count_open_and_overdue_follow_ups(store: OfficeStore) -> None:
    with store.transaction() as tx:
        for due in (SUNDAY, MONDAY, TUESDAY):
            tx.add_follow_up(FollowUp(issue(tx).id or 0, due, "p", NINE, "x"))
    with store.snapshot() as view:
        assert view.follow_up_counts(MONDAY) == (3, 1)  # due today is not overdue yet
        assert view.follow_up_counts(TUESDAY) == (3, 2)
