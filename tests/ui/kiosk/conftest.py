"""The kiosk app running for real in this process (offscreen, no X), against the real server
process on loopback with a real SQLite file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.kiosk_driver import KioskDriver, kiosk_settings, prepare_kivy
from tests.support.offices import Office


@pytest.fixture
def kiosk_for(tmp_path: Path) -> Iterator[Callable[..., KioskDriver]]:
    """``kiosk_for(office, **settings)``: the kiosk app on that office's server."""
    # Kivy is configured (and imported) only when a kiosk test runs: importing it at
    # collection time upsets other tests (hypothesis in tests/fuzz sees flaky data).
    prepare_kivy(os.environ.get("KIOSK_UI_SIZE", "1080x1920"))
    running: list[KioskDriver] = []

    def start(office: Office, **changes: object) -> KioskDriver:
        forget_screen_rules()
        driver = KioskDriver(kiosk_settings(office.url, **changes), office.kiosk_token)
        running.append(driver)
        driver.wait_for(lambda: driver.view.connected, "the services from the server")
        return driver

    yield start
    for driver in running:
        driver.stop()


@pytest.fixture
def kiosk(served_office: Office, kiosk_for: Callable[..., KioskDriver]) -> KioskDriver:
    return kiosk_for(served_office)


def forget_screen_rules() -> None:
    """Each kiosk starts as in a fresh process: a screen's kv rules load when the screen is
    first shown, so one screen must not lean on another's rules (an earlier test in this
    process would otherwise have loaded them and hidden the crash)."""
    from kivy.lang import Builder

    from kiosk.screens import SCREENS

    for screen in SCREENS.values():
        Builder.unload_file(screen.kv_file)
