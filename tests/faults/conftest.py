"""The fault and abuse suite: each test attacks the real server process (the console command
on a loopback port, a real SQLite file) the way issue 7 found it failing, and checks the fix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.faults import FaultOffice, StartOffice, launch
from tests.support.served import served_office

__all__ = ["served_office"]  # a fixture: the real server process with every device enrolled


@pytest.fixture
def start_office(tmp_path: Path) -> Iterator[StartOffice]:
    """``start_office(config=None, env=None, clock_start=None)``: a kiosk, an officer, a
    running server."""
    started: list[FaultOffice] = []

    def start(config: str | None = None, env: dict[str, str] | None = None,
              clock_start: str | None = None) -> FaultOffice:
        data_dir = tmp_path / f"data{len(started)}"
        config_path = None
        if config is not None:
            config_path = tmp_path / f"config{len(started)}.toml"
            config_path.write_text(config, encoding="utf-8")
        office = launch(data_dir, config_path, env, clock_start)
        started.append(office)
        return office

    yield start
    for office in started:
        office.server.stop()


@pytest.fixture
def fault_office(start_office: StartOffice) -> FaultOffice:
    return start_office()


@pytest.fixture(scope="module")
def shared_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultOffice]:
    """One server for a module's tests that leave nothing behind (each is refused)."""
    office = launch(tmp_path_factory.mktemp("shared") / "data")
    yield office
    office.server.stop()
