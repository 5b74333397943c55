from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared.client import QueueClient
from tests.serverproc import ServerProcess, add_device, add_user

VISITOR = {
    "id_type": "KTP",
    "id_number": "7502014103030001",  # a Boalemo woman born 1 March 2003
    "name": "Siti Aisyah Pakaya",
    "email": "siti.pakaya@example.com",
    "phone": "081234567890",
    "institution": "Universitas Negeri Gorontalo",
    "occupation": "Pelajar/Mahasiswa",
    "purpose": "Data kemiskinan Boalemo untuk skripsi",
}
PERSONAL = ["7502014103030001", "Siti Aisyah", "siti.pakaya", "081234567890"]


def visitor(n: int = 1, **changes: str) -> dict[str, str]:
    """A valid visitor; ``n`` varies the identity number and the name."""
    serial = f"{n:04d}"
    return {**VISITOR, "id_number": f"750201410303{serial}", "name": f"Pengunjung {_word(n)}",
            **changes}


def _word(n: int) -> str:
    letters = "abcdefghij"
    return "".join(letters[int(d)] for d in str(n)).capitalize()


@dataclass
class Office:
    server: ServerProcess
    kiosk_token: str
    display_token: str
    kiosk: QueueClient
    officer: QueueClient
    admin: QueueClient
    public: QueueClient

    @property
    def url(self) -> str:
        return self.server.url


def start_office(
    tmp_path: Path, config: str | None = None, clock_start: str | None = None
) -> Office:
    data_dir = tmp_path / "data"
    config_path = None
    if config is not None:
        config_path = tmp_path / "pst-antrian.toml"
        config_path.write_text(config, encoding="utf-8")
    kiosk_token = add_device(data_dir, "kiosk-1", "kiosk")
    display_token = add_device(data_dir, "display-1", "display")
    add_user(data_dir, "petugas1", "officer", "rahasia-petugas")
    add_user(data_dir, "kepala", "admin", "rahasia-kepala")
    server = ServerProcess(data_dir, config_path, clock_start=clock_start).start()
    officer = QueueClient(server.url)
    officer.login("petugas1", "rahasia-petugas")
    admin = QueueClient(server.url)
    admin.login("kepala", "rahasia-kepala")
    return Office(server, kiosk_token, display_token, QueueClient(server.url, kiosk_token),
                  officer, admin, QueueClient(server.url))


@pytest.fixture
def office_with(tmp_path: Path) -> Iterator[object]:
    """Start an office with a given TOML configuration: ``office_with(toml_text)``."""
    started: list[Office] = []

    def start(config: str) -> Office:
        started.append(start_office(tmp_path, config))
        return started[-1]

    yield start
    for o in started:
        o.server.stop()
