"""Headless Debian Chromium driven by Playwright (no browser download: /usr/bin/chromium)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.support.offices import Office, start_office

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail("Debian chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    """Where the tests leave their screenshots, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def web_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """A real server process on loopback, one per test module: the browser needs a socket."""
    started = start_office(tmp_path_factory.mktemp("web"))
    yield started
    started.process.stop()
