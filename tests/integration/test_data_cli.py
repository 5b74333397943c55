"""``pst-antrian data purge / export / erase`` on the real SQLite file (UU PDP)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import psutil

from shared.core.calendar.clock import OfficeCalendar
from shared.core.feedback.reports import OfficeReports
from shared.core.settings import Settings
from shared.storage.identity_key import keyring_in
from shared.storage.sqlite.store import DB_FILE, SqliteStore
from tests.support.fakes import FakeClock
from tests.support.offices import VISITOR, Office, local_office, visitor
from tests.support.serverproc import cli

NUMBER = VISITOR["id_number"]
SECRETS = [VISITOR["name"], VISITOR["email"], VISITOR["phone"], NUMBER,
           NUMBER[:4] + "*" * 8 + NUMBER[-4:], "Universitas Negeri Gorontalo",
           "Saya Siti, terima kasih", "Hubungi saya di 0812", "Bu Siti minta data kemiskinan",
           "Siti akan kembali"]


def _seed(office: Office) -> None:
    """Siti visits twice (rating with a comment, a complaint with her email); Budi once."""
    for person, comment in ((VISITOR, "Saya Siti, terima kasih"),
                            (visitor(2, institution="BPS", email="budi@example.com",
                                     phone="082199998888"), "Cukup baik"),
                            (VISITOR, None)):
        ticket = office.kiosk.take_ticket("KONSULTASI", person, consent=True)
        called = office.officer.call_next("1")
        assert called is not None
        office.officer.finish(ticket.id)
        office.kiosk.rate(ticket.id, 3, [3, 4, 3, 4, 3, 4, 3, 4, 3], comment,
                          rating_code=ticket.rating_code)
        if person is VISITOR and comment:  # the officers' records of her first visit
            office.officer.set_note(ticket.id, "Bu Siti minta data kemiskinan")
            office.officer.mark_follow_up(ticket.id, "Siti akan kembali")
    office.kiosk.file_complaint("Hubungi saya di 0812 tentang data saya.",
                                contact_email=VISITOR["email"])


def _file_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.glob(DB_FILE + "*"))


def _figures(data_dir: Path, year: int = 2026) -> tuple[object, object]:
    """The year's report (visitors, times, calls, faces, IKM) and the all-time IKM."""
    store = SqliteStore(data_dir)
    try:
        reports = OfficeReports(store, OfficeCalendar(Settings()))
        report = reports.report(date(year, 1, 1), date(year, 12, 31))
        assert report.tickets == 3 and report.satisfaction.respondents == 3
        return report, reports.satisfaction(date(2020, 1, 1), date(2026, 12, 31))
    finally:
        store.close()


def test_export_then_erase_leaves_no_trace_and_the_same_figures(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with local_office(data_dir) as office:
        _seed(office)
    before = _figures(data_dir)
    stored = _file_bytes(data_dir)
    assert VISITOR["name"].encode() in stored and VISITOR["email"].encode() in stored

    exported = json.loads(cli("data", "export", "--data-dir", str(data_dir),
                              "--id-number", "7502 0141 0303 0001").stdout)
    assert [g["name"] for g in exported["guest_book"]] == [VISITOR["name"]] * 2
    assert [t["number"] for t in exported["tickets"]] == ["K-001", "K-003"]
    assert exported["ratings"][0]["comment"] == "Saya Siti, terima kasih"
    assert exported["complaints"][0]["contact_email"] == VISITOR["email"]
    assert {n["note"] for n in exported["officers_notes"]} == {
        "Bu Siti minta data kemiskinan", "Siti akan kembali"}

    erased = cli("data", "erase", "--data-dir", str(data_dir), "--id-number", NUMBER)
    assert "erased: 2 guest-book entries" in erased.stdout
    assert NUMBER not in erased.stdout + erased.stderr

    stored = _file_bytes(data_dir)
    for secret in SECRETS:
        assert secret.encode() not in stored, secret
    fingerprint = keyring_in(data_dir).fingerprint("KTP", NUMBER)
    assert fingerprint.encode() not in stored
    assert b"Cukup baik" in stored and b"BPS" in stored  # the other visitor's data stays
    assert _figures(data_dir) == before

    again = cli("data", "export", "--data-dir", str(data_dir), "--id-number", NUMBER,
                check=False)
    assert again.returncode == 1 and "Nothing is kept" in again.stderr


def test_purge_dry_run_then_purge(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    long_ago = FakeClock(datetime(2025, 1, 6, 1, 0, tzinfo=UTC))  # Monday, 09:00 WITA
    with local_office(data_dir, clock=long_ago) as office:
        _seed(office)
    before = _figures(data_dir, 2025)

    dry = cli("data", "purge", "--data-dir", str(data_dir), "--dry-run")
    assert ("would erase 3 guest-book entries, 2 rating comments and the text and contact"
            " of 1 complaints") in dry.stdout
    assert VISITOR["name"].encode() in _file_bytes(data_dir)

    done = cli("data", "purge", "--data-dir", str(data_dir))
    assert "erased 3 guest-book entries, 2 rating comments" in done.stdout
    stored = _file_bytes(data_dir)
    for secret in (VISITOR["name"], VISITOR["email"], VISITOR["phone"], NUMBER,
                   "Saya Siti", "Cukup baik", "tentang data saya"):
        assert secret.encode() not in stored, secret
    assert _figures(data_dir, 2025) == before
    nothing = cli("data", "purge", "--data-dir", str(data_dir), "--dry-run")
    assert "would erase 0 guest-book entries" in nothing.stdout


def test_without_a_database_it_says_so(tmp_path: Path) -> None:
    result = cli("data", "erase", "--data-dir", str(tmp_path), "--id-number", NUMBER,
                 check=False)
    assert result.returncode == 2 and "no database" in result.stderr


def test_the_number_comes_on_stdin_and_contacts_typed_differently_go_too(
    tmp_path: Path
) -> None:
    """``--id-number-stdin`` keeps the number out of the process's arguments (``ps``, shell
    history); the complaints whose contact was typed in another form are found and erased."""
    data_dir = tmp_path / "data"
    zulk = visitor(7, email="zulk.unique123@example.org", phone="081299887766")
    with local_office(data_dir) as office:
        office.kiosk.take_ticket("KONSULTASI", zulk, consent=True)
        office.kiosk.file_complaint("Antrean terlalu lama hari ini.",
                                    contact_email="Zulk.Unique123@example.org")
        office.kiosk.file_complaint("AC ruang tunggu mati.", contact_phone="+6281299887766")
    number = zulk["id_number"]

    export = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "data", "export", "--data-dir", str(data_dir),
         "--id-number-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        args = psutil.Process(export.pid).cmdline()
        while "--id-number-stdin" not in args:  # until the fork has become the command
            assert time.monotonic() < deadline, args
            args = psutil.Process(export.pid).cmdline()
        assert not any(number in a for a in args)
        out, err = export.communicate(number + "\n", timeout=60)
    finally:
        export.kill()
    assert export.returncode == 0, err
    exported = json.loads(out)
    assert [(c["contact_email"], c["contact_phone"]) for c in exported["complaints"]] == [
        ("zulk.unique123@example.org", None), (None, "081299887766")]

    erased = cli("data", "erase", "--data-dir", str(data_dir), "--id-number-stdin",
                 stdin=number + "\n")
    assert "2 complaints" in erased.stdout
    stored = _file_bytes(data_dir).lower()
    for secret in ("zulk.unique123", "81299887766", "antrean terlalu lama", "ac ruang tunggu"):
        assert secret.encode() not in stored, secret
    nothing = cli("data", "erase", "--data-dir", str(data_dir), "--id-number-stdin",
                  stdin="\n", check=False)
    assert nothing.returncode == 2 and "standard input" in nothing.stderr
