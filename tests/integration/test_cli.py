"""The command line an office administrator uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shared.api.client import QueueClient
from tests.support.serverproc import ServerProcess, add_device, add_user, cli, free_port


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


def test_user_add_refuses_a_look_alike_name_and_keeps_a_new_one_lower_case(
    tmp_path: Path,
) -> None:
    look_alike = cli("user", "add", "--data-dir", str(tmp_path), "--username", "k\u0435pala",
                     "--role", "admin", "--password-stdin", stdin="panjang-sekali\n",
                     check=False)
    assert look_alike.returncode == 2
    assert "username: 3-32 of the letters a-z" in look_alike.stderr
    ok = cli("user", "add", "--data-dir", str(tmp_path), "--username", "Kepala", "--role",
             "admin", "--password-stdin", stdin="panjang-sekali\n")
    assert "user kepala (admin) added" in ok.stdout
    again = cli("user", "add", "--data-dir", str(tmp_path), "--username", "KEPALA", "--role",
                "admin", "--password-stdin", stdin="panjang-sekali\n", check=False)
    assert again.returncode == 2 and "already taken" in again.stderr


def test_server_refuses_a_broken_config_naming_the_setting(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[hours]\nfunday = ["08:00-15:30"]\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "server", "--port", str(free_port()),
         "--data-dir", str(tmp_path / "data"), "--config", str(config)],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2
    assert "hours" in result.stderr and "funday" in result.stderr


def test_example_config_starts_a_server_that_knows_the_accounts_the_cli_added(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    kiosk_token = add_device(data_dir, "kiosk-1", "kiosk")
    add_user(data_dir, "petugas1", "officer", "rahasia-petugas")
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    server = ServerProcess(data_dir, example).start()
    try:
        services = QueueClient(server.url).services()
        assert [s.code for s in services if s.enabled] == ["KONSULTASI"]
        officer = QueueClient(server.url)
        assert officer.login("petugas1", "rahasia-petugas").role == "officer"
        QueueClient(server.url, kiosk_token).report_status({"printer": {"state": "ok"}})
        assert [d.name for d in officer.devices()] == ["kiosk-1"]
    finally:
        server.stop()
