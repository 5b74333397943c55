from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.display.driver import DisplayProcess
from tests.support.offices import Office

DISPLAY_TOML = """
heartbeat_seconds = 5
highlight_seconds = 60   # long enough to see it in a screenshot taken after the voice
"""


@pytest.fixture
def start_display(
    served_office: Office, tmp_path: Path
) -> Iterator[Callable[[str], DisplayProcess]]:
    """``start_display("1920x1080")``: the real display app in its own process, headless,
    following ``served_office``'s server with its device token; its sound goes to a file."""
    started: list[DisplayProcess] = []
    token_file = tmp_path / "display.token"
    token_file.write_text(served_office.display_token + "\n", encoding="utf-8")
    config = tmp_path / "display.toml"
    config.write_text(DISPLAY_TOML, encoding="utf-8")

    def start(size: str) -> DisplayProcess:
        started.append(DisplayProcess(served_office.url, size, tmp_path, token_file, config))
        return started[-1]

    yield start
    for display in started:
        display.close()
