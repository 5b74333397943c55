"""The office's PIN pad, which leaves the kiosk: five quick taps on the office's name open it.

No Kivy. The PIN is checked against the hash from the settings on the worker (~0.15 s); after
wrong PINs the pad locks for a growing wait (``kiosk.pin``). The count of wrong PINs survives
the idle wipe (a visitor cannot reset it by waiting), not a restart of the kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from ..pin import verify_pin, wait_after
from .view import KioskView

log = logging.getLogger("pst_antrian.kiosk")

T = TypeVar("T")


class AdminPinHost(Protocol):
    """What the PIN pad needs of the kernel."""

    @property
    def view(self) -> KioskView: ...
    def show(self, view: KioskView) -> None: ...
    def touched(self) -> None: ...
    def now(self) -> float: ...
    def submit(self, job: Callable[[], T], done: Callable[[T | Exception], None]) -> None: ...


class AdminPinPresenter:
    def __init__(self, host: AdminPinHost, pin_hash: str) -> None:
        self._host = host
        self._pin_hash = pin_hash
        self._exit_listeners: list[Callable[[], None]] = []
        self._failures = 0  # wrong PINs in a row: kept through the idle wipe
        self._locked_until = 0.0
        self._checking = False

    def on_exit(self, listener: Callable[[], None]) -> None:
        """Called when the office's PIN was entered to leave the kiosk."""
        self._exit_listeners.append(listener)

    @property
    def checking(self) -> bool:
        """A PIN is being checked on the worker."""
        return self._checking

    def ask(self) -> None:
        self._host.touched()
        self._show(True, False, self._wait(self._host.now()))

    def close(self) -> None:
        self._host.touched()
        self._show(False, False, None)

    def tick(self, now: float) -> None:
        """The pad's wait counts down while it is open."""
        if self._host.view.admin:
            self._host.show(replace(self._host.view, admin_wait=self._wait(now)))

    def enter_pin(self, pin: str) -> None:
        """Check ``pin`` against the hash from the settings, on the worker (~0.15 s). While
        the pad is locked after wrong PINs, nothing is checked: the wait shows again."""
        host = self._host
        host.touched()
        wait = self._wait(host.now())
        if wait is not None or self._checking:
            host.show(replace(host.view, admin_wait=wait))
            return
        self._checking = True
        stored = self._pin_hash

        def done(right: bool | Exception) -> None:
            self._checking = False
            if right is True:
                self._failures = 0
                self._show(False, False, None)
                for listener in self._exit_listeners:
                    listener()
                return
            self._failures += 1
            self._locked_until = host.now() + wait_after(self._failures)
            log.warning("wrong PIN on the kiosk's pad (%d in a row)", self._failures)
            host.show(replace(host.view, admin_error=True, admin_wait=self._wait(host.now())))

        host.submit(lambda: verify_pin(pin, stored), done)

    def _show(self, shown: bool, error: bool, wait: int | None) -> None:
        self._host.show(replace(self._host.view, admin=shown, admin_error=error,
                                admin_wait=wait))

    def _wait(self, now: float) -> int | None:
        """Whole seconds left of the PIN pad's lock, None when it takes PINs."""
        left = self._locked_until - now
        return int(left + 0.999) if left > 0 else None
