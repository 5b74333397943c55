"""The ``served_office`` fixture: the real server process on loopback with a real SQLite file,
for the apps that run as their own process or reach the server over a socket (the kiosk, the
display). Made a fixture where needed by importing it into that folder's conftest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.offices import Office, start_office


@pytest.fixture
def served_office(tmp_path: Path) -> Iterator[Office]:
    """The real ``pst-antrian server`` process with a kiosk, a display, an officer and an
    admin enrolled; stopped after the test."""
    office = start_office(tmp_path)
    yield office
    office.process.stop()
