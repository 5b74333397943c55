"""Drives the display harness (``harness.py``) in its own process from a test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.offices import Office, visitor

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "tests" / "artifacts" / "display"


class DisplayProcess:
    def __init__(self, server: str, size: str, workdir: Path, token_file: Path | None = None,
                 config: Path | None = None):
        self.audio = workdir / f"audio-{size}.raw"
        self.log = workdir / f"display-{size}.log"
        args = [sys.executable, "-m", "tests.support.display.harness", "--server", server,
                "--size", size, "--audio", str(self.audio)]
        if token_file:
            args += ["--token-file", str(token_file)]
        if config:
            args += ["--config", str(config)]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                text=True, bufsize=1,
            )
        self.ready = self._answer()

    def _answer(self) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the display exited: {self.log.read_text(errors='replace')}")
        return json.loads(line)

    def ask(self, **command: Any) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def texts(self) -> dict[str, Any]:
        answer: dict[str, Any] = self.ask(do="texts")
        return answer

    def wait(self, key: str, equals: Any) -> dict[str, Any]:
        """Pumps frames until the board shows ``equals`` under ``key`` (or gives up after a
        generous limit); returns what the board shows."""
        texts: dict[str, Any] = self.ask(do="wait", key=key, equals=equals)["texts"]
        return texts

    def wait_said(self, count: int) -> list[list[Any]]:
        said: list[list[Any]] = self.ask(do="wait_said", count=count)["said"]
        return said

    def clipped(self) -> list[str]:
        """Texts on the board that do not fit their box (empty: nothing is cut off)."""
        found: list[str] = self.ask(do="clipped")
        return found

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.ask(do="screenshot", path=str(path))
        return path

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.ask(do="quit")
                self.process.wait(20)
            except (OSError, ValueError, RuntimeError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(10)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe:
                pipe.close()


def take_tickets(office: Office, count: int) -> None:
    for n in range(1, count + 1):
        office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
