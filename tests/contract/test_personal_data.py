"""One visitor's data found and erased, and the retention purge (``PersonalDataTransaction``,
``PersonalDataStore``): every store finds and erases alike."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shared.core.feedback.complaints import ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.ports.personal_data import PersonalDataStore, PersonalDataTransaction
from shared.core.queue.model import FollowUp, VisitNote
from shared.storage.sqlite.feedback import ERASED_TEXT, EXPIRED_TEXT
from tests.contract.samples import MONDAY, NINE, SKM, TUESDAY, at, complaint, guest, issue, rating
from tests.support import contract
from tests.support.contract import OfficeStore, covers

backend, store = contract.backend, contract.store


@covers(PersonalDataTransaction.guests_by_hash, PersonalDataTransaction.tickets_of_guests)
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


@covers(PersonalDataTransaction.ratings_of, PersonalDataTransaction.complaints_of)
def test_one_visitors_ratings_and_complaints_are_found(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine = rating(tx, 4)
        rating(tx, 2)
        about_visit = tx.add_complaint(complaint(1, ticket_id=mine.ticket_id,
                                                  contact_email=None, contact_phone=None))
        by_email = tx.add_complaint(complaint(2))
        by_phone = tx.add_complaint(complaint(3, contact_email=None, contact_phone="0813"))
        tx.add_complaint(complaint(4))
    with store.transaction() as tx:
        assert tx.ratings_of([mine.ticket_id]) == [mine]
        assert tx.complaints_of([mine.ticket_id], ["warga2@mail.id", "0813"]) == [
            about_visit, by_email, by_phone]
        assert tx.complaints_of([], ["nobody@mail.id"]) == []


@covers(PersonalDataTransaction.erase_guest)
def test_an_erased_entry_keeps_only_its_statistics(store: OfficeStore) -> None:
    with store.transaction() as tx:
        entry = tx.add_guest(guest(1))
    with store.transaction() as tx:
        tx.erase_guest(entry.id or 0, at(60))
    with store.transaction() as tx:
        assert tx.guest(entry.id or 0) == replace(
            entry, id_masked="", id_hash="", name="", email="", phone=None, institution=None
        )


@covers(PersonalDataTransaction.erase_rating_comments)
def test_erasing_comments_keeps_the_scores(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine = rating(tx, 4)
        silent = rating(tx, 3, comment=None)
        other = rating(tx, 1)
    with store.transaction() as tx:
        assert tx.erase_rating_comments([mine.ticket_id, silent.ticket_id]) == 1
    with store.transaction() as tx:
        assert tx.rating_of(mine.ticket_id) == replace(mine, comment=None)
        assert tx.rating_of(other.ticket_id) == other


@covers(PersonalDataTransaction.erase_complaints)
def test_erasing_complaints_keeps_that_they_were_made(store: OfficeStore) -> None:
    with store.transaction() as tx:
        mine = tx.add_complaint(complaint(1, reply="Terima kasih, Ibu Sitti",
                                           status=ComplaintStatus.CLOSED))
        other = tx.add_complaint(complaint(2))
    with store.transaction() as tx:
        assert tx.erase_complaints([mine.id or 0, mine.id or 0, 99], at(60)) == 1
    with store.transaction() as tx:
        assert tx.complaint(mine.id or 0) == replace(
            mine, text=ERASED_TEXT, contact_email=None, contact_phone=None, reply=None)
        assert tx.complaint(other.id or 0) == other


@covers(PersonalDataTransaction.visit_notes_of, PersonalDataTransaction.erase_visit_notes_of)
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


@covers(PersonalDataTransaction.guests_created_before)
def test_guests_created_before_counts_what_the_purge_would_erase(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tx.add_guest(guest(1, created_at=at(0)))
        erased = tx.add_guest(guest(2, created_at=at(1)))
        tx.add_guest(guest(3, created_at=at(10)))
        tx.erase_guest(erased.id or 0, at(2))
    with store.transaction() as tx:
        assert tx.guests_created_before(at(10)) == 1
        assert tx.guests_created_before(at(11)) == 2


@covers(PersonalDataTransaction.rating_comments_before,
        PersonalDataTransaction.erase_rating_comments_before)
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


@covers(PersonalDataTransaction.complaints_before, PersonalDataTransaction.erase_complaints_before)
def test_old_complaints_lose_their_text_contact_and_reply(store: OfficeStore) -> None:
    with store.transaction() as tx:
        old = tx.add_complaint(complaint(1, reply="Terima kasih, Ibu Sitti",
                                          status=ComplaintStatus.CLOSED, updated_at=at(5),
                                          updated_by="admin"))
        anonymous = tx.add_complaint(complaint(2, contact_email=None, contact_phone=None))
        asked = tx.add_complaint(complaint(3))
        new = tx.add_complaint(complaint(10))
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


@covers(PersonalDataStore.transaction)
def test_an_erasure_that_fails_erases_nothing(store: OfficeStore) -> None:
    with store.transaction() as tx:
        entry = tx.add_guest(guest(1))
        mine = rating(tx, 4, comment="Saya Sitti")
        filed = tx.add_complaint(complaint(1, ticket_id=mine.ticket_id))
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.erase_guest(entry.id or 0, at(60))
        tx.erase_rating_comments([mine.ticket_id])
        tx.erase_complaints([filed.id or 0], at(60))
        raise RuntimeError("the erasure failed half-way")
    with store.snapshot() as view:
        assert view.guest(entry.id or 0) == entry
        assert view.rating_of(mine.ticket_id) == mine
        assert view.complaint(filed.id or 0) == filed
