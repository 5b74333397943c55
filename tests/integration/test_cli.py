"""The command line an office administrator uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.serverproc import cli, free_port


def test_device_add_prints_the_token_alone_on_its_last_line(tmp_path: Path) -> None:
    out = cli("device", "add", "--data-dir", str(tmp_path), "--name", "kiosk-1", "--role", "kiosk")
    token = out.stdout.strip().splitlines()[-1]
    assert len(token) >= 40 and " " not in token
    again = cli("device", "add", "--data-dir", str(tmp_path), "--name", "kiosk-1",
                "--role", "kiosk", check=False)
    assert again.returncode == 2 and "already taken" in again.stderr


def test_user_add_reads_the_password_from_stdin_and_refuses_weak_ones(tmp_path: Path) -> None:
    weak = cli("user", "add", "--data-dir", str(tmp_path), "--username", "kepala", "--role",
               "admin", "--password-stdin", stdin="short\n", check=False)
    assert weak.returncode == 2 and "at least 8" in weak.stderr
    ok = cli("user", "add", "--data-dir", str(tmp_path), "--username", "kepala", "--role",
             "admin", "--password-stdin", stdin="panjang-sekali\n")
    assert "kepala (admin) added" in ok.stdout
    assert "panjang-sekali" not in ok.stdout + ok.stderr


def test_server_refuses_a_broken_config_naming_the_setting(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[hours]\nfunday = ["08:00-15:30"]\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "shared.cli", "server", "--port", str(free_port()),
         "--data-dir", str(tmp_path / "data"), "--config", str(config)],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2
    assert "hours" in result.stderr and "funday" in result.stderr


def test_example_config_starts_a_server(tmp_path: Path) -> None:
    from tests.serverproc import ServerProcess

    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    server = ServerProcess(tmp_path / "data", example).start()
    try:
        import requests

        services = requests.get(f"{server.url}/api/v1/services", timeout=5).json()
        assert [s["code"] for s in services if s["enabled"]] == ["KONSULTASI"]
    finally:
        server.stop()
