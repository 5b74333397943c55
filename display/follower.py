"""Follows the queue server from a background thread: long-polls ``/display`` and hands each
answer (or the news that the server is unreachable) to ``deliver``, which in the app moves it
to the Kivy main thread. Retries with back-off and recovers by itself."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from shared.api.client import ClientError

__all__ = ["Follower", "StateArrived", "ServicesKnown", "OfficeKnown", "WentOffline", "Event"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StateArrived:
    state: Any  # shared.api.models.DisplayOut


@dataclass(frozen=True)
class ServicesKnown:
    names: dict[str, str]


@dataclass(frozen=True)
class OfficeKnown:
    office: Any  # shared.api.models.OfficeOut


@dataclass(frozen=True)
class WentOffline:
    reason: str


Event = StateArrived | ServicesKnown | OfficeKnown | WentOffline


class _Client(Protocol):
    def display(self, since: int | None = None, wait: float = 25.0) -> Any: ...
    def services(self) -> Sequence[Any]: ...
    def office(self) -> Any: ...


BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0)  # seconds before each retry; the last one repeats


class Follower:
    def __init__(
        self,
        client: _Client,
        deliver: Callable[[Event], None],
        wait: float = 25.0,
        backoff: Sequence[float] = BACKOFF,
    ):
        self._client = client
        self._deliver = deliver
        self._wait = wait
        self._backoff = backoff
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="display-follower", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stops after the request in flight (the thread is a daemon: exit does not wait)."""
        self._stop.set()

    def run(self) -> None:
        since: int | None = None
        failures = 0
        while not self._stop.is_set():
            try:
                if failures or since is None:  # (re)connected: names may have changed
                    self._deliver(OfficeKnown(self._client.office()))
                    services = self._client.services()
                    self._deliver(ServicesKnown({s.code: s.name for s in services}))
                # After a failure ask without ``since``: the answer comes at once, so the
                # badge goes as soon as the server is back, not after a whole long poll.
                state = self._client.display(None if failures else since, self._wait)
            except ClientError as exc:
                if not failures:
                    log.warning("display: server unreachable (%s); retrying", exc)
                self._deliver(WentOffline(str(exc)))
                self._stop.wait(self._backoff[min(failures, len(self._backoff) - 1)])
                failures += 1
                continue
            if failures:
                log.info("display: server reachable again")
            failures = 0
            since = state.version
            self._deliver(StateArrived(state))
