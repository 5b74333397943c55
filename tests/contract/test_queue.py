"""The queue's port (``QueueTransaction``, ``QueueStore``): every store keeps it alike."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shared.core.ports.feedback import FeedbackTransaction
from shared.core.ports.personal_data import PersonalDataTransaction
from shared.core.ports.queue import QueueStore, QueueTransaction
from shared.core.ports.reads import DeskReads, QueueReads, VisitReads
from shared.core.ports.visits import VisitTransaction
from shared.core.queue.model import Call
from tests.contract.samples import MONDAY, NINE, SUNDAY, TUESDAY, at, guest, issue, ticket
from tests.support import contract
from tests.support.contract import CLOSED, REFUSED, OfficeStore, covers

backend, store = contract.backend, contract.store


@covers(QueueTransaction.add_guest, QueueTransaction.guest)
def test_a_guest_entry_reads_back_as_written_with_ids_from_one(store: OfficeStore) -> None:
    with store.transaction() as tx:
        first = tx.add_guest(guest(1))
        second = tx.add_guest(guest(2, phone=None, institution=None))
    assert (first.id, second.id) == (1, 2)
    with store.transaction() as tx:
        assert tx.guest(1) == guest(1, id=1)
        assert tx.guest(2) == guest(2, phone=None, institution=None, id=2)
        assert tx.guest(3) is None


@covers(QueueTransaction.latest_guest)
def test_latest_guest_is_the_newest_entry_of_that_identity(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tx.add_guest(guest(1))
        tx.add_guest(guest(2))
        newest = tx.add_guest(guest(1, name="Sitti P."))
    with store.transaction() as tx:
        assert tx.latest_guest("hash-1") == newest
        assert tx.latest_guest("hash-9") is None


@covers(QueueTransaction.next_sequence, QueueTransaction.add_ticket, QueueTransaction.ticket,
        FeedbackTransaction.ticket, VisitReads.ticket)
def test_sequences_count_per_service_and_day(store: OfficeStore) -> None:
    with store.transaction() as tx:
        assert tx.next_sequence("A", MONDAY) == 1
        a1 = issue(tx, "A")
        a2 = issue(tx, "A")
        b1 = issue(tx, "B")
        a_tuesday = issue(tx, "A", TUESDAY)
        assert tx.next_sequence("A", MONDAY) == 3
    assert [t.sequence for t in (a1, a2, b1, a_tuesday)] == [1, 2, 1, 1]
    assert [t.id for t in (a1, a2, b1, a_tuesday)] == [1, 2, 3, 4]
    with store.transaction() as tx:
        assert tx.ticket(2) == a2
        assert tx.ticket(99) is None


@covers(QueueTransaction.add_ticket)
def test_a_new_ticket_is_stored_with_only_what_is_known_at_issue(store: OfficeStore) -> None:
    with store.transaction() as tx:
        entry = tx.add_guest(guest())
        given = ticket(priority=True, guest_entry_id=entry.id, transferred_from=None,
                       desk="2", recalls=5)
        tx.add_ticket(given)
    with store.transaction() as tx:
        stored = tx.ticket(1)
    assert stored == replace(given, id=1, desk=None, recalls=0)


@covers(QueueTransaction.add_ticket)
def test_the_same_number_or_token_twice_is_refused(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tx.add_ticket(ticket(1))
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_ticket(ticket(1, token="other"))
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_ticket(ticket(2, token=ticket(1).token))
    with store.transaction() as tx:
        assert tx.next_sequence("A", MONDAY) == 2


@covers(QueueTransaction.save_ticket, QueueTransaction.ticket_by_token,
        FeedbackTransaction.ticket_by_token)
def test_a_saved_ticket_reads_back_changed(store: OfficeStore) -> None:
    with store.transaction() as tx:
        issued = issue(tx)
        referral = issue(tx, "B")
        done = issued.call("1", at(5)).recall().finish(at(20), transferred_to=referral.id)
        tx.save_ticket(done)
    with store.transaction() as tx:
        assert tx.ticket_by_token(issued.token) == done
        assert tx.ticket_by_token("no-such-token") is None


@covers(DeskReads.waiting)
def test_waiting_is_the_days_waiting_tickets_of_the_services_in_issue_order(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        a1 = issue(tx, "A", issued_at=at(0))
        b1 = issue(tx, "B", issued_at=at(1))
        a2 = issue(tx, "A", issued_at=at(2), priority=True)
        tx.save_ticket(issue(tx, "A", issued_at=at(3)).call("1", at(4)))
        issue(tx, "A", TUESDAY)
        issue(tx, "C")
    with store.transaction() as tx:
        assert tx.waiting(["A", "B"], MONDAY) == [a1, b1, a2]
        assert tx.waiting(["B"], MONDAY) == [b1]
        assert tx.waiting(["A"], SUNDAY) == []


@covers(QueueTransaction.front_of_queue)
def test_the_front_of_the_queue_is_the_oldest_priority_and_the_oldest_regular(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        assert tx.front_of_queue(["A"], MONDAY) == []
        late = issue(tx, "A", issued_at=at(10))
        early = issue(tx, "B", issued_at=at(1))
        issue(tx, "A", issued_at=at(12), priority=True)
        old_priority = issue(tx, "B", issued_at=at(5), priority=True)
        issue(tx, "C", issued_at=at(0), priority=True)
        tx.save_ticket(issue(tx, "A", issued_at=at(0)).call("1", at(1)))
    with store.transaction() as tx:
        assert tx.front_of_queue(["A", "B"], MONDAY) == [old_priority, early]
        assert tx.front_of_queue(["A"], MONDAY)[1] == late


@covers(QueueTransaction.count_ahead)
def test_count_ahead_counts_who_is_called_first(store: OfficeStore) -> None:
    with store.transaction() as tx:
        r1 = issue(tx, issued_at=at(0))
        r2 = issue(tx, issued_at=at(1))
        p1 = issue(tx, issued_at=at(2), priority=True)
        same_instant = issue(tx, issued_at=at(1))
        issue(tx, "B", issued_at=at(0), priority=True)
        tx.save_ticket(issue(tx, issued_at=at(0)).call("1", at(1)))
    with store.transaction() as tx:
        assert [tx.count_ahead(t) for t in (p1, r1, r2, same_instant)] == [0, 1, 2, 3]


@covers(QueueTransaction.at_desk)
def test_at_desk_is_the_latest_ticket_called_there_and_not_yet_finished(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        first = issue(tx).call("1", at(1))
        second = issue(tx).call("1", at(2))
        tx.save_ticket(first)
        tx.save_ticket(second)
        tx.save_ticket(issue(tx).call("2", at(3)).finish(at(4)))
    with store.transaction() as tx:
        assert tx.at_desk("1", MONDAY) == second
        assert tx.at_desk("2", MONDAY) is None
        assert tx.at_desk("1", TUESDAY) is None


def _call(tx: QueueTransaction, service: str, priority: bool, minute: int,
          recall: bool = False) -> Call:
    called = issue(tx, service, priority=priority).call("1", at(minute))
    tx.save_ticket(called)
    assert called.id is not None
    return tx.add_call(Call(called.id, called.number, service, "1", at(minute), recall))


@covers(QueueTransaction.add_call, QueueTransaction.first_calls_priority)
def test_first_calls_priority_is_newest_first_without_recalls(store: OfficeStore) -> None:
    with store.transaction() as tx:
        stored = _call(tx, "A", True, 1)
        _call(tx, "A", False, 2)
        _call(tx, "B", True, 3)
        _call(tx, "A", True, 4, recall=True)
        _call(tx, "A", False, 5)
    assert stored.id == 1
    with store.transaction() as tx:
        assert tx.first_calls_priority(["A"], MONDAY, 10) == [False, False, True]
        assert tx.first_calls_priority(["A", "B"], MONDAY, 2) == [False, True]
        assert tx.first_calls_priority(["A"], TUESDAY, 10) == []


@covers(QueueTransaction.add_call)
def test_a_call_of_an_unknown_ticket_is_refused(store: OfficeStore) -> None:
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.add_call(Call(7, "A007", "A", "1", NINE, False))


@covers(QueueTransaction.service_minutes)
def test_service_minutes_are_the_latest_finished_visits_first(store: OfficeStore) -> None:
    with store.transaction() as tx:
        for called, finished in ((0, 10), (5, 35), (20, 25)):
            tx.save_ticket(issue(tx).call("1", at(called)).finish(at(finished)))
        tx.save_ticket(issue(tx).call("1", at(30)))  # still at the desk
        tx.save_ticket(issue(tx).call("1", at(30)).no_show(at(40)))
        tx.save_ticket(issue(tx, "B").call("1", at(0)).finish(at(1)))
    with store.transaction() as tx:
        assert tx.service_minutes("A", MONDAY, 10) == [30.0, 5.0, 10.0]
        assert tx.service_minutes("A", MONDAY, 1) == [30.0]
        assert tx.service_minutes("A", TUESDAY, 10) == []


@covers(QueueTransaction.open_tickets_of)
def test_open_tickets_of_counts_an_identitys_waiting_and_called_tickets(
    store: OfficeStore,
) -> None:
    with store.transaction() as tx:
        one = tx.add_guest(guest(1))
        again = tx.add_guest(guest(1))
        other = tx.add_guest(guest(2))
        issue(tx, guest_entry_id=one.id)
        tx.save_ticket(issue(tx, "B", guest_entry_id=again.id).call("1", at(1)))
        tx.save_ticket(issue(tx, "C", guest_entry_id=one.id).call("1", at(1)).finish(at(2)))
        issue(tx, "D", TUESDAY, guest_entry_id=one.id)
        issue(tx, guest_entry_id=other.id)
    with store.transaction() as tx:
        assert tx.open_tickets_of("hash-1", MONDAY) == 2
        assert tx.open_tickets_of("hash-2", MONDAY) == 1
        assert tx.open_tickets_of("hash-9", MONDAY) == 0


@covers(QueueTransaction.open_tickets_before)
def test_open_tickets_before_a_day_are_the_earlier_days_unfinished(store: OfficeStore) -> None:
    with store.transaction() as tx:
        sunday_waiting = issue(tx, day=SUNDAY)
        sunday_called = issue(tx, day=SUNDAY).call("1", at(1))
        tx.save_ticket(sunday_called)
        tx.save_ticket(issue(tx, day=SUNDAY).call("1", at(1)).finish(at(2)))
        issue(tx, day=MONDAY)
    with store.transaction() as tx:
        assert tx.open_tickets_before(MONDAY) == [sunday_waiting, sunday_called]
        assert tx.open_tickets_before(SUNDAY) == []


@covers(QueueTransaction.remember_idempotent, QueueTransaction.idempotent_ticket)
def test_a_remembered_request_is_found_by_its_principal_and_key(store: OfficeStore) -> None:
    with store.transaction() as tx:
        issued = issue(tx)
        assert issued.id is not None
        tx.remember_idempotent("kiosk-1", "key-1", "hash", issued.id, NINE)
    with store.transaction() as tx:
        assert tx.idempotent_ticket("kiosk-1", "key-1") == ("hash", issued.id)
        assert tx.idempotent_ticket("kiosk-2", "key-1") is None
        assert tx.idempotent_ticket("kiosk-1", "key-2") is None
    with pytest.raises(REFUSED), store.transaction() as tx:
        tx.remember_idempotent("kiosk-1", "key-1", "other", issued.id, NINE)


@covers(QueueTransaction.forget_idempotency_before)
def test_forget_idempotency_before_forgets_only_older_requests(store: OfficeStore) -> None:
    with store.transaction() as tx:
        issued = issue(tx)
        assert issued.id is not None
        tx.remember_idempotent("kiosk", "old", "h", issued.id, at(0))
        tx.remember_idempotent("kiosk", "new", "h", issued.id, at(10))
    with store.transaction() as tx:
        assert tx.forget_idempotency_before(at(10)) == 1
    with store.transaction() as tx:
        assert tx.idempotent_ticket("kiosk", "old") is None
        assert tx.idempotent_ticket("kiosk", "new") == ("h", issued.id)


@covers(QueueTransaction.bump_version, VisitTransaction.bump_version, QueueReads.version)
def test_the_version_counts_the_changes(store: OfficeStore) -> None:
    with store.transaction() as tx:
        start = tx.version()
        assert tx.bump_version() == start + 1
        assert tx.bump_version() == start + 2
    with store.transaction() as tx:
        assert tx.version() == start + 2


@covers(QueueTransaction.erase_guests_before, PersonalDataTransaction.erase_guests_before)
def test_erase_guests_before_erases_older_entries_once(store: OfficeStore) -> None:
    with store.transaction() as tx:
        old = tx.add_guest(guest(1, created_at=at(0)))
        tx.add_guest(guest(2, created_at=at(10)))
    with store.transaction() as tx:
        assert tx.erase_guests_before(at(10), at(60)) == 1
        assert tx.erase_guests_before(at(10), at(61)) == 0
    with store.transaction() as tx:
        assert tx.guest(old.id or 0) == replace(
            old, id_masked="", id_hash="", name="", email="", phone=None, institution=None
        )
        assert tx.guest(2) == guest(2, created_at=at(10), id=2)


@covers(QueueStore.transaction)
def test_a_transaction_that_raises_leaves_nothing(store: OfficeStore) -> None:
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.add_guest(guest())
        issue(tx)
        tx.bump_version()
        raise RuntimeError("the use case failed")
    with store.transaction() as tx:
        assert tx.guest(1) is None
        assert tx.ticket(1) is None
        assert tx.version() == 0
        assert tx.next_sequence("A", MONDAY) == 1


@covers(QueueStore.snapshot)
def test_a_snapshot_sees_what_was_committed_and_keeps_its_moment(store: OfficeStore) -> None:
    with store.transaction() as tx:
        issue(tx)
        tx.bump_version()
    with store.snapshot() as view:
        assert view.version() == 1
        with store.transaction() as tx:
            issue(tx)
            tx.bump_version()
        assert view.version() == 1
        assert view.ticket(2) is None
    with store.snapshot() as view:
        assert view.version() == 2
        assert view.ticket(2) is not None


@covers(QueueStore.snapshot)
def test_a_write_in_a_snapshot_never_reaches_the_store(store: OfficeStore) -> None:
    try:
        with store.snapshot() as view:
            view.add_guest(guest())
    except Exception:
        pass  # refusing the write keeps the promise too
    with store.transaction() as tx:
        assert tx.guest(1) is None


@covers(QueueStore.close)
def test_a_closed_store_takes_no_more_transactions(store: OfficeStore) -> None:
    store.close()
    with pytest.raises(CLOSED), store.transaction() as tx:
        issue(tx)
