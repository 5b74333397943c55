"""Findings 1 and 12: what the data directory gives away, and a full disk."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat

import psutil

from shared.api.client import ApiError
from shared.storage.sqlite.store import DB_FILE
from tests.support.faults import VISITOR, FaultOffice, visitor


def test_the_data_directory_is_private_and_holds_nothing_unkeyed(fault_office: FaultOffice) -> None:
    fault_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True, idempotency_key="k-1")
    assert stat.S_IMODE(fault_office.data_dir.stat().st_mode) == 0o700
    files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in fault_office.data_dir.iterdir()
             if p.name.startswith(DB_FILE) or p.name == "identity.key"}
    assert set(files) >= {DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", "identity.key"}
    assert set(files.values()) == {0o600}
    # No stored value is a plain SHA-256 of the identity number or of the request holding it
    # (the old Idempotency-Key hash, which a brute force over the masked digits recovered).
    request = {"service": "KONSULTASI", "visitor": VISITOR, "consent": True, "priority": False}
    plain = {hashlib.sha256(text.encode()).hexdigest() for text in (
        VISITOR["id_number"], f"KTP:{VISITOR['id_number']}",
        json.dumps(request, sort_keys=True),
        json.dumps({**request, "visitor_reference": None}, sort_keys=True),
    )}
    with sqlite3.connect(f"file:{fault_office.data_dir / DB_FILE}?mode=ro", uri=True) as db:
        stored = {value for table in ("idempotency", "guest_entries")
                  for row in db.execute(f"SELECT * FROM {table}") for value in row}
    assert not plain & stored
    assert VISITOR["id_number"] not in {str(v) for v in stored}


def test_a_full_disk_answers_json_and_recovers(fault_office: FaultOffice) -> None:
    for n in range(1, 4):
        fault_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    assert fault_office.server.process is not None
    server = psutil.Process(fault_office.server.process.pid)
    files = [fault_office.data_dir / DB_FILE, fault_office.data_dir / (DB_FILE + "-wal")]
    biggest = max(p.stat().st_size for p in files)
    # The server may not grow any file past its current size: the disk is "full".
    limits = server.rlimit(psutil.RLIMIT_FSIZE)
    server.rlimit(psutil.RLIMIT_FSIZE, (biggest, limits[1]))
    refused = None
    try:
        for n in range(4, 200):
            try:
                fault_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
            except ApiError as exc:
                refused = (n, exc)
                break
    finally:
        server.rlimit(psutil.RLIMIT_FSIZE, limits)
    assert refused is not None, "the write limit never bit"
    n, error = refused
    assert error.status == 503 and error.code == "storage_full"
    assert "penuh" in error.message("id")
    numbers = [t.number for t in fault_office.officer.tickets()]
    assert numbers == [f"K-{k:03d}" for k in range(1, n)]  # nothing half-written
    # space is back: the refused visitor takes the next number
    again = fault_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    assert again.number == f"K-{n:03d}"


