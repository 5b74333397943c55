"""The API tests' office: the app in-process on a real SQLite file, with a set clock (see
``tests/support/offices.py``). Tests that need a real server process start one themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.offices import Office, local_office, settings_from


@pytest.fixture
def api_office(tmp_path: Path) -> Iterator[Office]:
    """A kiosk, a display, an officer and an admin on a fresh office, Monday 09:00 WITA."""
    with local_office(tmp_path / "data") as started:
        yield started


@pytest.fixture
def api_office_with(tmp_path: Path) -> Iterator[Callable[[str], Office]]:
    """An office with a given TOML configuration: ``api_office_with(toml_text)``."""
    with ExitStack() as stack:

        def start(config: str) -> Office:
            settings = settings_from(tmp_path, config)
            return stack.enter_context(local_office(tmp_path / "data", settings))

        yield start
