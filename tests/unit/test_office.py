"""The office's use cases as a visitor at the kiosk and an officer at a desk live them.

Every test runs twice, over the in-memory ``FakeStore`` and over the real ``SqliteStore`` on a
file (see conftest.py), with a ``FakeClock``: Monday 30 November 2026, 09:00 WITA, default
settings unless a test says otherwise.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import DomainError, IllegalTransition, InvalidInput, NotFound, ServiceClosed
from shared.core.queue.model import Call, Ticket, TicketStatus
from shared.core.queue.office import QueueOffice, TicketView
from shared.core.settings import DeskConfig, Queue, Settings
from shared.core.visitors.identity import IdentityKeyring
from tests.support.core import BoardOf, OfficeFactory
from tests.support.fakes import FakeClock, make_visitor, nik
from tests.support.stores import InspectableStore, sqlite_store

MONDAY = date(2026, 11, 30)


def issue(
    office: QueueOffice,
    serial: int = 1,
    service: str = "KONSULTASI",
    *,
    priority: bool = False,
    key: str | None = None,
    principal: str = "kiosk-1",
) -> TicketView:
    return office.issue_ticket(
        service, make_visitor(serial), consent=True, priority=priority,
        principal=principal, idempotency_key=key,
    )


def tid(view_or_ticket: TicketView | Ticket) -> int:
    ticket = view_or_ticket.ticket if isinstance(view_or_ticket, TicketView) else view_or_ticket
    assert ticket.id is not None
    return ticket.id


def stored(store: InspectableStore, ticket_id: int) -> Ticket:
    return next(t for t in store.tickets if t.id == ticket_id)


def with_library(**queue: int) -> Settings:
    """Konsultasi at desks 1-2, the library (P) enabled and served at desk 3."""
    services = tuple(
        s.model_copy(update={"enabled": True}) if s.code == "PERPUSTAKAAN" else s
        for s in Settings().services
    )
    desks = Settings().desks + (
        DeskConfig(id="3", name="Meja Perpustakaan", services=("PERPUSTAKAAN",)),
    )
    return Settings(services=services, desks=desks, queue=Queue(**queue))


# --- numbering ----------------------------------------------------------------------------


def test_tickets_are_numbered_k_001_k_002_in_order_of_arrival(queue_office: QueueOffice) -> None:
    numbers = [issue(queue_office, serial).ticket.number for serial in (1, 2, 3)]

    assert numbers == ["K-001", "K-002", "K-003"]


def test_a_new_ticket_is_waiting_for_today(queue_office: QueueOffice) -> None:
    ticket = issue(queue_office).ticket

    assert ticket.status is TicketStatus.WAITING
    assert ticket.day == MONDAY
    assert ticket.service == "KONSULTASI"
    assert ticket.token


def test_numbering_restarts_at_midnight_in_tilamuta_not_utc(
    queue_office: QueueOffice, clock: FakeClock
, board_of: BoardOf) -> None:
    assert issue(queue_office, 1).ticket.number == "K-001"
    clock.set(datetime(2026, 11, 30, 15, 59, tzinfo=UTC))  # 23:59 WITA, Monday
    late = issue(queue_office, 2).ticket
    clock.set(datetime(2026, 11, 30, 16, 0, tzinfo=UTC))  # 00:00 WITA, Tuesday
    first_of_tuesday = issue(queue_office, 3).ticket
    clock.set(datetime(2026, 12, 1, 0, 30, tzinfo=UTC))  # UTC's midnight passed: 08:30 WITA
    second_of_tuesday = issue(queue_office, 4).ticket

    assert (late.number, late.day) == ("K-002", MONDAY)
    assert (first_of_tuesday.number, first_of_tuesday.day) == ("K-001", date(2026, 12, 1))
    assert second_of_tuesday.number == "K-002"
    board = board_of(queue_office)
    assert [r.ticket.number for r in board.tickets_of_day(MONDAY)] == ["K-001", "K-002"]
    assert [r.ticket.number for r in board.tickets_of_day()] == ["K-001", "K-002"]
    assert [r.ticket.day for r in board.tickets_of_day()] == [date(2026, 12, 1)] * 2


def test_each_service_counts_its_own_numbers(make_office: OfficeFactory) -> None:
    office = make_office(with_library())

    numbers = [
        issue(office, 1).ticket.number,
        issue(office, 2, "PERPUSTAKAAN").ticket.number,
        issue(office, 3).ticket.number,
    ]

    assert numbers == ["K-001", "P-001", "K-002"]


def test_the_days_list_in_pages_is_the_whole_list_with_limit_and_offset(
    queue_office: QueueOffice, board_of: BoardOf
) -> None:
    for serial in range(1, 8):
        issue(queue_office, serial)
    board = board_of(queue_office)

    def numbers(**kw: int) -> list[list[str]]:
        return [[r.ticket.number for r in page] for page in board.pages_of_day(**kw)]

    assert numbers(page_size=3) == [["K-001", "K-002", "K-003"], ["K-004", "K-005", "K-006"],
                                    ["K-007"]]
    assert numbers(page_size=2, limit=3, offset=2) == [["K-003", "K-004"], ["K-005"]]
    assert numbers(page_size=7) == [[f"K-00{n}" for n in range(1, 8)]]
    assert numbers(page_size=2, offset=7) == []
    assert [r.ticket.number for r in board.tickets_of_day(limit=2, offset=5)] == ["K-006",
                                                                                   "K-007"]


# --- a ticket's life at the desk ----------------------------------------------------------


def test_call_finish_waiting_to_called_to_done(queue_office: QueueOffice, clock: FakeClock) -> None:
    view = issue(queue_office)
    clock.advance(minutes=5)

    called = queue_office.call_next("1")
    clock.advance(minutes=12)
    done = queue_office.finish(tid(called))

    assert (called.number, called.status, called.desk) == ("K-001", TicketStatus.CALLED, "1")
    assert called.called_at == datetime(2026, 11, 30, 1, 5, tzinfo=UTC)
    assert done.status is TicketStatus.DONE
    assert done.finished_at == datetime(2026, 11, 30, 1, 17, tzinfo=UTC)
    assert done.service_minutes == 12
    assert queue_office.ticket_status(view.ticket.token).ticket.status is TicketStatus.DONE


def test_a_visitor_who_does_not_come_is_marked_no_show(
    queue_office: QueueOffice, board_of: BoardOf
) -> None:
    issue(queue_office)
    called = queue_office.call_next("1")

    missed = queue_office.no_show(tid(called))

    assert missed.status is TicketStatus.NO_SHOW
    assert missed.finished_at is not None
    assert board_of(queue_office).display_state().desks[0].current is None


def test_recall_any_number_of_times_counts_and_announces_each(
    queue_office: QueueOffice, clock: FakeClock
, board_of: BoardOf) -> None:
    issue(queue_office)
    called = queue_office.call_next("1")

    for _ in range(3):
        clock.advance(minutes=1)
        again = queue_office.recall(tid(called))

    assert again.recalls == 3
    assert again.status is TicketStatus.CALLED
    calls = board_of(queue_office).display_state().calls
    assert [(c.number, c.desk, c.recall) for c in calls] == [
        ("K-001", "1", True), ("K-001", "1", True), ("K-001", "1", True), ("K-001", "1", False),
    ]
    assert calls[0].called_at > calls[-1].called_at


def test_each_call_and_recall_records_the_officer_who_made_it(
    queue_office: QueueOffice, board_of: BoardOf
) -> None:
    """The reports count calls per officer: a recall counts for whoever made it."""
    issue(queue_office)
    called = queue_office.call_next("1", officer="petugas1")
    queue_office.recall(tid(called), officer="kepala")

    calls = board_of(queue_office).display_state().calls
    assert [(c.recall, c.officer) for c in calls] == [(True, "kepala"), (False, "petugas1")]


@pytest.mark.parametrize("action", ["finish", "no_show", "recall", "transfer"])
def test_a_waiting_ticket_cannot_be_finished_recalled_or_referred(
    make_office: OfficeFactory, store: InspectableStore, changes: list[int], action: str
, board_of: BoardOf) -> None:
    office = make_office(with_library())
    waiting = issue(office)
    version = board_of(office).version()

    with pytest.raises(IllegalTransition) as exc:
        if action == "transfer":
            office.transfer(tid(waiting), "PERPUSTAKAAN")
        else:
            getattr(office, action)(tid(waiting))

    assert exc.value.code == "illegal_transition"
    assert "K-001" in exc.value.message_id and "menunggu" in exc.value.message_id
    assert stored(store, tid(waiting)).status is TicketStatus.WAITING
    assert len(store.tickets) == 1
    assert board_of(office).version() == version
    assert changes == [1]


@pytest.mark.parametrize("action", ["finish", "no_show", "recall"])
def test_a_finished_ticket_stays_finished(
    queue_office: QueueOffice, store: InspectableStore, action: str
) -> None:
    issue(queue_office)
    done = queue_office.finish(tid(queue_office.call_next("1")))

    with pytest.raises(IllegalTransition):
        getattr(queue_office, action)(tid(done))

    assert stored(store, tid(done)).status is TicketStatus.DONE
    assert stored(store, tid(done)).recalls == 0


def test_a_no_show_cannot_be_recalled(queue_office: QueueOffice, store: InspectableStore) -> None:
    issue(queue_office)
    missed = queue_office.no_show(tid(queue_office.call_next("1")))
    calls_before = len(store.calls)

    with pytest.raises(IllegalTransition) as exc:
        queue_office.recall(tid(missed))

    assert "tidak hadir" in exc.value.message_id
    assert len(store.calls) == calls_before
    assert stored(store, tid(missed)).status is TicketStatus.NO_SHOW


def test_a_done_ticket_cannot_be_called_again(queue_office: QueueOffice) -> None:
    issue(queue_office)
    done = queue_office.finish(tid(queue_office.call_next("1")))

    with pytest.raises(IllegalTransition):
        done.call("2", datetime(2026, 11, 30, 2, 0, tzinfo=UTC))
    with pytest.raises(NotFound) as exc:
        queue_office.call_next("2")
    assert exc.value.code == "queue_empty"


def test_unknown_ticket_is_not_found(queue_office: QueueOffice) -> None:
    with pytest.raises(NotFound) as exc:
        queue_office.finish(999)

    assert exc.value.code == "ticket_not_found"


# --- calling ------------------------------------------------------------------------------


def test_a_desk_serving_someone_cannot_call_the_next(queue_office: QueueOffice) -> None:
    issue(queue_office, 1)
    issue(queue_office, 2)
    queue_office.call_next("1")

    with pytest.raises(DomainError) as exc:
        queue_office.call_next("1")

    assert exc.value.code == "desk_busy"
    assert exc.value.field == "desk"
    assert "K-001" in exc.value.message_id
    assert queue_office.call_next("2").number == "K-002"


def test_a_desk_is_free_again_after_finishing(queue_office: QueueOffice) -> None:
    issue(queue_office, 1)
    issue(queue_office, 2)
    queue_office.finish(tid(queue_office.call_next("1")))

    assert queue_office.call_next("1").number == "K-002"


def test_calling_with_nobody_waiting_says_queue_empty(queue_office: QueueOffice) -> None:
    with pytest.raises(NotFound) as exc:
        queue_office.call_next("1")

    assert exc.value.code == "queue_empty"
    assert exc.value.message_id == "Tidak ada antrian yang menunggu."


def test_calling_at_an_unknown_desk_is_not_found(
    queue_office: QueueOffice, changes: list[int]
) -> None:
    issue(queue_office)

    with pytest.raises(NotFound) as exc:
        queue_office.call_next("9")

    assert exc.value.code == "desk_not_found"
    assert exc.value.field == "desk"
    assert changes == [1]


def test_a_desk_calls_only_the_services_it_serves(make_office: OfficeFactory) -> None:
    office = make_office(with_library())
    issue(office, 1, "PERPUSTAKAAN")

    with pytest.raises(NotFound):
        office.call_next("1")
    assert office.call_next("3").number == "P-001"


def test_yesterdays_waiting_tickets_are_not_called_today(
    queue_office: QueueOffice, clock: FakeClock
) -> None:
    issue(queue_office, 1)
    clock.set(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    issue(queue_office, 2)

    called = queue_office.call_next("1")

    assert (called.number, called.day) == ("K-001", date(2026, 12, 1))
    assert called.guest_entry_id == 2


# --- priority -----------------------------------------------------------------------------


def test_a_priority_visitor_is_called_before_earlier_regular_ones(
    queue_office: QueueOffice,
) -> None:
    issue(queue_office, 1)
    issue(queue_office, 2)
    issue(queue_office, 3, priority=True)

    assert queue_office.call_next("1").number == "K-003"
    assert queue_office.call_next("2").number == "K-001"


def test_after_priority_guard_priority_calls_a_regular_visitor_goes_next(
    make_office: OfficeFactory,
) -> None:
    office = make_office(Settings(queue=Queue(priority_guard=2)))
    issue(office, 1)  # K-001, regular, first to arrive
    for serial in (2, 3, 4, 5):
        issue(office, serial, priority=True)  # K-002 .. K-005

    order = []
    for _ in range(5):
        called = office.call_next("1")
        order.append(called.number)
        office.finish(tid(called))

    assert order == ["K-002", "K-003", "K-001", "K-004", "K-005"]


def test_the_guard_counts_calls_at_every_desk(make_office: OfficeFactory) -> None:
    office = make_office(Settings(queue=Queue(priority_guard=2)))
    issue(office, 1)
    for serial in (2, 3, 4):
        issue(office, serial, priority=True)

    at_desk_1 = office.call_next("1")
    at_desk_2 = office.call_next("2")
    office.finish(tid(at_desk_1))

    assert (at_desk_1.number, at_desk_2.number) == ("K-002", "K-003")
    assert office.call_next("1").number == "K-001"


def test_recalls_do_not_count_towards_the_priority_guard(make_office: OfficeFactory) -> None:
    office = make_office(Settings(queue=Queue(priority_guard=2)))
    issue(office, 1)
    issue(office, 2, priority=True)
    issue(office, 3, priority=True)

    first = office.call_next("1")
    office.recall(tid(first))
    office.recall(tid(first))
    office.finish(tid(first))

    assert office.call_next("1").number == "K-003"


# --- one visitor, many tickets ------------------------------------------------------------


def test_one_visitor_may_hold_several_tickets_by_default(queue_office: QueueOffice) -> None:
    first = issue(queue_office, 1)
    second = issue(queue_office, 1)

    assert (first.ticket.number, second.ticket.number) == ("K-001", "K-002")


def test_visitor_limit_refuses_a_second_open_ticket(
    make_office: OfficeFactory, store: InspectableStore, changes: list[int]
) -> None:
    office = make_office(Settings(queue=Queue(max_open_tickets_per_visitor=1)))
    issue(office, 1)

    with pytest.raises(DomainError) as exc:
        office.issue_ticket(
            "KONSULTASI", make_visitor(1, id_number=nik(1)[:4] + " " + nik(1)[4:]), consent=True
        )

    assert exc.value.code == "visitor_limit"
    assert exc.value.field == "visitor.id_number"
    assert "1 nomor antrian" in exc.value.message_id
    assert len(store.tickets) == 1
    assert len(store.guests) == 1
    assert changes == [1]
    assert issue(office, 2).ticket.number == "K-002"


def test_visitor_limit_counts_only_unfinished_tickets(make_office: OfficeFactory) -> None:
    office = make_office(Settings(queue=Queue(max_open_tickets_per_visitor=1)))
    issue(office, 1)
    office.finish(tid(office.call_next("1")))

    assert issue(office, 1).ticket.number == "K-002"


# --- waiting time -------------------------------------------------------------------------


def test_people_ahead_and_default_estimate_when_nobody_was_served_yet(
    make_office: OfficeFactory,
) -> None:
    office = make_office(Settings(queue=Queue(default_service_minutes=12)))
    views = [issue(office, serial) for serial in range(1, 5)]

    assert [v.waiting_ahead for v in views] == [0, 1, 2, 3]
    # 3 ahead x 12 minutes (the setting) over the 2 desks serving Konsultasi.
    assert [v.estimated_wait_minutes for v in views] == [0, 6, 12, 18]


def test_estimate_uses_the_days_finished_service_times_and_desks(
    make_office: OfficeFactory, clock: FakeClock
) -> None:
    # A default (12) other than the mean served (15): the estimate must come from the latter.
    office = make_office(Settings(queue=Queue(default_service_minutes=12)))
    issue(office, 1)
    issue(office, 2)
    first = office.call_next("1")
    second = office.call_next("2")
    clock.advance(minutes=10)
    office.finish(tid(first))  # served 10 minutes
    clock.advance(minutes=10)
    office.finish(tid(second))  # served 20 minutes
    for serial in (3, 4, 5):
        issue(office, serial)

    view = issue(office, 6)

    assert view.waiting_ahead == 3
    assert view.estimated_wait_minutes == math.ceil(3 * 15 / 2) == 23


def test_tickets_issued_in_the_same_instant_keep_the_order_they_were_stored(
    queue_office: QueueOffice,
) -> None:
    """Two kiosks in the same microsecond: the clock does not tell them apart, the order of
    storing does (the ``id`` tie-break of ``call_order`` and of its SQL twin)."""
    views = [issue(queue_office, serial) for serial in (1, 2, 3)]
    priority = [issue(queue_office, serial, priority=True) for serial in (4, 5)]

    assert len({v.ticket.issued_at for v in views + priority}) == 1
    assert [v.waiting_ahead for v in views] == [0, 1, 2]
    assert [v.waiting_ahead for v in priority] == [0, 1]
    assert [queue_office.ticket_status(v.ticket.token).waiting_ahead for v in views] == [2, 3, 4]
    assert [queue_office.call_next(desk).number for desk in ("1", "2")] == ["K-004", "K-005"]
    assert [queue_office.ticket_status(v.ticket.token).waiting_ahead for v in views] == [0, 1, 2]


def test_the_estimate_follows_the_queue_as_it_moves(queue_office: QueueOffice) -> None:
    issue(queue_office, 1)
    issue(queue_office, 2)
    mine = issue(queue_office, 3)

    queue_office.call_next("1")

    now = queue_office.ticket_status(mine.ticket.token)
    assert (now.waiting_ahead, now.estimated_wait_minutes) == (1, 8)
    called = queue_office.call_next("2")
    assert queue_office.ticket_status(mine.ticket.token).waiting_ahead == 0
    assert called.number == "K-002"


def test_a_called_ticket_tells_its_desk(queue_office: QueueOffice) -> None:
    view = issue(queue_office)
    queue_office.call_next("2")

    status = queue_office.ticket_status(view.ticket.token)

    assert status.desk_name == "Meja Konsultasi 2"
    assert (status.waiting_ahead, status.estimated_wait_minutes) == (0, 0)


def test_unknown_token_is_not_found(queue_office: QueueOffice) -> None:
    with pytest.raises(NotFound) as exc:
        queue_office.ticket_status("no-such-token")

    assert exc.value.code == "ticket_not_found"


# --- retried requests ---------------------------------------------------------------------


def test_a_retried_request_gets_the_same_ticket(
    queue_office: QueueOffice, store: InspectableStore, changes: list[int]
) -> None:
    first = issue(queue_office, 1, key="abc-123")
    again = issue(queue_office, 1, key="abc-123")

    assert again.ticket.id == first.ticket.id
    assert again.ticket.number == first.ticket.number == "K-001"
    assert again.ticket.token == first.ticket.token
    assert len(store.tickets) == 1
    assert len(store.guests) == 1
    assert changes == [1]


def test_a_retry_with_the_fields_in_another_order_gets_the_same_ticket(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    """A JSON object has no order: a retry serialised afresh is still the same request."""
    first = issue(queue_office, 1, key="abc-123")
    reordered = dict(reversed(make_visitor(1).items()))

    again = queue_office.issue_ticket(
        "KONSULTASI", reordered, consent=True, principal="kiosk-1", idempotency_key="abc-123"
    )

    assert again.ticket.id == first.ticket.id
    assert len(store.tickets) == 1


def test_keys_are_forgotten_after_two_days_but_a_fresh_retry_still_works(
    queue_office: QueueOffice, store: InspectableStore, clock: FakeClock
) -> None:
    issue(queue_office, 1, key="abc-123")
    clock.advance(days=1)
    queue_office.purge_expired()
    assert issue(queue_office, 1, key="abc-123").ticket.number == "K-001"  # still yesterday's
    assert len(store.tickets) == 1

    clock.advance(days=2)
    queue_office.purge_expired()
    # The key is gone: the same key two days on is a new request (a new day's ticket).
    later = issue(queue_office, 2, key="abc-123")
    assert later.ticket.day == date(2026, 12, 3) and later.ticket.number == "K-001"
    assert len(store.tickets) == 2


def test_a_key_reused_for_another_request_is_refused(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    issue(queue_office, 1, key="abc-123")

    with pytest.raises(DomainError) as exc:
        issue(queue_office, 2, key="abc-123")

    assert exc.value.code == "idempotency_conflict"
    assert exc.value.field == "Idempotency-Key"
    assert len(store.tickets) == 1


def test_the_same_key_from_another_kiosk_is_another_request(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    issue(queue_office, 1, key="abc-123", principal="kiosk-1")
    other = issue(queue_office, 1, key="abc-123", principal="kiosk-2")

    assert other.ticket.number == "K-002"
    assert len(store.tickets) == 2


# --- closed services ----------------------------------------------------------------------


def assert_refused_and_nothing_stored(
    office: QueueOffice, store: InspectableStore, changes: list[int], code: str
) -> ServiceClosed:
    with pytest.raises(ServiceClosed) as exc:
        issue(office)
    assert exc.value.code == code
    assert exc.value.field == "service"
    assert store.tickets == [] and store.guests == []
    assert changes == []
    return exc.value


def test_after_closing_time_no_ticket_and_the_reason_in_indonesian(
    make_office: OfficeFactory, store: InspectableStore, clock: FakeClock, changes: list[int]
) -> None:
    office = make_office(Settings(hours={"monday": ("08:00-15:30",)}))
    clock.set(datetime(2026, 11, 30, 8, 0, tzinfo=UTC))  # 16:00 WITA

    closed = assert_refused_and_nothing_stored(office, store, changes, "service_closed")

    assert "sudah tutup pukul 15.30" in closed.message_id
    assert "15.30" in closed.message_en


def test_within_opening_hours_tickets_are_issued(
    make_office: OfficeFactory, clock: FakeClock
) -> None:
    office = make_office(Settings(hours={"monday": ("08:00-15:30",)}))
    clock.set(datetime(2026, 11, 30, 7, 29, tzinfo=UTC))  # 15:29 WITA

    assert issue(office).ticket.number == "K-001"


def test_closed_on_sunday(
    make_office: OfficeFactory, store: InspectableStore, clock: FakeClock, changes: list[int]
) -> None:
    office = make_office(Settings(hours={d: ("08:00-15:30",) for d in (
        "monday", "tuesday", "wednesday", "thursday", "friday")}))
    clock.set(datetime(2026, 11, 29, 2, 0, tzinfo=UTC))  # Sunday 10:00 WITA

    closed = assert_refused_and_nothing_stored(office, store, changes, "service_closed")

    assert closed.message_id == "Layanan tutup pada hari Minggu."


def test_closed_on_christmas_when_holidays_close_the_office(
    make_office: OfficeFactory, store: InspectableStore, clock: FakeClock, changes: list[int]
) -> None:
    office = make_office(Settings(close_on_holidays=True))
    clock.set(datetime(2026, 12, 25, 2, 0, tzinfo=UTC))  # Friday 10:00 WITA

    closed = assert_refused_and_nothing_stored(office, store, changes, "service_closed")

    assert "Natal" in closed.message_id
    assert "hari libur" in closed.message_id


def test_a_disabled_service_takes_no_tickets(
    queue_office: QueueOffice, store: InspectableStore, changes: list[int]
) -> None:
    with pytest.raises(ServiceClosed) as exc:
        issue(queue_office, service="PERPUSTAKAAN")

    assert exc.value.code == "service_disabled"
    assert "Perpustakaan" in exc.value.message_id
    assert store.tickets == [] and changes == []


def test_the_kiosk_sees_which_services_are_open(
    make_office: OfficeFactory, clock: FakeClock
) -> None:
    office = make_office(Settings(hours={"monday": ("08:00-15:30",)}))
    clock.set(datetime(2026, 11, 29, 23, 0, tzinfo=UTC))  # Monday 07:00 WITA

    states = {s.config.code: s for s in office.services()}

    assert states["KONSULTASI"].open is False
    assert "Buka pukul 08.00" in states["KONSULTASI"].reason_id
    assert states["PERPUSTAKAAN"].open is False
    assert states["PERPUSTAKAAN"].reason_id == "Layanan ini tidak tersedia."


def test_an_unknown_service_is_invalid_input(queue_office: QueueOffice) -> None:
    with pytest.raises(InvalidInput) as exc:
        issue(queue_office, service="ASTROLOGI")

    assert [(e.field, e.code) for e in exc.value.errors] == [("service", "unknown_service")]


# --- the visitor's form -------------------------------------------------------------------


def test_no_ticket_without_consent(
    queue_office: QueueOffice, store: InspectableStore, changes: list[int]
) -> None:
    with pytest.raises(InvalidInput) as exc:
        queue_office.issue_ticket("KONSULTASI", make_visitor(), consent=False)

    assert [e.field for e in exc.value.errors] == ["consent"]
    assert exc.value.errors[0].code == "consent_required"
    assert store.tickets == [] and store.guests == [] and changes == []


def test_a_field_json_cannot_carry_is_refused_by_name_not_a_crash(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    """The request is hashed (for a retry's Idempotency-Key) before its fields are checked:
    a value JSON has no form for (here a date) must still end in that field's error."""
    visitor = make_visitor(1, name=date(1990, 5, 17))

    with pytest.raises(InvalidInput) as exc:
        queue_office.issue_ticket("KONSULTASI", visitor, consent=True, idempotency_key="abc-123")

    assert [(e.field, e.code) for e in exc.value.errors] == [("visitor.name", "not_text")]
    assert store.tickets == [] and store.guests == []


def test_every_bad_field_is_listed_and_nothing_is_stored(
    queue_office: QueueOffice, store: InspectableStore, changes: list[int]
) -> None:
    issue(queue_office, 1)
    bad = make_visitor(2, id_number="7502 0154 0303 000", name="", email="sitti@",
                       purpose="   ", phone="12")

    with pytest.raises(InvalidInput) as exc:
        queue_office.issue_ticket("KONSULTASI", bad, consent=False)

    fields = [e.field for e in exc.value.errors]
    assert set(fields) == {
        "consent", "visitor.id_number", "visitor.name", "visitor.email", "visitor.phone",
        "visitor.purpose",
    }
    assert len(fields) == len(set(fields))
    assert all(e.message_id and e.message_en for e in exc.value.errors)
    assert len(store.tickets) == 1 and len(store.guests) == 1
    assert changes == [1]


def test_the_identity_number_is_never_stored_in_plain_text(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    number = nik(7)
    queue_office.issue_ticket(
        "KONSULTASI", make_visitor(7, id_number=" 7502.0154-0303 0007 "), consent=True
    )
    queue_office.issue_ticket("KONSULTASI", make_visitor(7), consent=True)

    assert len(store.guests) == 2
    for guest in store.guests:
        for name, value in dataclasses.asdict(guest).items():
            assert number not in str(value), name
            assert number[4:12] not in str(value), name
        assert guest.id_masked == "7502********0007"
    assert number not in repr(store.tickets)


def test_the_guest_book_entry_records_the_visit_and_the_consent(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    view = issue(queue_office, 1)

    (guest,) = store.guests
    assert view.ticket.guest_entry_id == guest.id
    assert (guest.id_type, guest.name, guest.email) == (
        "KTP", "Sitti Rahmawati Pakaya B", "sitti.pakaya1@gmail.com")
    assert guest.phone == "081244556677"
    assert guest.consent_at == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    assert guest.consent_version == "2026-11"


def test_a_returning_visitor_is_found_by_their_identity_number(
    queue_office: QueueOffice, clock: FakeClock
) -> None:
    issue(queue_office, 1)
    clock.advance(days=3)
    queue_office.issue_ticket(
        "KONSULTASI", make_visitor(1, email="sitti.baru@bps.go.id"), consent=True
    )
    issue(queue_office, 2)

    found = queue_office.lookup_visitor("KTP", "7502 0154 0303 0001")

    assert found.email == "sitti.baru@bps.go.id"
    assert found.id == 2
    assert found.id_masked == "7502********0001"


def test_an_unknown_visitor_is_not_found(queue_office: QueueOffice) -> None:
    issue(queue_office, 1)

    with pytest.raises(NotFound) as exc:
        queue_office.lookup_visitor("KTP", nik(2))

    assert exc.value.code == "visitor_not_found"
    assert "buku tamu" in exc.value.message_id


def test_lookup_accepts_the_id_type_as_the_guest_book_does(queue_office: QueueOffice) -> None:
    """The form accepts "ktp" (validate_visitor upper-cases the type); the lookup of the same
    visitor, typed the same way, should find them instead of rejecting the type."""
    queue_office.issue_ticket("KONSULTASI", make_visitor(1, id_type="ktp"), consent=True)

    assert queue_office.lookup_visitor("ktp", nik(1)).id == 1


# --- the waiting room ---------------------------------------------------------------------


def test_the_display_shows_no_personal_data(queue_office: QueueOffice, board_of: BoardOf) -> None:
    visitor = make_visitor(5, name="Moh. Rivai Hulopi", email="rivai.hulopi@yahoo.co.id",
                           institution="Bappeda Boalemo", phone="0813 9988 7766")
    queue_office.issue_ticket("KONSULTASI", visitor, consent=True)
    queue_office.issue_ticket("KONSULTASI", visitor, consent=True, priority=True)
    queue_office.recall(tid(queue_office.call_next("1")))

    state = board_of(queue_office).display_state()
    shown = repr(state) + repr(dataclasses.asdict(state))

    for secret in ("Rivai", "Hulopi", "rivai.hulopi", "Bappeda", "081399887766",
                   nik(5), "7502********0005", "Mahasiswa", "kemiskinan"):
        assert secret not in shown
    assert "K-002" in shown


def test_the_display_lists_calls_newest_first_desks_and_waiting_counts(
    make_office: OfficeFactory, clock: FakeClock
, board_of: BoardOf) -> None:
    office = make_office(with_library())
    for serial in range(1, 5):
        issue(office, serial)
    issue(office, 5, "PERPUSTAKAAN")
    first = office.call_next("1")
    clock.advance(minutes=1)
    office.call_next("2")
    clock.advance(minutes=1)
    office.recall(tid(first))

    state = board_of(office).display_state()

    assert [(c.number, c.desk, c.recall) for c in state.calls] == [
        ("K-001", "1", True), ("K-002", "2", False), ("K-001", "1", False),
    ]
    assert [(d.id, d.name, d.current) for d in state.desks] == [
        ("1", "Meja Konsultasi 1", "K-001"),
        ("2", "Meja Konsultasi 2", "K-002"),
        ("3", "Meja Perpustakaan", None),
    ]
    assert state.waiting == {"KONSULTASI": 2, "PERPUSTAKAAN": 1}


def test_the_display_counts_only_enabled_services_and_todays_calls(
    queue_office: QueueOffice, clock: FakeClock
, board_of: BoardOf) -> None:
    issue(queue_office, 1)
    queue_office.call_next("1")
    clock.set(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))

    state = board_of(queue_office).display_state()

    assert state.waiting == {"KONSULTASI": 0}
    assert state.calls == []
    assert [d.current for d in state.desks] == [None, None]


def test_every_change_is_announced_with_a_higher_version(
    make_office: OfficeFactory, changes: list[int]
, board_of: BoardOf) -> None:
    office = make_office(with_library())
    issue(office, 1)
    called = office.call_next("1")
    office.recall(tid(called))
    referred = office.transfer(tid(called), "PERPUSTAKAAN")
    office.no_show(tid(office.call_next("3")))
    with pytest.raises(NotFound):
        office.call_next("1")

    assert len(changes) == 6
    assert changes == sorted(set(changes))
    assert changes[-1] == board_of(office).display_state().version == board_of(office).version()
    assert referred.number == "P-001"


# --- referral to another service ----------------------------------------------------------


def test_referral_gives_a_new_ticket_in_the_other_service(
    make_office: OfficeFactory, store: InspectableStore
, board_of: BoardOf) -> None:
    office = make_office(with_library())
    issue(office, 1)
    issue(office, 2, "PERPUSTAKAAN")
    called = office.call_next("1")

    new = office.transfer(tid(called), "PERPUSTAKAAN")

    old = stored(store, tid(called))
    assert (new.number, new.service, new.status) == ("P-002", "PERPUSTAKAAN", TicketStatus.WAITING)
    assert new.guest_entry_id == called.guest_entry_id
    assert new.transferred_from == old.id
    assert old.status is TicketStatus.DONE
    assert old.transferred_to == new.id
    assert stored(store, tid(new)).transferred_from == old.id
    assert len(store.guests) == 2
    assert board_of(office).display_state().desks[0].current is None


def test_a_referred_visitor_is_called_at_the_other_desk(make_office: OfficeFactory) -> None:
    office = make_office(with_library())
    issue(office, 1)
    new = office.transfer(tid(office.call_next("1")), "PERPUSTAKAAN")

    called = office.call_next("3")

    assert called.id == new.id
    assert called.number == "P-001"


def test_referral_to_the_same_service_is_refused(
    make_office: OfficeFactory, store: InspectableStore
) -> None:
    office = make_office(with_library())
    issue(office, 1)
    called = office.call_next("1")

    with pytest.raises(InvalidInput) as exc:
        office.transfer(tid(called), "KONSULTASI")

    assert (exc.value.field, exc.value.code) == ("service", "same_service")
    assert stored(store, tid(called)).status is TicketStatus.CALLED
    assert len(store.tickets) == 1


def test_referral_to_a_disabled_service_is_refused(
    queue_office: QueueOffice, store: InspectableStore
) -> None:
    issue(queue_office, 1)
    called = queue_office.call_next("1")

    with pytest.raises(ServiceClosed) as exc:
        queue_office.transfer(tid(called), "PERPUSTAKAAN")

    assert exc.value.code == "service_disabled"
    assert stored(store, tid(called)).status is TicketStatus.CALLED
    assert len(store.tickets) == 1


# --- the day's end -----------------------------------------------------------------------


def test_at_the_days_end_yesterdays_open_tickets_are_closed_and_the_desks_freed(
    queue_office: QueueOffice, clock: FakeClock, changes: list[int], store: InspectableStore,
    board_of: BoardOf,
) -> None:
    issue(queue_office, 1)
    at_desk, still_waiting = issue(queue_office, 2), issue(queue_office, 3)
    queue_office.finish(tid(queue_office.call_next("1")))  # K-001 served
    queue_office.call_next("1")  # K-002, still at the desk when the day ends
    clock.set(datetime(2026, 11, 30, 16, 0, 5, tzinfo=UTC))  # Tuesday 00:00:05 WITA
    tuesday_morning = clock()

    # Before storage catches up, everyone already sees the tickets closed ...
    shown = {r.ticket.number: r.ticket.status
             for r in board_of(queue_office).tickets_of_day(MONDAY)}
    assert shown == {"K-001": TicketStatus.DONE, "K-002": TicketStatus.EXPIRED,
                     "K-003": TicketStatus.EXPIRED}
    phone = queue_office.ticket_status(still_waiting.ticket.token)
    assert (phone.ticket.status, phone.ticket.finished_at) == (
        TicketStatus.EXPIRED, tuesday_morning)
    with pytest.raises(IllegalTransition):
        queue_office.finish(tid(at_desk))
    announced = len(changes)

    assert queue_office.close_earlier_days() == 2

    kept = {t.number: (t.status, t.finished_at) for t in store.tickets}
    assert kept["K-002"] == kept["K-003"] == (TicketStatus.EXPIRED, tuesday_morning)
    assert kept["K-001"][0] is TicketStatus.DONE and kept["K-001"][1] != tuesday_morning
    assert len(changes) == announced + 1
    assert queue_office.close_earlier_days() == 0 and len(changes) == announced + 1
    assert [d.current for d in board_of(queue_office).display_state().desks] == [None, None]
    assert issue(queue_office, 4).ticket.number == "K-001"


def test_todays_open_tickets_stay_open_at_the_days_end_run(
    queue_office: QueueOffice, clock: FakeClock, changes: list[int]
) -> None:
    issue(queue_office, 1)
    queue_office.call_next("1")
    issue(queue_office, 2)
    announced = len(changes)

    assert queue_office.close_earlier_days() == 0

    assert len(changes) == announced
    assert queue_office.call_next("2").number == "K-002"


# --- personal data retention --------------------------------------------------------------


def test_purge_erases_personal_data_after_the_retention_period(
    make_office: OfficeFactory, store: InspectableStore, clock: FakeClock
) -> None:
    office = make_office(Settings(retention_days=30))
    issue(office, 1)
    clock.advance(days=20)
    issue(office, 2)
    assert office.purge_expired() == 0

    clock.advance(days=10, seconds=1)
    erased = office.purge_expired()

    assert erased == 1
    with pytest.raises(NotFound):
        office.lookup_visitor("KTP", nik(1))
    assert office.lookup_visitor("KTP", nik(2)).id == 2
    old = store.guests[0]
    assert (old.name, old.email, old.phone, old.institution, old.id_masked) == (
        "", "", None, None, "")
    assert old.purpose == "Data kemiskinan Kabupaten Boalemo 2025"
    assert office.purge_expired() == 0


def test_purge_keeps_everything_within_the_retention_period(
    queue_office: QueueOffice, clock: FakeClock
) -> None:
    issue(queue_office, 1)
    clock.advance(days=364)

    assert queue_office.purge_expired() == 0
    assert queue_office.lookup_visitor("KTP", nik(1)).id == 1


def test_purge_on_sqlite_leaves_no_name_email_phone_or_identity_and_keeps_the_counts(
    tmp_path: Path, clock: FakeClock, keyring: IdentityKeyring
) -> None:
    """UU PDP erasure on the real database: every personal column NULL, nothing in the file's
    bytes, while the day's tickets and the statistics (id type, occupation, purpose) stay."""
    visitors = [make_visitor(n, name=f"Rahmat Hulopi {'AB'[n - 1]}",
                             email=f"rahmat.hulopi{n}@yahoo.com",
                             phone="0813 1122 3344", institution="Dinas Pendidikan Boalemo")
                for n in (1, 2)]
    with sqlite_store(tmp_path / "data") as store:
        settings = Settings(retention_days=30)
        office = QueueOffice(store, settings, OfficeCalendar(settings, clock), keyring)
        for visitor in visitors:
            office.issue_ticket("KONSULTASI", visitor, consent=True)
        office.finish(tid(office.call_next("1")))
        before = [(t.number, t.status, t.guest_entry_id) for t in store.tickets]
        clock.advance(days=30, seconds=1)

        assert office.purge_expired() == 2

        assert [(t.number, t.status, t.guest_entry_id) for t in store.tickets] == before
        rows = store.raw_guests()
        assert len(rows) == 2
        personal = ("id_masked", "id_hash", "name", "email", "phone", "institution")
        assert [{k: row[k] for k in personal} for row in rows] == [dict.fromkeys(personal)] * 2
        assert [(r["id_type"], r["occupation"], r["erased_at"] is not None) for r in rows] == [
            ("KTP", "Mahasiswa", True)] * 2
        assert {r["purpose"] for r in rows} == {"Data kemiskinan Kabupaten Boalemo 2025"}
        with pytest.raises(NotFound):
            office.lookup_visitor("KTP", nik(1))
        # While the server still runs: the write-ahead log keeps no copy of the erased pages.
        assert (tmp_path / "data" / "pst-antrian.sqlite3-wal").exists()
        assert_nothing_personal_on_disk(tmp_path / "data", visitors)
    assert_nothing_personal_on_disk(tmp_path / "data", visitors)


def assert_nothing_personal_on_disk(data_dir: Path, visitors: list[dict[str, object]]) -> None:
    """The database file and its -wal and -shm files, byte for byte."""
    on_disk = b"".join(p.read_bytes() for p in data_dir.glob("pst-antrian.sqlite3*"))
    for visitor in visitors:
        for key in ("name", "email", "institution"):
            assert str(visitor[key]).encode() not in on_disk, key
    assert b"081311223344" not in on_disk
    assert nik(1)[:4].encode() + b"********" not in on_disk


# --- the fake store keeps the all-or-nothing promise the use cases rely on ----------------


def test_a_transaction_that_raises_changes_nothing(
    store: InspectableStore, queue_office: QueueOffice
, board_of: BoardOf) -> None:
    issue(queue_office, 1)
    before = (store.tickets, store.guests, store.calls, board_of(queue_office).version())
    at = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)

    with pytest.raises(RuntimeError), store.transaction() as tx:
        called = store.tickets[0].call("1", at)
        tx.save_ticket(called)
        tx.add_call(Call(tid(called), called.number, called.service, "1", at, recall=False))
        tx.add_ticket(dataclasses.replace(store.tickets[0], sequence=2, token="t2", id=None))
        tx.bump_version()
        raise RuntimeError("power cut")

    assert (store.tickets, store.guests, store.calls, board_of(queue_office).version()) == before
    assert queue_office.call_next("1").number == "K-001"


def test_the_tickets_of_a_range_come_a_page_at_a_time(
    queue_office: QueueOffice, store: InspectableStore, clock: FakeClock
) -> None:
    """The guest book reads a long range in pages: ``tickets_between`` with limit/offset,
    in issue order across days."""
    numbers = []
    for day in range(3):
        for serial in range(1, 4):
            numbers.append(queue_office.issue_ticket(
                "KONSULTASI", make_visitor(day * 10 + serial), True).ticket.id)
        clock.advance(days=1)
    first, last = store.tickets[0].day, store.tickets[-1].day
    with store.snapshot() as tx:  # type: ignore[attr-defined]
        every = [t.id for t in tx.tickets_between(first, last)]
        pages = [[t.id for t in tx.tickets_between(first, last, 4, offset)]
                 for offset in (0, 4, 8)]
        one_day = [t.id for t in tx.tickets_between(last, last, 2, 1)]
    assert every == numbers
    assert pages == [numbers[:4], numbers[4:8], numbers[8:]]
    assert one_day == numbers[7:9]
