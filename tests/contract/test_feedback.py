"""Ratings, complaints, the reports' counts and one visitor's data (``FeedbackTransaction``,
``FeedbackStore``): every store keeps them alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.feedback.report_figures import CallCount
from shared.core.ports.feedback import FeedbackStore, FeedbackTransaction
from shared.core.queue.model import Call, FollowUp, VisitNote
from shared.storage.sqlite.feedback import ERASED_TEXT, EXPIRED_TEXT
from tests.support import contract
from tests.support.contract import REFUSED, OfficeStore, OfficeTransaction, covers
from tests.support.contract_samples import MONDAY, NINE, SUNDAY, TUESDAY, at, guest, issue

store_backend, store = contract.store_backend, contract.store

SKM = (4, 3, 4, 2, 4, 4, 3, 4, 1)


def _rating(tx: OfficeTransaction, overall: int, day: date = MONDAY,
            skm: tuple[int, ...] | None = SKM, comment: str | None = "Ramah") -> Rating:
    visit = issue(tx, day=day)
    return tx.add_rating(Rating(visit.id or 0, day, at(30), overall, skm, comment, "kiosk"))


def _complaint(n: int, **changes: object) -> Complaint:
    made = Complaint(at(n), f"Antrian terlalu lama {n}", "kiosk",
                     contact_email=f"warga{n}@mail.id", contact_phone=f"0812000{n}")
    return replace(made, **changes)  # type: ignore[arg-type]


@covers(FeedbackTransaction.add_rating, FeedbackTransaction.rating_of)
def test_a_rating_reads_back_as_given_one_per_visit(store: OfficeStore) -> None:
    with store.transaction() as tx:
        full = _rating(tx, 4)
        plain = _rating(tx, 2, skm=None, comment=None)
    assert (full.id, plain.id) == (1, 2)
    with store.transaction() as tx:
        assert tx.rating_of(full.ticket_id) == full
        assert tx.rating_of(plain.ticket_id) == plain
        assert tx.rating_of(99) is None
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_rating(replace(full, id=None, overall=1))


@covers(FeedbackTransaction.ratings_between, FeedbackTransaction.skm_sums,
        FeedbackTransaction.face_counts)
def test_ratings_are_counted_by_the_day_of_the_visit(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tuesday = _rating(tx, 1, TUESDAY, skm=(1,) * 9)
        monday = _rating(tx, 4)
        monday_no_skm = _rating(tx, 4, skm=None)
        _rating(tx, 3, SUNDAY)
    with store.snapshot() as view:
        assert view.ratings_between(MONDAY, TUESDAY) == [monday, monday_no_skm, tuesday]
        assert view.skm_sums(MONDAY, TUESDAY) == (2, [a + 1 for a in SKM])
        assert view.skm_sums(TUESDAY + (TUESDAY - MONDAY), TUESDAY + (TUESDAY - MONDAY)) == (
            0, [0] * 9)
        assert view.face_counts(MONDAY, TUESDAY) == [1, 0, 0, 2]
        assert view.face_counts(SUNDAY, SUNDAY) == [0, 0, 1, 0]


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
        added = tx.add_complaint(_complaint(1, ticket_id=visit.id))
        anonymous = tx.add_complaint(_complaint(2, contact_email=None, contact_phone=None))
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
        c1, c2, c3, c4 = (tx.add_complaint(_complaint(n)) for n in range(1, 5))
        c2 = replace(c2, status=ComplaintStatus.IN_PROGRESS, updated_at=at(9), updated_by="a")
        tx.save_complaint(c2)
    with store.snapshot() as view:
        assert view.complaints(None, 10, 0) == [c4, c3, c2, c1]
        assert view.complaints(None, 2, 1) == [c3, c2]
        assert view.complaints(ComplaintStatus.NEW, 10, 0) == [c4, c3, c1]
        assert view.complaints(ComplaintStatus.CLOSED, 10, 0) == []
        assert view.complaint_counts() == {ComplaintStatus.NEW: 3,
                                           ComplaintStatus.IN_PROGRESS: 1}


@covers(FeedbackTransaction.visit_tally)
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


@covers(FeedbackTransaction.call_counts)
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


@covers(FeedbackTransaction.guests_by_hash, FeedbackTransaction.tickets_of_guests)
def test_one_visitors_entries_and_tickets_are_found(store: OfficeStore) -> None:
    with store.transaction() as tx:
        first = tx.add_guest(guest(1))
        tx.add_guest(guest(2))
        again = tx.add_guest(guest(1))
        t1 = issue(tx, guest_entry_id=first.id)
        issue(tx, guest_entry_id=2)
        t3 = issue(tx, "B", guest_entry_id=again.id)
        issue(tx)
    with store.transaction() as tx:
        assert tx.guests_by_hash("hash-1") == [first, again]
        assert tx.guests_by_hash("hash-9") == []
        assert tx.tickets_of_guests([first.id or 0, again.id or 0]) == [t1, t3]


@covers(FeedbackTransaction.ratings_of, FeedbackTransaction.complaints_of)
def test_one_visitors_ratings_and_complaints_are_found(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine = _rating(tx, 4)
        _rating(tx, 2)
        about_visit = tx.add_complaint(_complaint(1, ticket_id=mine.ticket_id,
                                                  contact_email=None, contact_phone=None))
        by_email = tx.add_complaint(_complaint(2))
        by_phone = tx.add_complaint(_complaint(3, contact_email=None, contact_phone="0813"))
        tx.add_complaint(_complaint(4))
    with store.transaction() as tx:
        assert tx.ratings_of([mine.ticket_id]) == [mine]
        assert tx.complaints_of([mine.ticket_id], ["warga2@mail.id", "0813"]) == [
            about_visit, by_email, by_phone]
        assert tx.complaints_of([], ["nobody@mail.id"]) == []


@covers(FeedbackTransaction.erase_guest)
def test_an_erased_entry_keeps_only_its_statistics(store: OfficeStore) -> None:
    with store.transaction() as tx:
        entry = tx.add_guest(guest(1))
    with store.transaction() as tx:
        tx.erase_guest(entry.id or 0, at(60))
    with store.transaction() as tx:
        assert tx.guest(entry.id or 0) == replace(
            entry, id_masked="", id_hash="", name="", email="", phone=None, institution=None
        )


@covers(FeedbackTransaction.erase_rating_comments)
def test_erasing_comments_keeps_the_scores(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine = _rating(tx, 4)
        silent = _rating(tx, 3, comment=None)
        other = _rating(tx, 1)
    with store.transaction() as tx:
        assert tx.erase_rating_comments([mine.ticket_id, silent.ticket_id]) == 1
    with store.transaction() as tx:
        assert tx.rating_of(mine.ticket_id) == replace(mine, comment=None)
        assert tx.rating_of(other.ticket_id) == other


@covers(FeedbackTransaction.erase_complaints)
def test_erasing_complaints_keeps_that_they_were_made(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine = tx.add_complaint(_complaint(1, reply="Terima kasih, Ibu Sitti",
                                           status=ComplaintStatus.CLOSED))
        other = tx.add_complaint(_complaint(2))
    with store.transaction() as tx:
        assert tx.erase_complaints([mine.id or 0, mine.id or 0, 99], at(60)) == 1
    with store.transaction() as tx:
        assert tx.complaint(mine.id or 0) == replace(
            mine, text=ERASED_TEXT, contact_email=None, contact_phone=None, reply=None)
        assert tx.complaint(other.id or 0) == other


@covers(FeedbackTransaction.visit_notes_of, FeedbackTransaction.erase_visit_notes_of)
def test_the_officers_notes_on_visits_are_found_and_erased(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine, open_one, other = (issue(tx).id or 0 for _ in range(3))
        tx.save_note(VisitNote(mine, "Ibu Sitti, NIK di KTP", "p", NINE))
        closed = tx.add_follow_up(FollowUp(mine, TUESDAY, "p", NINE, "Kirim ke Sitti"))
        tx.save_follow_up(replace(closed, closed_at=at(5), closed_by="p", closing_note="Sudah"))
        tx.add_follow_up(FollowUp(open_one, TUESDAY, "p", NINE, ""))
        tx.save_note(VisitNote(other, "Orang lain", "p", NINE))
    with store.transaction() as tx:
        assert sorted(tx.visit_notes_of([mine, open_one])) == sorted([
            (mine, "Ibu Sitti, NIK di KTP"), (mine, "Kirim ke Sitti"), (mine, "Sudah")])
        assert tx.erase_visit_notes_of([mine, open_one]) == 2
        assert tx.erase_visit_notes_of([mine, open_one]) == 0
    with store.transaction() as tx:
        assert tx.visit_notes_of([mine, open_one]) == []
        assert tx.visit_notes_of([other]) == [(other, "Orang lain")]
        assert tx.follow_ups_of([mine])[mine].closed_at == at(5)  # the follow-up stays


@covers(FeedbackTransaction.follow_up_counts)
def test_the_reports_count_open_and_overdue_follow_ups(store: OfficeStore) -> None:
    with store.transaction() as tx:
        for visit, due in ((issue(tx).id or 0, SUNDAY), (issue(tx).id or 0, TUESDAY)):
            tx.add_follow_up(FollowUp(visit, due, "p", NINE, "x"))
        assert tx.follow_up_counts(MONDAY) == (2, 1)


@covers(FeedbackTransaction.guests_created_before)
def test_guests_created_before_counts_what_the_purge_would_erase(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tx.add_guest(guest(1, created_at=at(0)))
        erased = tx.add_guest(guest(2, created_at=at(1)))
        tx.add_guest(guest(3, created_at=at(10)))
        tx.erase_guest(erased.id or 0, at(2))
    with store.transaction() as tx:
        assert tx.guests_created_before(at(10)) == 1
        assert tx.guests_created_before(at(11)) == 2


@covers(FeedbackTransaction.rating_comments_before,
        FeedbackTransaction.erase_rating_comments_before)
def test_old_ratings_lose_their_comment_and_keep_their_scores(store: OfficeStore) -> None:
    with store.transaction() as tx:
        old = tx.add_rating(Rating(issue(tx).id or 0, MONDAY, at(1), 4, SKM, "Ramah", "kiosk"))
        tx.add_rating(Rating(issue(tx).id or 0, MONDAY, at(2), 3, None, None, "kiosk"))
        new = tx.add_rating(Rating(issue(tx).id or 0, MONDAY, at(10), 2, None, "Lama", "phone"))
    with store.transaction() as tx:
        assert tx.rating_comments_before(at(10)) == 1
        assert tx.rating_comments_before(at(11)) == 2
        assert tx.erase_rating_comments_before(at(10)) == 1
    with store.transaction() as tx:
        assert tx.rating_of(old.ticket_id) == replace(old, comment=None)
        assert tx.rating_of(new.ticket_id) == new
        assert tx.rating_comments_before(at(10)) == 0
        assert tx.erase_rating_comments_before(at(10)) == 0


@covers(FeedbackTransaction.complaints_before, FeedbackTransaction.erase_complaints_before)
def test_old_complaints_lose_their_text_contact_and_reply(store: OfficeStore) -> None:
    with store.transaction() as tx:
        old = tx.add_complaint(_complaint(1, reply="Terima kasih, Ibu Sitti",
                                          status=ComplaintStatus.CLOSED, updated_at=at(5),
                                          updated_by="admin"))
        anonymous = tx.add_complaint(_complaint(2, contact_email=None, contact_phone=None))
        asked = tx.add_complaint(_complaint(3))
        new = tx.add_complaint(_complaint(10))
        tx.erase_complaints([asked.id or 0], at(4))  # erased on request before: not again
    with store.transaction() as tx:
        assert tx.complaints_before(at(10)) == 2
        assert tx.complaints_before(at(11)) == 3
        assert tx.erase_complaints_before(at(10), at(60)) == 2
    with store.transaction() as tx:
        assert tx.complaint(old.id or 0) == replace(
            old, text=EXPIRED_TEXT, contact_email=None, contact_phone=None, reply=None)
        assert tx.complaint(anonymous.id or 0) == replace(anonymous, text=EXPIRED_TEXT)
        assert tx.complaint(asked.id or 0) == replace(
            asked, text=ERASED_TEXT, contact_email=None, contact_phone=None)
        assert tx.complaint(new.id or 0) == new
        assert tx.complaints_before(at(10)) == 0
        assert tx.erase_complaints_before(at(10), at(61)) == 0
        assert tx.complaint_counts() == {ComplaintStatus.NEW: 3, ComplaintStatus.CLOSED: 1}


@covers(FeedbackTransaction.complaint_times)
def test_complaint_times_are_one_tickets_complaints_by_channel_oldest_first(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        mine, other = issue(tx).id, issue(tx).id
        for minute, ticket_id, channel in ((30, mine, "phone"), (10, mine, "phone"),
                                           (20, mine, "kiosk"), (5, mine, "phone"),
                                           (40, other, "phone"), (50, None, "phone")):
            tx.add_complaint(_complaint(minute, ticket_id=ticket_id, channel=channel))
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
        _rating(tx, 4)
        tx.add_complaint(_complaint(1))
        raise RuntimeError("the use case failed")
    with store.snapshot() as view:
        assert view.ticket(1) is None
        assert view.rating_of(1) is None
        assert view.complaint(1) is None
