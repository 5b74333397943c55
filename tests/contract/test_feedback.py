"""Ratings and complaints (``FeedbackTransaction``, ``FeedbackStore``): every store keeps them
alike."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shared.core.feedback.complaints import ComplaintStatus
from shared.core.ports.feedback import FeedbackStore, FeedbackTransaction
from tests.contract.samples import MONDAY, SUNDAY, TUESDAY, at, complaint, issue, rating
from tests.support import contract
from tests.support.contract import REFUSED, OfficeStore, covers

backend, store = contract.backend, contract.store


@covers(FeedbackTransaction.add_rating, FeedbackTransaction.rating_of)
def test_a_rating_reads_back_as_given_one_per_visit(store: OfficeStore) -> None:
    with store.transaction() as tx:
        full = rating(tx, 4)
        plain = rating(tx, 2, skm=None, comment=None)
    assert (full.id, plain.id) == (1, 2)
    with store.transaction() as tx:
        assert tx.rating_of(full.ticket_id) == full
        assert tx.rating_of(plain.ticket_id) == plain
        assert tx.rating_of(99) is None
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_rating(replace(full, id=None, overall=1))


@covers(FeedbackTransaction.finished_tickets)
def test_finished_tickets_are_the_days_done_ones_latest_first(store: OfficeStore) -> None:
    with store.transaction() as tx:
        early = issue(tx).call("1", at(1)).finish(at(10))
        late = issue(tx).call("2", at(2)).finish(at(20))
        for done in (early, late):
            tx.save_ticket(done)
        tx.save_ticket(issue(tx).call("1", at(3)).no_show(at(30)))
        tx.save_ticket(issue(tx).call("1", at(4)))
        tx.save_ticket(issue(tx, day=TUESDAY).call("1", at(4)).finish(at(5)))
    with store.snapshot() as view:
        assert view.finished_tickets(MONDAY) == [late, early]
        assert view.finished_tickets(MONDAY, "1") == [early]
        assert view.finished_tickets(SUNDAY) == []


@covers(FeedbackTransaction.day_tickets)
def test_day_tickets_are_every_ticket_of_the_day_latest_issued_first(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        second = issue(tx, issued_at=at(5))
        first = issue(tx, issued_at=at(1))
        called = issue(tx, issued_at=at(9)).call("1", at(10))
        tx.save_ticket(called)
        issue(tx, day=TUESDAY)
    with store.snapshot() as view:
        assert view.day_tickets(MONDAY) == [called, second, first]


@covers(FeedbackTransaction.add_complaint, FeedbackTransaction.complaint,
        FeedbackTransaction.save_complaint)
def test_a_complaint_reads_back_and_saves_its_handling(store: OfficeStore) -> None:
    with store.transaction() as tx:
        visit = issue(tx)
        added = tx.add_complaint(complaint(1, ticket_id=visit.id))
        anonymous = tx.add_complaint(complaint(2, contact_email=None, contact_phone=None))
    assert (added.id, anonymous.id) == (1, 2)
    handled = replace(added, status=ComplaintStatus.CLOSED, reply="Maaf, sudah diperbaiki",
                      updated_at=at(60), updated_by="admin")
    with store.transaction() as tx:
        tx.save_complaint(replace(handled, text="changed", contact_email="other@mail.id"))
    with store.transaction() as tx:
        assert tx.complaint(1) == handled
        assert tx.complaint(2) == anonymous
        assert tx.complaint(3) is None


@covers(FeedbackTransaction.complaints, FeedbackTransaction.complaint_counts)
def test_complaints_are_listed_newest_first_and_counted_by_status(store: OfficeStore) -> None:
    with store.transaction() as tx:
        c1, c2, c3, c4 = (tx.add_complaint(complaint(n)) for n in range(1, 5))
        c2 = replace(c2, status=ComplaintStatus.IN_PROGRESS, updated_at=at(9), updated_by="a")
        tx.save_complaint(c2)
    with store.snapshot() as view:
        assert view.complaints(None, 10, 0) == [c4, c3, c2, c1]
        assert view.complaints(None, 2, 1) == [c3, c2]
        assert view.complaints(ComplaintStatus.NEW, 10, 0) == [c4, c3, c1]
        assert view.complaints(ComplaintStatus.CLOSED, 10, 0) == []
        assert view.complaint_counts() == {ComplaintStatus.NEW: 3,
                                           ComplaintStatus.IN_PROGRESS: 1}


@covers(FeedbackTransaction.complaint_times)
def test_complaint_times_are_one_tickets_complaints_by_channel_oldest_first(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        mine, other = issue(tx).id, issue(tx).id
        for minute, ticket_id, channel in ((30, mine, "phone"), (10, mine, "phone"),
                                           (20, mine, "kiosk"), (5, mine, "phone"),
                                           (40, other, "phone"), (50, None, "phone")):
            tx.add_complaint(complaint(minute, ticket_id=ticket_id, channel=channel))
        tx.erase_complaints([1], at(60))  # erased, still counted: it was sent
    with store.snapshot() as view:
        assert view.complaint_times(mine or 0, "phone", at(5)) == [at(10), at(30)]
        assert view.complaint_times(mine or 0, "phone", at(0)) == [at(5), at(10), at(30)]
        assert view.complaint_times(mine or 0, "kiosk", at(0)) == [at(20)]
        assert view.complaint_times(mine or 0, "phone", at(30)) == []
        assert view.complaint_times(99, "phone", at(0)) == []


@covers(FeedbackStore.transaction, FeedbackStore.snapshot)
def test_feedback_is_all_or_nothing_with_the_queue(store: OfficeStore) -> None:
    with pytest.raises(RuntimeError), store.transaction() as tx:
        rating(tx, 4)
        tx.add_complaint(complaint(1))
        raise RuntimeError("the use case failed")
    with store.snapshot() as view:
        assert view.ticket(1) is None
        assert view.rating_of(1) is None
        assert view.complaint(1) is None
