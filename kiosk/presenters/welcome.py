"""Welcome's part: the office and its services, read at the start, re-read every minute (sooner
while the server is unreachable), and the kiosk's heartbeat to the server. No Kivy."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from shared.api.models import OfficeOut, ServiceOut

from .errors import short
from .kernel import Timing
from .view import KioskView

log = logging.getLogger("pst_antrian.kiosk")

T = TypeVar("T")


class WelcomeHost(Protocol):
    """What Welcome needs of the kernel."""

    timing: Timing

    @property
    def view(self) -> KioskView: ...
    def show(self, view: KioskView) -> None: ...
    def now(self) -> float: ...
    def submit(self, job: Callable[[], T], done: Callable[[T | Exception], None]) -> None: ...


class WelcomeBackend(Protocol):
    def office(self) -> OfficeOut: ...
    def services(self) -> list[ServiceOut]: ...
    def heartbeat(self) -> None: ...


class WelcomePresenter:
    def __init__(self, host: WelcomeHost, backend: WelcomeBackend) -> None:
        self._host = host
        self._backend = backend
        self._loading = False
        self._load_at: float | None = host.now()
        self._heartbeat_at = host.now()

    def load(self) -> None:
        """Read the office and its services (once at a time)."""
        if self._loading:
            return
        self._loading = True
        self._load_at = None

        def job() -> tuple[OfficeOut, list[ServiceOut]]:
            return self._backend.office(), self._backend.services()

        self._host.submit(job, self._loaded)

    def _loaded(self, result: tuple[OfficeOut, list[ServiceOut]] | Exception) -> None:
        self._loading = False
        host = self._host
        if isinstance(result, Exception):
            log.warning("services not read: %s", short(result))
            self._load_at = host.now() + host.timing.retry_seconds
            host.show(replace(host.view, connected=False))
            return
        office, services = result
        self._load_at = host.now() + host.timing.refresh_seconds
        host.show(replace(host.view, office=office, services=tuple(services), connected=True))

    def load_when_due(self, now: float) -> None:
        if self._load_at is not None and now >= self._load_at:
            self.load()

    def report_when_due(self, now: float) -> None:
        """The heartbeat: the printer's state (and so the kiosk's) to the server."""
        if now - self._heartbeat_at >= self._host.timing.heartbeat_seconds:
            self._heartbeat_at = now
            self._host.submit(self._backend.heartbeat, _reported)

    def reload_soon(self) -> None:
        """After a wipe: read the services again at the next tick."""
        self._load_at = self._host.now()


def _reported(result: object) -> None:
    if isinstance(result, Exception):
        log.warning("status report failed: %s", short(result))
