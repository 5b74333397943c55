"""The SQLite store keeps the same rules as the core: checked against queue_rules directly."""

from __future__ import annotations

import secrets
import sqlite3
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared import queue_rules
from shared.model import Ticket, TicketStatus, ticket_number
from shared.sqlite_store import MIGRATIONS, SqliteStore

DAY = date(2026, 11, 30)
START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def _issue(store: SqliteStore, service: str, priority: bool, minute: int) -> Ticket:
    with store.transaction() as tx:
        sequence = tx.next_sequence(service, DAY)
        return tx.add_ticket(Ticket(
            service=service, day=DAY, sequence=sequence, number=ticket_number("K", sequence),
            token=secrets.token_urlsafe(8), issued_at=START + timedelta(minutes=minute),
            priority=priority,
        ))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
                min_size=1, max_size=25))
def test_the_sql_twins_of_call_order_agree_with_it(
    plan: list[tuple[bool, bool, bool, bool]],
) -> None:
    """``count_ahead``, ``front_of_queue`` and ``waiting_counts`` are SQL twins of
    ``queue_rules.call_order``: on random queues they must give what it gives.
    Each step: (priority, other service?, called away?, same instant as the one before?).
    Tickets in the same instant are ordered by their id, in ``call_order`` and in SQL alike."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp), durable=False)
        minute = 0
        for priority, other, called, same_instant in plan:
            minute += 0 if same_instant else 1
            ticket = _issue(store, "PERPUSTAKAAN" if other else "KONSULTASI", priority, minute)
            if called:
                with store.transaction() as tx:
                    tx.save_ticket(ticket.call("1", START))
        with store.transaction() as tx:
            waiting = tx.waiting(["KONSULTASI", "PERPUSTAKAAN"], DAY)
            for ticket in waiting:
                assert tx.count_ahead(ticket) == queue_rules.waiting_ahead(ticket, waiting)
            front = tx.front_of_queue(["KONSULTASI"], DAY)
            konsultasi = [t for t in waiting if t.service == "KONSULTASI"]
            assert queue_rules.choose_next(front, [], 3) == queue_rules.choose_next(
                konsultasi, [], 3)
            assert queue_rules.choose_next(front, [True] * 3, 3) == queue_rules.choose_next(
                konsultasi, [True] * 3, 3)
            counts = tx.waiting_counts(["KONSULTASI", "PERPUSTAKAAN", "PENJUALAN"], DAY)
            assert counts == {
                "KONSULTASI": len(konsultasi),
                "PERPUSTAKAAN": len(waiting) - len(konsultasi),
                "PENJUALAN": 0,
            }
        store.close()


def test_schema_is_versioned_and_reopening_keeps_the_data(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    assert store.schema_version == len(MIGRATIONS)
    _issue(store, "KONSULTASI", False, 0)
    store.close()
    again = SqliteStore(tmp_path)
    assert again.schema_version == len(MIGRATIONS)
    with again.transaction() as tx:
        [ticket] = tx.tickets(DAY)
        assert ticket.number == "K-001" and ticket.status is TicketStatus.WAITING
        assert tx.next_sequence("KONSULTASI", DAY) == 2
    again.close()
    db = sqlite3.connect(tmp_path / "pst-antrian.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    try:
        with store.transaction() as tx:
            tx.add_ticket(Ticket(service="KONSULTASI", day=DAY, sequence=1, number="K-001",
                                 token="t", issued_at=START))
            tx.bump_version()
            raise RuntimeError("the kiosk's request broke half-way")
    except RuntimeError:
        pass
    with store.transaction() as tx:
        assert tx.tickets(DAY) == [] and tx.version() == 0
    store.close()


def test_expired_sessions_are_dropped(tmp_path: Path) -> None:
    from shared.auth import AuthError, Gatekeeper

    store = SqliteStore(tmp_path)
    gate = Gatekeeper(store)
    gate.add_user("petugas1", "officer", "rahasia-petugas", START)
    token, _, expires = gate.login("petugas1", "rahasia-petugas", START)
    assert store.drop_expired_sessions(expires - timedelta(minutes=1)) == 0
    assert store.drop_expired_sessions(expires) == 1
    with pytest.raises(AuthError):
        Gatekeeper(store).account(token, START)  # a fresh gatekeeper: no cached account
    store.close()


def test_a_devices_last_report_outlives_a_restart(tmp_path: Path) -> None:
    """The admin page shows when each kiosk and display last reported, and what: from the
    file, so also after the server restarted (its in-memory 'seen' is gone then)."""
    store = SqliteStore(tmp_path)
    kiosk = store.add_device("kiosk-1", "kiosk", "hash-1", START)
    store.add_device("display-1", "display", "hash-2", START)
    store.set_device_status(kiosk, {"printer": {"state": "paper_out"}},
                            START + timedelta(minutes=5))
    store.close()

    store = SqliteStore(tmp_path)
    devices = {d.name: d for d in store.devices()}
    store.close()

    assert devices["kiosk-1"].last_seen_at == START + timedelta(minutes=5)
    assert devices["kiosk-1"].status == {"printer": {"state": "paper_out"}}
    assert devices["kiosk-1"].created_at == START
    assert (devices["display-1"].last_seen_at, devices["display-1"].status) == (None, None)


def test_service_minutes_are_the_minutes_from_call_to_finish(tmp_path: Path) -> None:
    """The wait estimate's input: 12 and 61 minutes served, newest first."""
    store = SqliteStore(tmp_path)
    for minute, served in ((0, 12), (30, 61)):
        ticket = _issue(store, "KONSULTASI", False, minute)
        called = ticket.call("1", ticket.issued_at)
        with store.transaction() as tx:
            tx.save_ticket(called.finish(called.issued_at + timedelta(minutes=served)))
    with store.snapshot() as tx:
        minutes = tx.service_minutes("KONSULTASI", DAY, 10)
    store.close()

    assert minutes == [61.0, 12.0]


def test_a_device_token_answers_for_that_device_by_name(tmp_path: Path) -> None:
    """A kiosk's name is what its lookups are throttled and its retries remembered by, and
    what revoking it names."""
    store = SqliteStore(tmp_path)
    store.add_device("kiosk-1", "kiosk", "hash-1", START)
    store.add_device("kiosk-2", "kiosk", "hash-2", START)

    found = store.device_account("hash-2", START)
    store.close()

    assert found is not None
    assert (found.kind, found.name, found.role) == ("device", "kiosk-2", "kiosk")
