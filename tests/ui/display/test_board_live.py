"""The real display app against the real server process: an officer's call shows on the
board and is announced; quick calls take turns; the server goes away and comes back."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable

import pytest

from display.board import Announcement
from tests.support.display.audio import match_in_order
from tests.support.display.driver import DisplayProcess, take_tickets
from tests.support.offices import PERSONAL, Office

pytestmark = pytest.mark.slow

K1 = Announcement("K-001", "1", "Meja Konsultasi 1", False)
K2 = Announcement("K-002", "2", "Meja Konsultasi 2", False)
K1_RECALL = Announcement("K-001", "1", "Meja Konsultasi 1", True)
K3 = Announcement("K-003", "1", "Meja Konsultasi 1", False)
OFFLINE = "offline — menyambung ulang"


def displayed_status(office: Office) -> dict[str, object]:
    """The display's last heartbeat as the officers see it (waits for one to arrive)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        device = next(d for d in office.officer.devices() if d.name == "display-1")
        status = device.status or {}
        if device.last_seen_at and status.get("display", {}).get("state") == "ok":  # type: ignore[union-attr]
            return status
        time.sleep(0.2)
    raise AssertionError("no heartbeat from the display")


def test_calls_show_and_are_announced_in_turn_and_survive_a_server_restart(
    served_office: Office, start_display: Callable[[str], DisplayProcess]
) -> None:
    office = served_office
    take_tickets(office, 5)
    display = start_display("1920x1080")
    board = display.wait("waiting", [["Konsultasi Statistik", "5"]])
    assert board["latest_number"] == "—" and board["offline_badge"] == ""
    assert board["office"] == "Pelayanan Statistik Terpadu BPS Kabupaten Boalemo"

    office.officer.call_next("1")
    board = display.wait("latest_number", "K-001")
    assert board["latest_desk"] == "→ Meja Konsultasi 1"
    assert board["caption"] == "NOMOR ANTRIAN"
    assert board["highlighted"] is True
    assert board["desks"] == [["Meja Konsultasi 1", "K-001"], ["Meja Konsultasi 2", "—"]]
    assert board["waiting"] == [["Konsultasi Statistik", "4"]]
    text = str(board)
    for secret in PERSONAL + ["Pengunjung"]:
        assert secret not in text
    assert display.clipped() == []
    assert display.wait_said(1) == [["K-001", "Meja Konsultasi 1", False]]

    # two quick calls: the second waits for the first, both are said, in order
    office.officer.call_next("2")
    office.officer.recall(office.officer.tickets(status="called")[0].id)
    said = display.wait_said(3)
    assert said == [["K-001", "Meja Konsultasi 1", False], ["K-002", "Meja Konsultasi 2", False],
                    ["K-001", "Meja Konsultasi 1", True]]
    board = display.texts()
    assert (board["caption"], board["latest_number"]) == ("PANGGILAN ULANG", "K-001")
    assert board["recent"] == [["K-002", "Meja Konsultasi 2"]]

    # the sound that came out is those three announcements, one after the other
    scores = match_in_order(display.audio, [K1, K2, K1_RECALL])
    assert min(scores) > 0.9, scores
    swapped = match_in_order(display.audio, [K1, K1_RECALL, K2])
    assert swapped[1] < scores[1] and swapped[2] < scores[2], (scores, swapped)

    assert displayed_status(office)["display"]["board_version"] is not None  # type: ignore[index]

    # server gone: the last board stays, with the badge
    office.process.stop()
    board = display.wait("offline_badge", OFFLINE)
    assert board["latest_number"] == "K-001" and board["desks"][1] == ["Meja Konsultasi 2", "K-002"]
    assert display.clipped() == []
    shutil.copy(display.audio, display.audio.with_suffix(".before-restart"))

    # back, and meanwhile desk 1 finished and called the next: the board catches up, the
    # new call is announced once, the old ones not again
    office.process.start()
    office.officer.finish(office.officer.tickets(status="called")[0].id)
    office.officer.call_next("1")
    board = display.wait("latest_number", "K-003")
    assert board["offline_badge"] == ""
    assert board["desks"] == [["Meja Konsultasi 1", "K-003"], ["Meja Konsultasi 2", "K-002"]]
    said = display.wait_said(4)
    assert said[3:] == [["K-003", "Meja Konsultasi 1", False]]
    assert len(display.ask(do="said")) == 4
