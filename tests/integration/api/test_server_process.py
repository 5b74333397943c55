"""What only the real server process shows: the log it writes and the files it leaves."""

from __future__ import annotations

from pathlib import Path

from tests.support.offices import PERSONAL, VISITOR, start_office


def test_identity_number_never_in_the_database_file_or_logs(tmp_path: Path) -> None:
    office = start_office(tmp_path)
    try:
        office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
        office.kiosk.lookup_visitor("KTP", VISITOR["id_number"])
        office.officer.call_next("1")
    finally:
        office.process.stop()
    files = office.process.data_dir.glob("pst-antrian.sqlite3*")
    stored = b"".join(p.read_bytes() for p in files)
    assert VISITOR["id_number"].encode() not in stored
    assert VISITOR["name"].encode() in stored  # the guest book itself is kept
    log = office.process.log()
    assert "ticket K-001 issued" in log and "ticket K-001 called to desk 1" in log
    for secret in PERSONAL + [VISITOR["email"]]:
        assert secret not in log
