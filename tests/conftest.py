"""The API tests' office: the app in-process on a real SQLite file, with a set clock (see
``tests/support/offices.py``). Tests that need a real server process start one themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.offices import Office, local_office, settings_from

# ``served_office``: the real server process (tests/support/served.py).
pytest_plugins = ("tests.support.served",)

# No time limit per example: on a loaded machine a slow example is not a failure (timings are
# measured in bench/, not asserted in tests).
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """A kiosk, a display, an officer and an admin on a fresh office, Monday 09:00 WITA.
    (The printer tests' own ``office`` fixture, the office printed on paper, overrides it.)"""
    with local_office(tmp_path / "data") as started:
        yield started


@pytest.fixture
def office_with(tmp_path: Path) -> Iterator[Callable[[str], Office]]:
    """An office with a given TOML configuration: ``office_with(toml_text)``."""
    with ExitStack() as stack:

        def start(config: str) -> Office:
            settings = settings_from(tmp_path, config)
            return stack.enter_context(local_office(tmp_path / "data", settings))

        yield start
