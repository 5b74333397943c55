"""What the display and the officers' lists read (``QueueReads``, ``ReadStore``): every store
answers alike, from a snapshot."""

from __future__ import annotations

from shared.core.ports.reads import QueueReads, ReadStore
from shared.core.queue.model import Call, TicketStatus
from tests.contract.samples import MONDAY, NINE, TUESDAY, at, guest, issue
from tests.support import contract
from tests.support.contract import OfficeStore, covers

backend, store = contract.backend, contract.store


@covers(ReadStore.snapshot, QueueReads.version)
def test_the_display_reads_the_version_from_a_snapshot(store: OfficeStore) -> None:
    with store.snapshot() as view:
        assert view.version() == 0
    with store.transaction() as tx:
        tx.bump_version()
    with store.snapshot() as view:
        assert view.version() == 1


@covers(QueueReads.recent_calls)
def test_recent_calls_are_the_days_calls_newest_first(store: OfficeStore) -> None:
    with store.transaction() as tx:
        calls = []
        for minute in range(3):
            visit = issue(tx)
            calls.append(tx.add_call(Call(visit.id or 0, visit.number, "A", "1", at(minute),
                                          minute == 2, "ani")))
        tomorrow = issue(tx, day=TUESDAY)
        tx.add_call(Call(tomorrow.id or 0, tomorrow.number, "A", "1", at(3), False))
    with store.snapshot() as view:
        assert view.recent_calls(MONDAY, 10) == calls[::-1]
        assert view.recent_calls(MONDAY, 2) == [calls[2], calls[1]]


@covers(QueueReads.at_desk)
def test_the_display_reads_who_is_at_each_desk(store: OfficeStore) -> None:
    with store.transaction() as tx:
        serving = issue(tx).call("2", at(3))
        tx.save_ticket(serving)
    with store.snapshot() as view:
        assert view.at_desk("2", MONDAY) == serving
        assert view.at_desk("1", MONDAY) is None


@covers(QueueReads.waiting_counts)
def test_waiting_counts_name_every_service_asked_for(store: OfficeStore) -> None:
    with store.transaction() as tx:
        issue(tx, "A")
        issue(tx, "A")
        issue(tx, "B")
        tx.save_ticket(issue(tx, "B").call("1", at(1)))
        issue(tx, "C")
        issue(tx, "A", TUESDAY)
    with store.snapshot() as view:
        assert view.waiting_counts(["A", "B", "D"], MONDAY) == {"A": 2, "B": 1, "D": 0}


@covers(QueueReads.tickets)
def test_the_days_tickets_in_issue_order_by_status_and_page(store: OfficeStore) -> None:
    with store.transaction() as tx:
        tickets = [issue(tx, "AB"[n % 2], issued_at=at(n)) for n in range(5)]
        tickets[1] = tickets[1].call("1", at(6))
        tx.save_ticket(tickets[1])
        issue(tx, day=TUESDAY)
    with store.snapshot() as view:
        assert view.tickets(MONDAY) == tickets
        assert view.tickets(MONDAY, limit=2, offset=1) == tickets[1:3]
        assert view.tickets(MONDAY, offset=3) == tickets[3:]
        assert view.tickets(MONDAY, TicketStatus.WAITING) == [tickets[n] for n in (0, 2, 3, 4)]
        assert view.tickets(MONDAY, TicketStatus.WAITING, 2, 1) == tickets[2:4]
        assert view.tickets(MONDAY, TicketStatus.DONE) == []


@covers(QueueReads.guest)
def test_the_officers_list_reads_the_guest_entry(store: OfficeStore) -> None:
    with store.transaction() as tx:
        entry = tx.add_guest(guest(3, created_at=NINE))
    with store.snapshot() as view:
        assert view.guest(entry.id or 0) == entry
        assert view.guest(2) is None
