"""Tells the server the display is alive (``POST /devices/me/status``) every few seconds, so
the officers' ``GET /devices`` shows a display that went dark. Its own thread and its own
client: a failed heartbeat is only logged and tried again next time."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from shared.api.client import ClientError

__all__ = ["Heartbeat"]

log = logging.getLogger(__name__)


class _Client(Protocol):
    def report_status(self, status: dict[str, Any]) -> Any: ...


class Heartbeat:
    def __init__(
        self, client: _Client, status: Callable[[], dict[str, Any]], every: float = 30.0
    ):
        self._client = client
        self._status = status
        self._every = every
        self._stop = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self.run, name="display-heartbeat", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def beat(self) -> bool:
        try:
            self._client.report_status({"display": self._status()})
        except ClientError as exc:
            log.debug("display: heartbeat not delivered (%s)", exc)
            return False
        return True

    def run(self) -> None:
        while not self._stop.is_set():
            self.beat()
            self._stop.wait(self._every)
