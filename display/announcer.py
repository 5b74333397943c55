"""Announcements one after the other: a call that arrives while another plays waits its turn;
none overlaps, none is dropped. Plain Python, used from the Kivy main thread only; the
:class:`Player` does the sound (``display/sound.py``) and says when it has finished."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Protocol

from display.board import Announcement

__all__ = ["Announcer", "Player"]


class Player(Protocol):
    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        """Start saying ``announcement``; call ``done`` (on the main thread) when it ends,
        also when it could not be played."""


class Announcer:
    def __init__(self, player: Player, muted: bool = False, history: int = 50):
        self._player = player
        self.muted = muted
        self._waiting: deque[Announcement] = deque()
        self._playing: Announcement | None = None
        # What was said, newest last (numbers and desks only), for the heartbeat and the tests.
        self.said: deque[Announcement] = deque(maxlen=history)

    @property
    def playing(self) -> Announcement | None:
        return self._playing

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def announce(self, announcements: list[Announcement]) -> None:
        if self.muted:
            return
        self._waiting.extend(announcements)
        if self._playing is None:
            self._next()

    def _next(self) -> None:
        if not self._waiting:
            self._playing = None
            return
        self._playing = self._waiting.popleft()
        playing = self._playing
        self._player.play(playing, lambda: self._finished(playing))

    def _finished(self, announcement: Announcement) -> None:
        if announcement is not self._playing:
            return  # a late second "done" from a player: ignore it
        self.said.append(announcement)
        self._next()
