"""The rules every store must keep, whatever it is built on: numbering under concurrent
writers, timestamps and the office day, and erasure that leaves nothing readable."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.core.errors import StorageBusy
from shared.core.feedback.complaints import Complaint, ComplaintStatus
from shared.core.feedback.ratings import Rating
from shared.core.ports.accounts import AccountStore
from shared.core.ports.feedback import FeedbackTransaction
from shared.core.ports.personal_data import PersonalDataTransaction
from shared.core.ports.queue import QueueTransaction
from shared.core.ports.reads import DeskReads
from shared.core.ports.visits import VisitTransaction
from shared.core.queue.model import Call, FollowUp, Ticket, VisitNote
from shared.storage.sqlite.store import SqliteStore
from tests.contract.samples import MONDAY, NINE, TUESDAY, WITA, at, guest, issue
from tests.support import contract
from tests.support.contract import (
    Backend,
    OfficeStore,
    OfficeTransaction,
    covers,
    take_tickets_in_sqlite,
)

backend, store = contract.backend, contract.store

WRITERS = 6
TICKETS_EACH = 15


# --- numbering under concurrent writers ---------------------------------------------------


def _take(store: OfficeStore, service: str, start: threading.Barrier) -> list[Ticket]:
    start.wait()
    taken: list[Ticket] = []
    while len(taken) < TICKETS_EACH:
        try:
            with store.transaction() as tx:
                ticket = issue(tx, service)
        except StorageBusy:
            continue  # as the kiosk does: busy, retry
        taken.append(ticket)
    return taken


@covers(QueueTransaction.next_sequence, QueueTransaction.add_ticket)
def test_concurrent_writers_number_tickets_uniquely_and_without_gaps(backend: Backend) -> None:
    """Each writer its own handle on the same data (SQLite: its own store and connections on
    the same file, as another server thread or process)."""
    stores = [backend.open() for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)
    with ThreadPoolExecutor(WRITERS) as pool:
        taken = [t for batch in pool.map(lambda s: _take(s, "A", start), stores) for t in batch]
    assert sorted(t.sequence for t in taken) == list(range(1, WRITERS * TICKETS_EACH + 1))
    assert len({t.number for t in taken}) == len({t.id for t in taken}) == len(taken)
    with stores[0].snapshot() as view:
        stored = view.tickets(MONDAY)
    assert sorted(t.sequence for t in stored) == list(range(1, WRITERS * TICKETS_EACH + 1))


@pytest.mark.slow
def test_writers_in_other_processes_number_tickets_uniquely_and_without_gaps(
    tmp_path: Path,
) -> None:
    """SQLite only: the file is shared by processes (the server and the command line)."""
    SqliteStore(tmp_path, durable=False).close()  # the schema, before the writers race
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(4, mp_context=spawn) as pool:
        batches = pool.map(take_tickets_in_sqlite, [str(tmp_path)] * 4, ["A", "A", "B", "A"],
                           [10] * 4)
        taken = [t for batch in batches for t in batch]
    a_sequences = sorted(seq for seq, number in taken if number.startswith("A"))
    assert a_sequences == list(range(1, 31))
    assert sorted(seq for seq, number in taken if number.startswith("B")) == list(range(1, 11))
    assert len({number for _, number in taken}) == 40


# --- timestamps and the office day ---------------------------------------------------------


@covers(QueueTransaction.add_ticket, QueueTransaction.save_ticket)
def test_a_moment_reads_back_as_the_same_instant_to_the_microsecond(store: OfficeStore) -> None:
    issued = datetime(2026, 11, 30, 9, 15, 7, 123456, tzinfo=WITA)
    with store.transaction() as tx:
        ticket = issue(tx, issued_at=issued)
        tx.save_ticket(ticket.call("1", issued + timedelta(microseconds=1)))
    with store.transaction() as tx:
        stored = tx.ticket(ticket.id or 0)
    assert stored is not None and stored.called_at is not None
    assert stored.issued_at == issued and stored.issued_at.utcoffset() is not None
    assert stored.called_at - stored.issued_at == timedelta(microseconds=1)


@covers(QueueTransaction.front_of_queue, QueueTransaction.count_ahead, QueueTransaction.at_desk)
def test_order_follows_the_instant_whatever_zone_a_moment_was_given_in(
    store: OfficeStore,
) -> None:
    """08:00 WITA is 00:00 UTC: before 00:30 UTC, though "08:00" sorts after "00:30"."""
    earlier_in_wita = datetime(2026, 11, 30, 8, 0, tzinfo=WITA)
    later_in_utc = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)
    with store.transaction() as tx:
        second = issue(tx, issued_at=later_in_utc)
        first = issue(tx, issued_at=earlier_in_wita)
        called_first = issue(tx, "B").call("1", earlier_in_wita)
        called_last = issue(tx, "B").call("1", later_in_utc)
        tx.save_ticket(called_last)
        tx.save_ticket(called_first)
    with store.transaction() as tx:
        assert tx.front_of_queue(["A"], MONDAY) == [first]
        assert [tx.count_ahead(first), tx.count_ahead(second)] == [0, 1]
        assert tx.at_desk("1", MONDAY) == called_last


@covers(QueueTransaction.erase_guests_before, QueueTransaction.forget_idempotency_before,
        PersonalDataTransaction.guests_created_before, PersonalDataTransaction.erase_guests_before)
def test_cutoffs_compare_instants_whatever_zone_they_are_given_in(store: OfficeStore) -> None:
    cutoff_in_wita = NINE.astimezone(WITA)  # 09:00 WITA, = 01:00 UTC
    with store.transaction() as tx:
        old = tx.add_guest(guest(1, created_at=NINE - timedelta(microseconds=1)))
        tx.add_guest(guest(2, created_at=NINE))
        visit = issue(tx)
        tx.remember_idempotent("k", "old", "h", visit.id or 0, NINE - timedelta(seconds=1))
        tx.remember_idempotent("k", "new", "h", visit.id or 0, NINE)
    with store.transaction() as tx:
        assert tx.guests_created_before(cutoff_in_wita) == 1
        assert tx.erase_guests_before(cutoff_in_wita, cutoff_in_wita) == 1
        assert tx.forget_idempotency_before(cutoff_in_wita) == 1
        assert tx.latest_guest(old.id_hash) is None
        assert tx.latest_guest("hash-2") is not None


@covers(PersonalDataTransaction.rating_comments_before, PersonalDataTransaction.complaints_before,
        FeedbackTransaction.complaint_times)
def test_the_purge_and_the_complaint_limit_compare_instants_whatever_zone(
    store: OfficeStore,
) -> None:
    """A rating or complaint a microsecond before 09:00 WITA (01:00 UTC) is older than a
    cutoff of 09:00 WITA; one at 01:00 UTC is not."""
    cutoff_in_wita = NINE.astimezone(WITA)
    just_before = NINE - timedelta(microseconds=1)
    with store.transaction() as tx:
        old, new = issue(tx), issue(tx)
        tx.add_rating(Rating(old.id or 0, MONDAY, just_before, 4, None, "Ramah", "kiosk"))
        tx.add_rating(Rating(new.id or 0, MONDAY, NINE, 4, None, "Ramah", "kiosk"))
        for moment in (just_before, NINE):
            tx.add_complaint(Complaint(moment, "Lama", "phone", ticket_id=old.id))
    with store.transaction() as tx:
        assert tx.rating_comments_before(cutoff_in_wita) == 1
        assert tx.complaints_before(cutoff_in_wita) == 1
        assert tx.complaint_times(old.id or 0, "phone", just_before.astimezone(WITA)) == [NINE]


@covers(DeskReads.waiting, QueueTransaction.add_call, QueueTransaction.first_calls_priority)
def test_a_ticket_and_its_calls_belong_to_the_office_day_it_was_issued_on(
    store: OfficeStore,
) -> None:
    """00:30 WITA on Tuesday is still Monday in UTC: the day is the office's, as given."""
    tuesday_early = datetime(2026, 12, 1, 0, 30, tzinfo=WITA)
    with store.transaction() as tx:
        ticket = issue(tx, day=TUESDAY, issued_at=tuesday_early, priority=True)
        late_monday = issue(tx, day=MONDAY, issued_at=datetime(2026, 11, 30, 23, 50, tzinfo=WITA))
        # Called after midnight: the call still belongs to Monday's ticket, so to Monday.
        called = late_monday.call("1", tuesday_early)
        tx.save_ticket(called)
        tx.add_call(Call(called.id or 0, called.number, "A", "1", tuesday_early, False))
    with store.snapshot() as view:
        assert view.waiting(["A"], TUESDAY) == [ticket]
        assert view.waiting(["A"], MONDAY) == []
        assert [c.ticket_id for c in view.recent_calls(MONDAY, 5)] == [called.id]
        assert view.recent_calls(TUESDAY, 5) == []
        assert view.first_calls_priority(["A"], MONDAY, 5) == [False]
        assert view.at_desk("1", MONDAY) == called
        assert view.tickets_between(TUESDAY, TUESDAY) == [ticket]


@covers(AccountStore.session_account, AccountStore.drop_expired_sessions)
def test_a_session_ends_at_its_instant_whatever_zone_now_is_given_in(
    store: OfficeStore,
) -> None:
    user = store.add_user("rina", "officer", "h", NINE)
    store.add_session("token", user, NINE)
    just_before = (NINE - timedelta(microseconds=1)).astimezone(WITA)
    assert store.session_account("token", just_before) is not None
    assert store.session_account("token", NINE.astimezone(WITA)) is None
    assert store.drop_expired_sessions(just_before) == 0
    assert store.drop_expired_sessions(NINE.astimezone(WITA)) == 1


# --- erasure leaves nothing readable -------------------------------------------------------

NAME, EMAIL, PHONE, COMMENT = "Sitti Pakaya 1", "sitti1@gmail.com", "0812 4455 6677", "Ibu Sitti"


def _everything_readable(tx: OfficeTransaction) -> str:
    """Whatever the port hands out about Monday's visits, as text."""
    tickets = tx.tickets_between(MONDAY, TUESDAY)
    ids = [t.id or 0 for t in tickets]
    entries = {t.guest_entry_id for t in tickets if t.guest_entry_id is not None}
    read: list[object] = [
        tickets, [tx.guest(i) for i in entries], tx.guests_by_hash("hash-1"),
        tx.latest_guest("hash-1"), tx.open_tickets_of("hash-1", MONDAY),
        tx.ratings_between(MONDAY, TUESDAY), tx.ratings_of(ids),
        tx.complaints(None, 100, 0), tx.complaints_of(ids, [EMAIL, PHONE]),
        tx.notes(ids), tx.follow_ups_of(ids), tx.visit_notes_of(ids),
        tx.follow_ups(True, 100), tx.follow_ups(False, 100),
        tx.visit_tally(MONDAY, TUESDAY), tx.day_tickets(MONDAY),
    ]
    return repr(read)


def _a_visitors_traces(tx: OfficeTransaction) -> tuple[int, int]:
    entry = tx.add_guest(guest(1))
    visit = issue(tx, guest_entry_id=entry.id)
    done = visit.call("1", at(5)).finish(at(15))
    tx.save_ticket(done)
    tx.add_rating(Rating(visit.id or 0, MONDAY, at(16), 4, None, f"{COMMENT} senang", "kiosk"))
    tx.add_complaint(Complaint(at(17), f"{COMMENT} menunggu lama", "kiosk", EMAIL, PHONE,
                               visit.id))
    tx.save_note(VisitNote(visit.id or 0, f"{COMMENT}, {NAME}", "p", at(15)))
    follow_up = tx.add_follow_up(FollowUp(visit.id or 0, TUESDAY, "p", at(15), f"Email {EMAIL}"))
    tx.save_follow_up(replace(follow_up, closed_at=at(20), closed_by="p",
                              closing_note=f"Telepon {PHONE}"))
    return entry.id or 0, visit.id or 0


def _assert_nothing_of_her_readable(store: OfficeStore) -> None:
    for opened in (store.transaction, store.snapshot):
        with opened() as tx:
            readable = _everything_readable(tx)
        for trace in (NAME, EMAIL, PHONE, COMMENT, "hash-1", "7502********0001", "0812"):
            assert trace not in readable


@covers(PersonalDataTransaction.erase_guest, PersonalDataTransaction.erase_rating_comments,
        PersonalDataTransaction.erase_complaints, PersonalDataTransaction.erase_visit_notes_of,
        PersonalDataTransaction.complaints_of)
def test_a_visitors_erasure_leaves_nothing_of_them_readable(store: OfficeStore) -> None:
    """What ``PersonalData.erase`` does for a visitor who asks (UU PDP)."""
    with store.transaction() as tx:
        entry, visit = _a_visitors_traces(tx)
        tx.add_guest(guest(2))  # someone else, untouched
    with store.transaction() as tx:
        assert NAME in _everything_readable(tx)  # there before
        complaints = [c.id or 0 for c in tx.complaints_of([visit], [EMAIL, PHONE])]
        tx.erase_guest(entry, at(60))
        tx.erase_rating_comments([visit])
        tx.erase_complaints(complaints, at(60))
        tx.erase_visit_notes_of([visit])
    _assert_nothing_of_her_readable(store)
    with store.snapshot() as view:
        assert view.guest(2) == guest(2, id=2)
        assert view.rating_of(visit) is not None  # the score stays
        assert view.ticket(visit) is not None  # and the visit, counted


@covers(QueueTransaction.erase_guests_before, PersonalDataTransaction.erase_guests_before,
        PersonalDataTransaction.erase_rating_comments_before,
        PersonalDataTransaction.erase_complaints_before, VisitTransaction.erase_visit_notes_before)
def test_the_retention_purge_leaves_nothing_of_the_old_visits_readable(
    store: OfficeStore,
) -> None:
    """What ``PersonalData.purge`` erases: the guest book, ratings' comments, complaints'
    texts, contacts and replies, the officers' notes; the visits and scores stay, counted."""
    with store.transaction() as tx:
        _, visit = _a_visitors_traces(tx)
    cutoff = (NINE + timedelta(days=1)).astimezone(WITA)
    with store.transaction() as tx:
        assert COMMENT in _everything_readable(tx)  # there before
        tx.erase_guests_before(cutoff, cutoff)
        tx.erase_rating_comments_before(cutoff)
        tx.erase_complaints_before(cutoff, cutoff)
        tx.erase_visit_notes_before(cutoff)
    _assert_nothing_of_her_readable(store)
    with store.snapshot() as view:
        assert view.rating_of(visit) is not None  # the score stays
        assert view.complaint_counts() == {ComplaintStatus.NEW: 1}  # and that she complained
        assert view.ticket(visit) is not None
