"""The officers' records of a visit (``VisitTransaction``) and the console's reads
(``VisitReads``, ``DeskReads``): every store keeps them alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from shared.core.ports.reads import DeskReads, DeskReadStore, VisitReads
from shared.core.ports.visits import VisitStore, VisitTransaction
from shared.core.queue.model import FollowUp, VisitNote
from tests.contract.samples import MONDAY, NINE, SUNDAY, TUESDAY, WITA, at, guest, issue
from tests.support import contract
from tests.support.contract import REFUSED, OfficeStore, OfficeTransaction, covers

backend, store = contract.backend, contract.store


def _follow_up(ticket_id: int, due_in_days: int = 1, note: str = "Kirim tabel") -> FollowUp:
    return FollowUp(ticket_id, MONDAY + timedelta(days=due_in_days), "petugas1", NINE, note)


def _visits(tx: OfficeTransaction, n: int) -> list[int]:
    ids = [issue(tx).id for _ in range(n)]
    return [i for i in ids if i is not None]


@covers(VisitTransaction.save_note, VisitReads.notes)
def test_a_note_is_kept_per_visit_and_replaced_when_saved_again(store: OfficeStore) -> None:
    with store.transaction() as tx:
        one, two, three = _visits(tx, 3)
        tx.save_note(VisitNote(one, "Minta data BPS", "petugas1", at(1)))
        tx.save_note(VisitNote(two, "Konsultasi", "petugas2", at(2)))
    with store.transaction() as tx:
        tx.save_note(VisitNote(one, "Minta data BPS 2025", "petugas2", at(3)))
    with store.transaction() as tx:
        assert tx.notes([one]) == {one: VisitNote(one, "Minta data BPS 2025", "petugas2", at(3))}
        assert tx.notes([three]) == {}
        assert tx.notes([one, two, three]) == {
            one: VisitNote(one, "Minta data BPS 2025", "petugas2", at(3)),
            two: VisitNote(two, "Konsultasi", "petugas2", at(2)),
        }
        assert tx.notes([]) == {}


@covers(VisitTransaction.save_note)
def test_a_note_on_no_visit_is_refused(store: OfficeStore) -> None:
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.save_note(VisitNote(42, "?", "petugas1", NINE))


@covers(VisitTransaction.add_follow_up, VisitTransaction.follow_up)
def test_a_follow_up_reads_back_open_with_its_id(store: OfficeStore) -> None:
    with store.transaction() as tx:
        (visit,) = _visits(tx, 1)
        given = replace(_follow_up(visit), closed_at=at(5), closed_by="x", closing_note="y")
        added = tx.add_follow_up(given)
    assert added.id == 1
    with store.transaction() as tx:
        assert tx.follow_up(1) == replace(_follow_up(visit), id=1)
        assert tx.follow_up(2) is None


@covers(VisitTransaction.add_follow_up)
def test_one_follow_up_per_visit(store: OfficeStore) -> None:
    with store.transaction() as tx:
        (visit,) = _visits(tx, 1)
        tx.add_follow_up(_follow_up(visit))
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_follow_up(_follow_up(visit, note="again"))
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_follow_up(_follow_up(visit + 1))


@covers(VisitTransaction.save_follow_up)
def test_saving_a_follow_up_closes_it_and_changes_nothing_else(store: OfficeStore) -> None:
    with store.transaction() as tx:
        (visit,) = _visits(tx, 1)
        added = tx.add_follow_up(_follow_up(visit))
        closed = replace(added, closed_at=at(60), closed_by="petugas2", closing_note="Dikirim",
                         note="changed", due_on=TUESDAY + timedelta(days=5))
        tx.save_follow_up(closed)
    with store.transaction() as tx:
        assert tx.follow_up(added.id or 0) == replace(
            added, closed_at=at(60), closed_by="petugas2", closing_note="Dikirim"
        )


@covers(VisitReads.follow_ups_of, VisitReads.notes)
def test_follow_ups_of_visits_are_found_by_ticket(store: OfficeStore) -> None:
    with store.transaction() as tx:
        one, two, three = _visits(tx, 3)
        first = tx.add_follow_up(_follow_up(one))
        second = tx.add_follow_up(_follow_up(two, 2))
        tx.save_note(VisitNote(three, "Catatan", "petugas1", NINE))
    with store.snapshot() as view:
        assert view.follow_ups_of([one, two, three]) == {one: first, two: second}
        assert view.follow_ups_of([three]) == {}
        assert view.follow_ups_of([]) == {}
        assert view.notes([three]) == {three: VisitNote(three, "Catatan", "petugas1", NINE)}


@covers(VisitReads.ticket, VisitReads.guest, VisitStore.transaction, DeskReadStore.snapshot)
def test_the_console_reads_a_visits_ticket_and_guest_in_a_snapshot(store: OfficeStore) -> None:
    with store.transaction() as tx:
        entry = tx.add_guest(guest())
        visit = issue(tx, guest_entry_id=entry.id)
    with store.snapshot() as view:
        assert view.ticket(visit.id or 0) == visit
        assert view.guest(entry.id or 0) == entry
        assert view.ticket(99) is None and view.guest(99) is None


@covers(DeskReads.follow_ups)
def test_open_follow_ups_by_due_date_closed_ones_newest_first(store: OfficeStore) -> None:
    with store.transaction() as tx:
        one, two, three, four = _visits(tx, 4)
        later = tx.add_follow_up(_follow_up(one, 3))
        sooner = tx.add_follow_up(_follow_up(two, 1))
        closed_first = tx.add_follow_up(_follow_up(three, 1))
        closed_last = tx.add_follow_up(_follow_up(four, 1))
        closed_first = replace(closed_first, closed_at=at(10), closed_by="p", closing_note="a")
        closed_last = replace(closed_last, closed_at=at(20), closed_by="p", closing_note="b")
        tx.save_follow_up(closed_last)
        tx.save_follow_up(closed_first)
    with store.snapshot() as view:
        assert view.follow_ups(True, 10) == [sooner, later]
        assert view.follow_ups(True, 1) == [sooner]
        assert view.follow_ups(False, 10) == [closed_last, closed_first]


@covers(DeskReads.follow_up_counts)
def test_follow_up_counts_are_the_open_ones_and_those_overdue(store: OfficeStore) -> None:
    with store.transaction() as tx:
        one, two, three = _visits(tx, 3)
        tx.add_follow_up(_follow_up(one, 0))
        tx.add_follow_up(_follow_up(two, 2))
        done = tx.add_follow_up(_follow_up(three, 0))
        tx.save_follow_up(replace(done, closed_at=at(1), closed_by="p"))
    with store.snapshot() as view:
        assert view.follow_up_counts(MONDAY) == (2, 0)
        assert view.follow_up_counts(TUESDAY) == (2, 1)
        assert view.follow_up_counts(MONDAY + timedelta(days=3)) == (2, 2)


@covers(DeskReads.tickets_between)
def test_tickets_between_are_the_days_tickets_in_issue_order(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tuesday = issue(tx, day=TUESDAY)
        monday_b = issue(tx, "B")
        sunday = issue(tx, day=SUNDAY)
        monday_a = issue(tx, "A", issued_at=at(-5))
        issue(tx, day=TUESDAY + timedelta(days=1))
    with store.snapshot() as view:
        assert view.tickets_between(SUNDAY, TUESDAY) == [sunday, monday_b, monday_a, tuesday]
        assert view.tickets_between(MONDAY, MONDAY) == [monday_b, monday_a]


@covers(DeskReads.tickets_between)
def test_tickets_between_are_read_a_page_at_a_time(store: OfficeStore) -> None:
    """The guest book's pages: ``limit`` tickets from the ``offset``-th on, in issue order."""
    with store.transaction() as tx:
        tuesday = issue(tx, day=TUESDAY)
        sunday = issue(tx, day=SUNDAY)
        monday = [issue(tx) for _ in range(3)]
    every = [sunday, *monday, tuesday]
    with store.snapshot() as view:
        assert view.tickets_between(SUNDAY, TUESDAY, 2) == every[:2]
        assert view.tickets_between(SUNDAY, TUESDAY, 2, 2) == every[2:4]
        assert view.tickets_between(SUNDAY, TUESDAY, 2, 4) == [tuesday]
        assert view.tickets_between(SUNDAY, TUESDAY, 2, 5) == []
        assert view.tickets_between(SUNDAY, TUESDAY, None, 3) == every[3:]
        assert view.tickets_between(SUNDAY, TUESDAY, 0) == []
        assert view.tickets_between(MONDAY, MONDAY, 10, 1) == monday[1:]


@covers(DeskReads.waiting)
def test_the_console_reads_the_waiting_tickets(store: OfficeStore) -> None:
    with store.transaction() as tx:
        waiting = issue(tx)
        tx.save_ticket(issue(tx).call("1", at(1)))
    with store.snapshot() as view:
        assert view.waiting(["A"], MONDAY) == [waiting]


@covers(VisitTransaction.erase_visit_notes_before)
def test_notes_of_visits_before_the_cutoffs_day_are_erased(store: OfficeStore) -> None:
    with store.transaction() as tx:
        old = issue(tx, day=SUNDAY).id or 0
        new = issue(tx).id or 0
        for visit in (old, new):
            tx.save_note(VisitNote(visit, "Nama: Sitti", "petugas1", NINE))
            added = tx.add_follow_up(_follow_up(visit, note="Telepon Sitti"))
            tx.save_follow_up(replace(added, closed_at=at(5), closed_by="p",
                                      closing_note="Sitti puas"))
    with store.transaction() as tx:
        # Monday 00:30 WITA is still Sunday in UTC: the cutoff's day is its own (the office's).
        assert tx.erase_visit_notes_before(NINE.astimezone(WITA) - timedelta(hours=8, minutes=30)
                                           ) == 2
        assert tx.erase_visit_notes_before(NINE.astimezone(WITA)) == 0
    with store.transaction() as tx:
        assert tx.notes([old]) == {}
        follow_up = tx.follow_ups_of([old])[old]
        assert (follow_up.note, follow_up.closing_note) == ("", None)
        assert new in tx.notes([new])
        assert tx.follow_ups_of([new])[new].closing_note == "Sitti puas"
