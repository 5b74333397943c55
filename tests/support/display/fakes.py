"""Display states as the server sends them, built by hand (the same fields as
``shared.api.models.DisplayOut``), and a player that records instead of sounding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from display.board import Announcement

WITA = timezone(timedelta(hours=8))
MORNING = datetime(2026, 11, 30, 8, 0, tzinfo=WITA)


@dataclass(frozen=True)
class Call:
    number: str
    desk: str
    called_at: datetime
    recall: bool = False
    service: str = "KONSULTASI"

    @property
    def desk_name(self) -> str:
        return f"Meja Konsultasi {self.desk}"


@dataclass(frozen=True)
class Desk:
    id: str
    current: str | None

    @property
    def name(self) -> str:
        return f"Meja Konsultasi {self.id}"


@dataclass(frozen=True)
class State:
    version: int
    calls: list[Call]
    desks: list[Desk]
    waiting: dict[str, int] = field(default_factory=dict)


class Office:
    """A little queue that produces display states the way the server does."""

    def __init__(self) -> None:
        self.version = 0
        self.calls: list[Call] = []
        self.desks = {"1": None, "2": None}
        self.waiting = 5
        self.minute = 0

    def call(self, number: str, desk: str, recall: bool = False) -> None:
        self.minute += 1
        self.calls.insert(0, Call(number, desk, MORNING + timedelta(minutes=self.minute), recall))
        self.desks[desk] = number
        if not recall:
            self.waiting -= 1
        self.version += 1

    def finish(self, desk: str) -> None:
        self.desks[desk] = None
        self.version += 1

    def state(self) -> State:
        return State(self.version, self.calls[:10],
                     [Desk(d, n) for d, n in self.desks.items()], {"KONSULTASI": self.waiting})


@dataclass
class RecordingPlayer:
    started: list[Announcement] = field(default_factory=list)
    pending: list[Callable[[], None]] = field(default_factory=list)

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        self.started.append(announcement)
        self.pending.append(done)

    def finish(self) -> None:
        self.pending.pop(0)()
