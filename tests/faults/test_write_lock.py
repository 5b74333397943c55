"""Finding 4 and 16: another process holds the SQLite write lock (a backup tool, a stuck
script). Reads go on, writes answer a JSON 503 with Retry-After before the kiosk gives up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from shared.api.client import ApiError
from shared.storage.sqlite.store import DB_FILE
from tests.support.faults import FaultOffice, visitor
from tests.support.serverproc import add_device


@contextmanager
def write_lock_held(data_dir: Path) -> Iterator[None]:
    """This test process (not the server) holds the database's write lock."""
    other = sqlite3.connect(data_dir / DB_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_reads_go_on_while_another_process_holds_the_write_lock(fault_office: FaultOffice) -> None:
    ticket = fault_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    # never seen: not cached
    fresh_display = add_device(fault_office.data_dir, "display-9", "display")
    with write_lock_held(fault_office.data_dir):
        health = requests.get(f"{fault_office.url}/api/v1/health", timeout=5)
        assert health.json() == {"status": "ok"}
        page = requests.get(ticket.status_url, timeout=5)
        assert page.status_code == 200 and "Mohon menunggu" in page.text
        board = fault_office.client().display()
        assert board.waiting["KONSULTASI"] == 1
        assert [t.number for t in fault_office.officer.tickets()] == ["K-001"]
        # a token never checked before is checked without the write lock too
        display = requests.get(f"{fault_office.url}/api/v1/devices", timeout=5,
                               headers={"Authorization": f"Bearer {fresh_display}"})
        assert display.status_code == 403  # known token, wrong role: it was looked up


def test_a_write_answers_503_with_retry_after_before_the_kiosk_gives_up(
    fault_office: FaultOffice,
) -> None:
    with write_lock_held(fault_office.data_dir):
        # The kiosk's client waits 5 s; it gets the server's answer, not a timeout.
        with pytest.raises(ApiError) as busy:
            fault_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
        assert busy.value.status == 503
        assert busy.value.code == "storage_busy"
        assert "coba lagi" in busy.value.message("id")
        raw = requests.post(
            f"{fault_office.url}/api/v1/desks/1/call-next", timeout=5,
            headers={"Authorization": f"Bearer {fault_office.officer.token}"},
        )
        assert raw.status_code == 503
        assert raw.headers["content-type"] == "application/json"
        assert int(raw.headers["retry-after"]) > 0
    # The lock is gone: the same visitor takes the ticket; nothing half-written before.
    ticket = fault_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    assert ticket.number == "K-001"
    assert len(fault_office.officer.tickets()) == 1


def test_the_phone_rating_form_answers_503_with_retry_after_and_keeps_the_answers(
    fault_office: FaultOffice,
) -> None:
    """Issue 17, item 13: the phone's rating form said 409 when storage was busy."""
    ticket = fault_office.kiosk.take_ticket("KONSULTASI", visitor(3), consent=True)
    called = fault_office.officer.call_next("1")
    assert called is not None and called.id == ticket.id
    fault_office.officer.finish(ticket.id)
    token = ticket.status_url.rsplit("/", 1)[1]
    with write_lock_held(fault_office.data_dir):
        page = requests.post(f"{fault_office.url}/t/{token}/rating", timeout=10,
                             data={"overall": "3", "comment": "Petugas ramah"})
        assert page.status_code == 503
        assert int(page.headers["retry-after"]) > 0
        assert "Server sedang sibuk" in page.text and "try again in a moment" in page.text
        assert 'value="3" checked' in page.text and "Petugas ramah" in page.text
        complaint = requests.post(f"{fault_office.url}/t/{token}/pengaduan", timeout=10,
                                  data={"text": "Kursi ruang tunggu kurang."})
        assert complaint.status_code == 503 and int(complaint.headers["retry-after"]) > 0
        assert "Server sedang sibuk" in complaint.text
        assert "Kursi ruang tunggu kurang." in complaint.text
    # the lock is gone: the same answers are taken
    again = requests.post(f"{fault_office.url}/t/{token}/rating", timeout=10, allow_redirects=False,
                          data={"overall": "3", "comment": "Petugas ramah"})
    assert again.status_code == 303
