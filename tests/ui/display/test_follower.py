"""The display follows the server by long polling; a failure shows offline, a retry follows
with back-off, and after the server is back the board gets the current state at once."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from display.follower import Follower, OfficeKnown, ServicesKnown, StateArrived, WentOffline
from display.heartbeat import Heartbeat
from shared.api.client import ApiError, Offline
from tests.support.display.fakes import Office


@dataclass(frozen=True)
class Service:
    code: str
    name: str


class ScriptedClient:
    """Answers ``display`` from a script: a state, or an exception to raise."""

    def __init__(self, script: list[Any], follower_stop: threading.Event) -> None:
        self.script = script
        self.asked: list[int | None] = []
        self.stop = follower_stop

    def office(self) -> str:
        if self.script and isinstance(self.script[0], Exception):
            raise self.script.pop(0)
        return "the office"

    def services(self) -> list[Service]:
        return [Service("KONSULTASI", "Konsultasi Statistik")]

    def display(self, since: int | None = None, wait: float = 25.0) -> Any:
        self.asked.append(since)
        item = self.script.pop(0)
        if not self.script:
            self.stop.set()
        if isinstance(item, Exception):
            raise item
        return item


def run(script: list[Any]) -> tuple[list[Any], ScriptedClient, list[float]]:
    events: list[Any] = []
    waits: list[float] = []
    follower = Follower(None, events.append, wait=20)  # type: ignore[arg-type]
    client = ScriptedClient(script, follower._stop)
    follower._client = client
    original_wait = follower._stop.wait

    def recorded_wait(seconds: float | None = None) -> bool:
        waits.append(seconds or 0)
        return original_wait(0)

    follower._stop.wait = recorded_wait  # type: ignore[method-assign]
    follower.run()
    return events, client, waits


def test_long_polls_from_the_last_version() -> None:
    office = Office()
    first = office.state()
    office.call("K-001", "1")
    second = office.state()
    events, client, _ = run([first, second])
    assert client.asked == [None, first.version]
    assert events == [OfficeKnown("the office"),
                      ServicesKnown({"KONSULTASI": "Konsultasi Statistik"}),
                      StateArrived(first), StateArrived(second)]


def test_unreachable_server_goes_offline_backs_off_and_recovers() -> None:
    office = Office()
    before = office.state()
    office.call("K-001", "1")
    after = office.state()
    down = Offline("connection refused")
    events, client, waits = run([before, down, down, down, ApiError(503, "busy"), after])
    assert [type(e).__name__ for e in events] == [
        "OfficeKnown", "ServicesKnown", "StateArrived", "WentOffline", "WentOffline",
        "WentOffline", "WentOffline", "OfficeKnown", "ServicesKnown", "StateArrived"]
    assert waits == [0.5, 1.0, 2.0, 4.0]
    # retries ask for /office first; back, it asks without a version: the state comes at once
    assert client.asked == [None, before.version, None]
    assert isinstance(events[-1], StateArrived) and events[-1].state == after
    assert isinstance(events[3], WentOffline) and "refused" in events[3].reason


class StatusClient:
    def __init__(self, fail: bool) -> None:
        self.fail = fail
        self.reports: list[dict[str, Any]] = []

    def report_status(self, status: dict[str, Any]) -> None:
        if self.fail:
            raise Offline("down")
        self.reports.append(status)


def test_heartbeat_reports_the_display_state_and_survives_a_failure() -> None:
    client = StatusClient(fail=True)
    beat = Heartbeat(client, lambda: {"state": "ok", "board_version": 7})
    assert beat.beat() is False
    client.fail = False
    assert beat.beat() is True
    assert client.reports == [{"display": {"state": "ok", "board_version": 7}}]
