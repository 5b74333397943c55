"""The waiting-room display follows the queue by long polling and never sees a person."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from shared.server.changes import ChangeFeed
from tests.support.offices import PERSONAL, VISITOR, Office


def test_display_shows_calls_newest_first_desks_and_waiting(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    api_office.kiosk.take_ticket("KONSULTASI", {**VISITOR, "id_number": "7502014103030002"}, True)
    api_office.kiosk.take_ticket("KONSULTASI", {**VISITOR, "id_number": "7502014103030003"}, True)
    first = api_office.officer.call_next("1")
    api_office.officer.call_next("2")
    assert first is not None
    api_office.officer.recall(first.id)
    state = api_office.public.display()
    assert [(c.number, c.desk, c.recall) for c in state.calls] == [
        ("K-001", "1", True), ("K-002", "2", False), ("K-001", "1", False)
    ]
    assert state.calls[0].desk_name == "Meja Konsultasi 1"
    assert {d.id: d.current for d in state.desks} == {"1": "K-001", "2": "K-002"}
    assert state.waiting == {"KONSULTASI": 1}
    text = str(state)
    for secret in PERSONAL + [VISITOR["email"], "Pengunjung"]:
        assert secret not in text


def test_long_poll_wakes_when_an_officer_calls(
    api_office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    version = api_office.public.display().version
    seen: dict[str, Any] = {}
    waiting = threading.Event()
    wait_beyond = ChangeFeed.wait_beyond

    async def noted(feed: ChangeFeed, since: int, timeout: float) -> int:
        waiting.set()
        return await wait_beyond(feed, since, timeout)

    monkeypatch.setattr(ChangeFeed, "wait_beyond", noted)

    def display_waits() -> None:
        seen["state"] = api_office.public.display(since=version, wait=20)
        seen["at"] = time.monotonic()

    watcher = threading.Thread(target=display_waits)
    watcher.start()
    assert waiting.wait(30), "the display's long poll never reached the server"
    assert "state" not in seen
    api_office.officer.call_next("1")
    called_at = time.monotonic()
    watcher.join(10)
    assert not watcher.is_alive()
    assert seen["state"].version > version
    assert seen["state"].calls[0].number == "K-001"
    assert seen["at"] >= called_at - 0.2  # it answered because of the call, not before


def test_long_poll_times_out_with_the_same_state(api_office: Office) -> None:
    state = api_office.public.display()
    again = api_office.public.display(since=state.version, wait=0.3)
    assert again == state


def test_stale_version_answers_at_once(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    state = api_office.public.display(since=0, wait=30)  # would hang for 30 s if it waited
    assert state.waiting == {"KONSULTASI": 1}
