"""The board at both TV sizes: a fresh call and the offline badge, nothing cut off; the
running text's cheap frames leave the picture as a whole redraw would."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.display.driver import DisplayProcess, take_tickets
from tests.support.offices import Office

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("size", ["1366x768", "1920x1080"])
def test_fresh_call_and_offline_badge_fit_the_screen(
    served_office: Office, start_display: Callable[[str], DisplayProcess], size: str
) -> None:
    office = served_office
    take_tickets(office, 12)
    serving = {}
    for desk in ("1", "2", "1", "2", "1"):  # K-001 .. K-005, desks taking turns
        if desk in serving:
            office.officer.finish(serving[desk])
        called = office.officer.call_next(desk)
        assert called is not None
        serving[desk] = called.id
    display = start_display(size)
    assert display.ready == {"ready": [int(v) for v in size.split("x")]}
    display.wait("latest_number", "K-005")
    office.officer.finish(serving["1"])
    office.officer.call_next("1")
    board = display.wait("latest_number", "K-006")
    assert board["highlighted"] is True
    assert board["recent"] == [["K-005", "Meja Konsultasi 1"], ["K-004", "Meja Konsultasi 2"],
                               ["K-003", "Meja Konsultasi 1"], ["K-002", "Meja Konsultasi 2"],
                               ["K-001", "Meja Konsultasi 1"]]
    assert board["waiting"] == [["Konsultasi Statistik", "6"]]
    assert display.clipped() == []
    display.screenshot(f"board-{size}-call.png")

    office.process.stop()
    board = display.wait("offline_badge", "offline — menyambung ulang")
    assert board["latest_number"] == "K-006"
    assert display.clipped() == []
    display.screenshot(f"board-{size}-offline.png")

    # The running text moves on for 20 frames, redrawing only its band (Mesa draws in
    # software here): what is then on screen is exactly the board drawn whole.
    check = display.ask(do="redrawn_whole", frames=20)
    assert check["band_frames"] >= 3 and check["last_was_band"], check
    assert check["differing_pixels"] == 0, check
