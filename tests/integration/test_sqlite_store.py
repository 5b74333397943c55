"""The SQLite store keeps the same rules as the core: checked against queue_rules directly."""

from __future__ import annotations

import dataclasses
import os
import secrets
import sqlite3
import stat
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.core.errors import StorageBusy
from shared.core.ports.accounts import Account, DeviceInfo, NameTaken, UserInfo
from shared.core.queue import rules as queue_rules
from shared.core.queue.model import (
    Call,
    FollowUp,
    GuestEntry,
    Ticket,
    TicketStatus,
    VisitNote,
    ticket_number,
)
from shared.storage.sqlite import store as sqlite_store
from shared.storage.sqlite.store import ACCOUNTS_STAMP_FILE, DB_FILE, MIGRATIONS, SqliteStore

DAY = date(2026, 11, 30)
START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def _siti(created_at: datetime) -> GuestEntry:
    """A guest-book entry with every field filled."""
    return GuestEntry(
        id_type="KTP", id_masked="7502********0001", id_hash="hash-1",
        name="Siti Aisyah Pakaya", email="siti.pakaya@example.com", phone="081234567890",
        institution="Universitas Negeri Gorontalo", occupation="Pelajar/Mahasiswa",
        purpose="Data kemiskinan Boalemo", consent_at=START, consent_version="2026-11",
        created_at=created_at,
    )


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
    from shared.core.access.auth import AuthError, Gatekeeper

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


def test_each_record_reads_back_as_it_was_stored(tmp_path: Path) -> None:
    """Every field the store writes comes back in its own place: a guest-book entry, a call,
    a follow-up (opened, then closed), a visit note. The console, the reports and the
    erasure read them from here."""
    store = SqliteStore(tmp_path)
    ticket = _issue(store, "KONSULTASI", False, 0)
    assert ticket.id is not None
    with store.transaction() as tx:
        guest = tx.add_guest(_siti(START + timedelta(seconds=1)))
        call = tx.add_call(Call(ticket.id, ticket.number, "KONSULTASI", "1",
                                START + timedelta(minutes=3), recall=True, officer="petugas1"))
        opened = tx.add_follow_up(FollowUp(ticket.id, date(2026, 12, 1), "petugas1",
                                           START + timedelta(minutes=9), note="Kirim tabel"))
        note = VisitNote(ticket.id, "Minta tabel per kecamatan", "petugas1",
                         START + timedelta(minutes=8))
        tx.save_note(note)
    closed = dataclasses.replace(opened, closed_at=START + timedelta(days=1),
                                 closed_by="petugas2", closing_note="Dikirim lewat email")
    with store.transaction() as tx:
        tx.save_follow_up(closed)
    assert guest.id is not None and closed.id is not None

    with store.snapshot() as tx:
        assert tx.guest(guest.id) == guest
        assert tx.latest_guest("hash-1") == guest
        assert tx.guest(guest.id + 1) is None
        assert tx.recent_calls(DAY, 5) == [call]
        assert tx.follow_up(closed.id) == closed
        assert tx.follow_ups_of([ticket.id]) == {ticket.id: closed}
        assert tx.notes([ticket.id]) == {ticket.id: note}
        assert (tx.note(ticket.id), tx.note(ticket.id + 1)) == (note, None)
    store.close()


def test_follow_up_counts_are_the_open_ones_and_those_overdue(tmp_path: Path) -> None:
    """The console's badge: open follow-ups, and how many of them are past their day."""
    store = SqliteStore(tmp_path)
    with store.transaction() as tx:
        for minute, due in ((0, date(2026, 12, 1)), (1, date(2026, 12, 3))):
            ticket_id = tx.add_ticket(Ticket(
                service="KONSULTASI", day=DAY, sequence=minute + 1,
                number=ticket_number("K", minute + 1), token=f"token-{minute}",
                issued_at=START + timedelta(minutes=minute),
            )).id
            assert ticket_id is not None
            tx.add_follow_up(FollowUp(ticket_id, due, "petugas1", START))
    with store.snapshot() as tx:
        assert tx.follow_up_counts(date(2026, 12, 1)) == (2, 0)
        assert tx.follow_up_counts(date(2026, 12, 2)) == (2, 1)
    store.close()


def test_account_changes_say_whether_there_was_such_an_account(tmp_path: Path) -> None:
    """The command line tells 'no such user' (or device) from the answer of each change."""
    store = SqliteStore(tmp_path)
    user = store.add_user("petugas1", "officer", "hash-a", START)
    kiosk = store.add_device("kiosk-1", "kiosk", "token-hash-1", START)
    assert store.users() == [UserInfo(user, "petugas1", "officer", True, START)]
    assert store.devices() == [DeviceInfo(kiosk, "kiosk-1", "kiosk", START, None, None)]

    assert store.set_password("petugas1", "hash-b") is True
    assert store.set_password("petugas9", "hash-b") is False
    assert store.disable_user("petugas1") is True
    assert store.disable_user("petugas9") is False
    assert store.users() == [UserInfo(user, "petugas1", "officer", False, START)]
    assert store.revoke_device("kiosk-1") is True
    assert store.revoke_device("kiosk-1") is False  # already revoked
    assert store.revoke_device("kiosk-9") is False
    assert store.devices() == []
    store.close()


def test_a_stored_status_that_cannot_be_shown_reads_as_none(tmp_path: Path) -> None:
    """Statuses stored before they were checked: one with a lone surrogate (no JSON answer
    can carry it) and one that is not an object. The admin page shows 'no status' for both
    instead of failing."""
    store = SqliteStore(tmp_path)
    kiosk = store.add_device("kiosk-1", "kiosk", "token-hash-1", START)
    display = store.add_device("display-1", "display", "token-hash-2", START)
    store.set_device_status(kiosk, {"printer": "\ud800"}, START)
    with sqlite3.connect(store.path) as db:  # as an older version could have stored it
        db.execute("UPDATE devices SET status = '[\"ok\"]' WHERE id = ?", (display,))
    db.close()

    assert {d.name: d.status for d in store.devices()} == {"kiosk-1": None, "display-1": None}
    store.close()


def test_a_ticket_reads_back_whole_and_the_days_list_pages(tmp_path: Path) -> None:
    """A ticket transferred in and finished comes back as stored; the officers' list of the
    day is every ticket without a limit, a page with one, or only those of one status."""
    store = SqliteStore(tmp_path)
    first, second, third = (_issue(store, "KONSULTASI", False, m) for m in (0, 1, 2))
    called = third.call("1", START + timedelta(minutes=5))
    with store.transaction() as tx:
        moved = tx.add_ticket(dataclasses.replace(
            first, id=None, token="token-moved", service="PERPUSTAKAAN", sequence=7,
            number="P-007", transferred_from=first.id))
        done = moved.call("3", START + timedelta(minutes=6)).finish(START + timedelta(minutes=20))
        tx.save_ticket(done)
        tx.save_ticket(called)
    assert done.id is not None

    with store.snapshot() as tx:
        assert tx.ticket(done.id) == done
        assert tx.tickets(DAY) == [first, second, called, done]
        assert tx.tickets(DAY, limit=2, offset=1) == [second, called]
        assert tx.tickets(DAY, TicketStatus.CALLED) == [called]
        assert tx.tickets(DAY + timedelta(days=1)) == []
    store.close()


def test_an_erased_guest_reads_back_empty_but_for_occupation_and_purpose(
    tmp_path: Path,
) -> None:
    """UU PDP retention: the personal fields read back empty (not a placeholder); the
    statistics' occupation and purpose stay."""
    store = SqliteStore(tmp_path)
    with store.transaction() as tx:
        guest = tx.add_guest(_siti(START))
        assert tx.erase_guests_before(START + timedelta(days=1), START + timedelta(days=1)) == 1
    assert guest.id is not None

    with store.snapshot() as tx:
        assert tx.guest(guest.id) == dataclasses.replace(
            guest, id_masked="", id_hash="", name="", email="", phone=None, institution=None)
    store.close()


def test_the_accounts_stamp_is_private_and_moves_on_each_revocation(tmp_path: Path) -> None:
    """A running server notices a revoked device by the stamp file (finding: revocation
    reaches every process); like the database it is the owner's alone."""
    store = SqliteStore(tmp_path)
    store.add_device("kiosk-1", "kiosk", "token-hash-1", START)
    store.add_device("kiosk-2", "kiosk", "token-hash-2", START)
    assert store.accounts_stamp() is None

    store.revoke_device("kiosk-1")
    first = store.accounts_stamp()
    store.revoke_device("kiosk-2")

    assert first is not None and store.accounts_stamp() not in (None, first)
    assert stat.S_IMODE((tmp_path / ACCOUNTS_STAMP_FILE).stat().st_mode) == 0o600
    store.close()


def test_a_write_lock_held_elsewhere_is_told_as_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holding the write lock past the wait: the use case hears 'busy'
    (the edge's 503 with Retry-After, shown over a real server in tests/faults)."""
    monkeypatch.setattr(sqlite_store, "WRITE_WAIT_SECONDS", 0.2)
    store = SqliteStore(tmp_path)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")

    with pytest.raises(StorageBusy), store.transaction() as tx:
        tx.bump_version()

    other.execute("ROLLBACK")
    other.close()
    with store.transaction() as tx:  # free again
        assert tx.bump_version() == 1
    store.close()


def test_the_data_directory_and_database_files_are_the_owners_alone(tmp_path: Path) -> None:
    """0700 for the directory (made with its parents), 0600 for the database and its -wal
    and -shm files: also when a second process (the command line beside the server) opens
    files that were left wider."""
    data = tmp_path / "office" / "data"
    server = SqliteStore(data)
    with server.transaction() as tx:
        tx.bump_version()
    files = [data / DB_FILE, data / (DB_FILE + "-wal"), data / (DB_FILE + "-shm")]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600  # made so
    for path in files:
        os.chmod(path, 0o644)
    os.chmod(data, 0o755)

    command_line = SqliteStore(data)

    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {
        f.name: 0o600 for f in files}
    command_line.close()
    server.close()


def test_a_name_taken_is_refused_by_that_name_and_a_session_answers_for_its_user(
    tmp_path: Path,
) -> None:
    """The command line says which name is taken; a session's account is that user's id,
    name, role and end."""
    store = SqliteStore(tmp_path)
    user = store.add_user("petugas1", "officer", "hash-a", START)
    store.add_user("petugas2", "officer", "hash-b", START)
    store.add_device("kiosk-1", "kiosk", "token-hash-1", START)
    refusals = []
    for attempt in (
        lambda: store.add_user("petugas1", "admin", "hash-c", START),
        lambda: store.add_device("kiosk-1", "kiosk", "token-hash-2", START),  # the same name
        lambda: store.add_device("kiosk-2", "kiosk", "token-hash-1", START),  # the same token
    ):
        with pytest.raises(NameTaken) as refused:
            attempt()
        refusals.append(str(refused.value))
    assert refusals == ["petugas1", "kiosk-1", "kiosk-2"]

    expires = START + timedelta(hours=8)
    store.add_session("session-hash", user, expires)
    assert store.session_account("session-hash", START) == Account(
        "user", user, "petugas1", "officer", expires)
    store.close()


def test_erased_notes_leave_no_copy_in_the_write_ahead_log(tmp_path: Path) -> None:
    """An officer's note may name the visitor: once erased, neither the database file nor
    its -wal holds the text any more (the checkpoint after an erasure)."""
    store = SqliteStore(tmp_path)
    ticket = _issue(store, "KONSULTASI", False, 0)
    assert ticket.id is not None
    with store.transaction() as tx:
        tx.save_note(VisitNote(ticket.id, "Bu Siti Aisyah minta tabel", "petugas1", START))
    with store.transaction() as tx:
        assert tx.erase_visit_notes_before(START + timedelta(days=1)) == 1

    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(DB_FILE))
    assert b"Siti Aisyah" not in stored
    store.close()


def test_an_erasure_a_reader_holds_up_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A reader in the middle of a snapshot keeps the old pages: the checkpoint cannot
    empty the log then, and the log file says so (the next erasure or the stop finishes)."""
    store = SqliteStore(tmp_path)
    ticket = _issue(store, "KONSULTASI", False, 0)
    assert ticket.id is not None
    with store.transaction() as tx:
        tx.save_note(VisitNote(ticket.id, "Catatan", "petugas1", START))
    with store.snapshot() as reading, store.transaction() as tx:
        reading.version()
        tx.erase_visit_notes_before(START + timedelta(days=1))

    assert [r.getMessage() for r in caplog.records if r.name == "pst_antrian.storage"] == [
        "erased data may stay in the write-ahead log until the next checkpoint"]
    store.close()


def test_stored_moments_are_utc_text_whatever_the_machines_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queue's order and the retention compare moments as text in SQL: every moment is
    written in UTC, also on a machine set to the office's zone (WITA)."""
    monkeypatch.setenv("TZ", "Asia/Makassar")
    time.tzset()
    try:
        store = SqliteStore(tmp_path)
        _issue(store, "KONSULTASI", False, 0)
        store.close()
    finally:
        monkeypatch.undo()
        time.tzset()
    with sqlite3.connect(tmp_path / DB_FILE) as db:
        (issued,) = db.execute("SELECT issued_at FROM tickets").fetchone()
    db.close()

    assert issued == "2026-11-30T01:00:00.000000+00:00"


def test_the_migration_puts_old_emails_and_phones_in_their_canonical_form(
    tmp_path: Path
) -> None:
    """A database made before contacts were canonical: once opened, its rows compare equal
    to what the validation stores now (lower-case email, +62 as 0)."""
    canonical = next(n for n, script in enumerate(MIGRATIONS)
                     if "lower(contact_email)" in script)
    old = sqlite3.connect(tmp_path / DB_FILE)
    for script in MIGRATIONS[:canonical]:
        for statement in script.split(";"):
            if statement.strip():
                old.execute(statement)
    old.execute(f"PRAGMA user_version = {canonical}")
    at = START.isoformat()
    for email, phone in (("Zulk.Unique123@Example.org", "+6281299887766"),
                         ("siti@example.com", "081234567890")):
        old.execute("INSERT INTO guest_entries (created_at, id_type, id_masked, id_hash, name,"
                    " email, phone, institution, occupation, purpose, consent_at,"
                    " consent_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (at, "KTP", "7502********0001", "h", "Zulk", email, phone, None,
                     "Mahasiswa", "Data", at, "v1"))
        old.execute("INSERT INTO complaints (created_at, text, contact_email, contact_phone,"
                    " channel, status) VALUES (?, 'Antrean lama.', ?, ?, 'web', 'new')",
                    (at, email, phone))
    old.commit()
    old.close()

    SqliteStore(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_FILE) as db:
        guests = db.execute("SELECT email, phone FROM guest_entries ORDER BY id").fetchall()
        complaints = db.execute(
            "SELECT contact_email, contact_phone FROM complaints ORDER BY id").fetchall()
    assert guests == complaints == [("zulk.unique123@example.org", "081299887766"),
                                    ("siti@example.com", "081234567890")]
