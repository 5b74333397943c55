"""Finding 10: the day's end. The real server runs with its office clock started just before
midnight (``--clock-start``); when the day changes, yesterday's open tickets are closed, the
desks are free and the numbering starts again."""

from __future__ import annotations

import requests

from shared.api.client import QueueClient
from tests.support.faults import StartOffice, visitor

# 23:59:52 WITA (Asia/Makassar, UTC+8) on Monday 30 November 2026; the default hours are open
# all day, which is when the orphaned tickets were found.
BEFORE_MIDNIGHT = "2026-11-30T23:59:52+08:00"


def _page(url: str) -> str:
    return requests.get(url, timeout=10).text


def test_open_tickets_close_at_midnight_and_the_day_starts_clean(
    start_office: StartOffice,
) -> None:
    office = start_office(clock_start=BEFORE_MIDNIGHT)
    called = office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    waiting = office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    assert office.officer.call_next("1") is not None
    assert "Mohon menunggu" in _page(waiting.status_url)
    board = office.client().display()
    version = board.version
    # A display long-polls across midnight: the day's end wakes it with the clean board.
    while board.version == version or board.waiting["KONSULTASI"]:
        board = QueueClient(office.url).display(since=board.version, wait=30)
    assert board.calls == [] and all(desk.current is None for desk in board.desks)

    for ticket in (called, waiting):
        page = _page(ticket.status_url)
        assert "hari layanan telah berakhir" in page and "end of the service day" in page
        assert "Mohon menunggu" not in page and "Silakan menuju" not in page
    yesterday = office.officer.tickets(date="2026-11-30")
    assert [(t.number, t.status) for t in yesterday] == [("K-001", "expired"),
                                                         ("K-002", "expired")]
    assert office.officer.tickets(date="2026-12-01") == []
    assert office.officer.call_next("1") is None  # desk 1 is free; nobody is waiting
    today = office.kiosk.take_ticket("KONSULTASI", visitor(3), consent=True)
    assert today.number == "K-001"
    assert office.officer.call_next("1").number == "K-001"  # type: ignore[union-attr]
