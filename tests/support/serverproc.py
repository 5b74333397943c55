"""Start the real queue server the way an office would: the console command, a free loopback
port, a real SQLite file in a temporary data directory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def end_process(process: subprocess.Popen[Any]) -> None:
    """SIGTERM, then SIGKILL if it has not ended 10 s later."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def cli(
    *args: str, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shared.cli.main", *args],
        input=stdin, capture_output=True, text=True, check=check, timeout=60,
    )


def add_device(data_dir: Path, name: str, role: str) -> str:
    out = cli("device", "add", "--data-dir", str(data_dir), "--name", name, "--role", role)
    return out.stdout.strip().splitlines()[-1]


def add_user(data_dir: Path, username: str, role: str, password: str) -> None:
    cli("user", "add", "--data-dir", str(data_dir), "--username", username, "--role", role,
        "--password-stdin", stdin=password + "\n")


@dataclass
class ServerProcess:
    data_dir: Path
    config: Path | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    # Start the office clock at this ISO moment (``--clock-start``), e.g. a Wednesday
    # before Christmas, instead of the machine's clock.
    clock_start: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> ServerProcess:
        args = [sys.executable, "-m", "shared.cli.main", "server", "--port", str(self.port),
                "--data-dir", str(self.data_dir)]
        if self.config is not None:
            args += ["--config", str(self.config)]
        if self.clock_start is not None:
            args += ["--clock-start", self.clock_start]
        self.log_path = self.data_dir.parent / f"server-{self.port}.log"
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child process owns it
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log()}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=2).ok:
                    return self
            except requests.RequestException:  # not listening yet, or slow on a busy machine
                time.sleep(0.05)
        self.kill()  # not left running (nor warned about) once the test has failed
        raise RuntimeError(f"server did not answer within {timeout}s: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process:
            end_process(self.process)
