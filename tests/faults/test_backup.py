"""Backup while tickets are being issued, and restore: the guest book survives, returning
visitors are found again (identity.key travels with it), a running server is not overwritten."""

from __future__ import annotations

import os
import stat
import tarfile
import threading
from pathlib import Path

from shared.api.client import QueueClient
from tests.support.faults import OFFICER_PASSWORD, FaultOffice, StartOffice, visitor
from tests.support.serverproc import ServerProcess, cli


def test_backup_while_tickets_are_issued_then_restore(
    start_office: StartOffice, tmp_path: Path
) -> None:
    office = start_office()
    issued: list[str] = []
    stop = threading.Event()

    def kiosk_busy() -> None:
        n = 0
        while not stop.is_set() and n < 400:
            n += 1
            issued.append(office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True).number)

    kiosk = threading.Thread(target=kiosk_busy)
    kiosk.start()
    while len(issued) < 5:
        pass
    backups = []
    try:
        for k in range(3):
            before = len(issued)
            out = tmp_path / f"office-{k}.backup"
            made = cli("data", "backup", "--data-dir", str(office.data_dir), "--out", str(out))
            backups.append((out, before, len(issued), made.stdout))
    finally:
        stop.set()
        kiosk.join()
    office.server.stop()

    for out, before, after, said in backups:
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        with tarfile.open(out) as archive:
            assert sorted(archive.getnames()) == ["backup.json", "identity.key",
                                                  "pst-antrian.sqlite3"]
        assert "tickets" in said
        restored = tmp_path / f"restored-{out.stem}"
        put = cli("data", "restore", "--data-dir", str(restored), "--from", str(out))
        assert "restored" in put.stdout
        assert stat.S_IMODE(restored.stat().st_mode) == 0o700
        back = ServerProcess(restored).start()  # the same accounts and tokens came back
        try:
            officer = QueueClient(back.url)
            officer.login("petugas1", OFFICER_PASSWORD)
            numbers = [t.number for t in officer.tickets()]
            # a consistent snapshot: an unbroken run of numbers, at least those issued
            # before the backup began, at most those issued when it ended
            assert numbers == [f"K-{n:03d}" for n in range(1, len(numbers) + 1)]
            assert before <= len(numbers) <= after
            # the identity key came along: the first visitor is found by their number
            kiosk = QueueClient(back.url, office.kiosk_token)
            assert kiosk.lookup_visitor("KTP", visitor(1)["id_number"]) is not None
        finally:
            back.stop()


def test_restore_refuses_a_running_server_and_an_existing_database(
    fault_office: FaultOffice, tmp_path: Path
) -> None:
    fault_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    out = tmp_path / "office.backup"
    cli("data", "backup", "--data-dir", str(fault_office.data_dir), "--out", str(out))
    running = cli("data", "restore", "--data-dir", str(fault_office.data_dir), "--from", str(out),
                  "--force", check=False)
    assert running.returncode == 2 and "already running" in running.stderr
    fault_office.server.stop()
    exists = cli("data", "restore", "--data-dir", str(fault_office.data_dir), "--from", str(out),
                 check=False)
    assert exists.returncode == 2 and "--force" in exists.stderr
    forced = cli("data", "restore", "--data-dir", str(fault_office.data_dir), "--from", str(out),
                 "--force")
    assert forced.returncode == 0
    assert [p.name for p in fault_office.data_dir.iterdir() if p.name.startswith("replaced-")]
    second = ServerProcess(fault_office.data_dir).start()
    try:
        double = ServerProcess(fault_office.data_dir)
        try:
            double.start(timeout=10)
            raise AssertionError("a second server started on the same data directory")
        except RuntimeError as exc:
            assert "already running" in str(exc)
    finally:
        second.stop()
    not_a_backup = tmp_path / "photo.jpg"
    not_a_backup.write_bytes(os.urandom(1000))
    bad = cli("data", "restore", "--data-dir", str(tmp_path / "new"), "--from",
              str(not_a_backup), check=False)
    assert bad.returncode == 2 and "cannot be read" in bad.stderr


def test_the_server_lock_and_every_file_in_a_backup_are_private(
    fault_office: FaultOffice, tmp_path: Path
) -> None:
    """A manual ``tar x`` of a backup must not give a guest book anyone can read."""
    fault_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    assert stat.S_IMODE((fault_office.data_dir / "server.lock").stat().st_mode) == 0o600
    out = tmp_path / "office.backup"
    cli("data", "backup", "--data-dir", str(fault_office.data_dir), "--out", str(out))
    with tarfile.open(out) as archive:
        modes = {m.name: stat.S_IMODE(m.mode) for m in archive.getmembers()}
        archive.extractall(tmp_path / "by-hand", filter="tar")
    assert modes == dict.fromkeys(("pst-antrian.sqlite3", "identity.key", "backup.json"), 0o600)
    unpacked = tmp_path / "by-hand" / "pst-antrian.sqlite3"
    assert stat.S_IMODE(unpacked.stat().st_mode) == 0o600
