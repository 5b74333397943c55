"""The board's state, in plain Python: what the latest call is, what to highlight, what to
announce, offline or not. The Kivy screen only shows a :class:`BoardView`; the tests drive a
:class:`Board` with display states and a clock of their own.

What gets announced: every call or recall the board has not seen before, provided it is still
current (its desk still serves that number), oldest first. The first state after start only
fills the board (a display switched on at noon does not replay the morning). Coming back
after a network failure, the calls made meanwhile that are still current are announced once;
calls already announced are not, because each call is known by its number, desk, time and
recall flag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

__all__ = [
    "Announcement",
    "Board",
    "BoardView",
    "CallLine",
    "DeskPanel",
    "WaitingLine",
]


class _Call(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def desk(self) -> str: ...
    @property
    def desk_name(self) -> str: ...
    @property
    def called_at(self) -> datetime: ...
    @property
    def recall(self) -> bool: ...


class _Desk(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def current(self) -> str | None: ...


class _State(Protocol):
    """What the board reads of the server's ``DisplayOut``."""

    @property
    def version(self) -> int: ...
    @property
    def calls(self) -> Sequence[_Call]: ...
    @property
    def desks(self) -> Sequence[_Desk]: ...
    @property
    def waiting(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class Announcement:
    """A call to say out loud. Numbers and desks only: the board knows no person."""

    number: str
    desk: str
    desk_name: str
    recall: bool


@dataclass(frozen=True)
class CallLine:
    number: str
    desk_name: str
    recall: bool


@dataclass(frozen=True)
class DeskPanel:
    name: str
    current: str | None


@dataclass(frozen=True)
class WaitingLine:
    service: str
    count: int


@dataclass(frozen=True)
class BoardView:
    connected: bool  # False until the first state arrives
    offline: bool
    latest: CallLine | None
    highlighted: bool
    desks: tuple[DeskPanel, ...]
    recent: tuple[CallLine, ...]
    waiting: tuple[WaitingLine, ...]


_CallKey = tuple[str, str, datetime, bool]


def _key(call: _Call) -> _CallKey:
    return (call.number, call.desk, call.called_at, call.recall)


class Board:
    def __init__(self, recent_calls: int = 6, highlight_seconds: float = 8.0):
        self.recent_calls = recent_calls
        self.highlight_seconds = highlight_seconds
        self._state: _State | None = None
        self._seen: set[_CallKey] = set()
        self._services: dict[str, str] = {}
        self._offline = False
        self._highlight_until = float("-inf")

    @property
    def version(self) -> int | None:
        return self._state.version if self._state else None

    @property
    def offline(self) -> bool:
        return self._offline

    def services_known(self, names: Mapping[str, str]) -> None:
        """Service code -> the name visitors read (from the server's ``/services``)."""
        self._services = dict(names)

    def went_offline(self) -> None:
        """The server cannot be reached: keep showing the last board, with the badge."""
        self._offline = True

    def update(self, state: _State, now: float) -> list[Announcement]:
        """Show ``state`` (``now`` on a monotonic clock); the calls to announce, oldest first."""
        first = self._state is None
        self._offline = False
        self._state = state
        new = [c for c in state.calls if _key(c) not in self._seen]
        # Only the keys the server still lists can come back, so the set stays small.
        self._seen = {_key(c) for c in state.calls}
        if first or not new:
            return []
        if state.calls and _key(state.calls[0]) in {_key(c) for c in new}:
            self._highlight_until = now + self.highlight_seconds
        serving = {d.id: d.current for d in state.desks}
        announced: list[Announcement] = []
        said_at: set[str] = set()
        for call in new:  # newest first: one announcement per desk, its latest call
            if call.desk in said_at or serving.get(call.desk) != call.number:
                continue
            said_at.add(call.desk)
            announced.append(Announcement(call.number, call.desk, call.desk_name, call.recall))
        return announced[::-1]

    def highlight_ends(self, now: float) -> float | None:
        """When the highlight of the latest call ends, or None when nothing is highlighted."""
        return self._highlight_until if self._highlight_until > now else None

    def view(self, now: float) -> BoardView:
        state = self._state
        if state is None:
            return BoardView(False, self._offline, None, False, (), (), ())
        lines = [CallLine(c.number, c.desk_name, c.recall) for c in state.calls]
        latest = lines[0] if lines else None
        recent: list[CallLine] = []
        shown = {latest.number} if latest else set()
        for line in lines[1:]:  # each ticket once, at its latest call
            if line.number not in shown and len(recent) < self.recent_calls:
                recent.append(line)
                shown.add(line.number)
        order = list(self._services)
        waiting = sorted(state.waiting.items(),
                         key=lambda item: order.index(item[0]) if item[0] in order else 99)
        return BoardView(
            connected=True,
            offline=self._offline,
            latest=latest,
            highlighted=latest is not None and self._highlight_until > now,
            desks=tuple(DeskPanel(d.name, d.current) for d in state.desks),
            recent=tuple(recent),
            waiting=tuple(WaitingLine(self._services.get(code, code), n) for code, n in waiting),
        )
