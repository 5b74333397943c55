from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.api.conftest import Office, start_office


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """A real server process on loopback with a kiosk, a display, an officer and an admin.
    (The printer tests' own ``office`` fixture, the office printed on paper, overrides it.)"""
    started = start_office(tmp_path)
    yield started
    started.server.stop()
