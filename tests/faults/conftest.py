"""The fault and abuse suite: each test attacks the real server process (the console command
on a loopback port, a real SQLite file) the way issue 7 found it failing, and checks the fix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
OFFICER_PASSWORD = "rahasia-petugas"


def visitor(n: int) -> dict[str, str]:
    """A valid visitor with the ``n``-th identity number (serials 0001-9999)."""
    return {**VISITOR, "id_number": f"750201410303{n:04d}"}


@dataclass
class FaultOffice:
    server: ServerProcess
    data_dir: Path
    kiosk_token: str
    kiosk: QueueClient
    officer: QueueClient

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, token: str | None = None) -> QueueClient:
        return QueueClient(self.url, token)


StartOffice = Callable[..., FaultOffice]


@pytest.fixture
def start_office(tmp_path: Path) -> Iterator[StartOffice]:
    """``start_office(config=None, env=None)``: a kiosk, an officer, a running server."""
    started: list[FaultOffice] = []

    def start(config: str | None = None, env: dict[str, str] | None = None) -> FaultOffice:
        data_dir = tmp_path / f"data{len(started)}"
        config_path = None
        if config is not None:
            config_path = tmp_path / f"config{len(started)}.toml"
            config_path.write_text(config, encoding="utf-8")
        token = add_device(data_dir, "kiosk-1", "kiosk")
        add_user(data_dir, "petugas1", "officer", OFFICER_PASSWORD)
        server = ServerProcess(data_dir, config_path, env=env or {}).start()
        officer = QueueClient(server.url)
        officer.login("petugas1", OFFICER_PASSWORD)
        office = FaultOffice(server, data_dir, token, QueueClient(server.url, token), officer)
        started.append(office)
        return office

    yield start
    for office in started:
        office.server.stop()


@pytest.fixture
def office(start_office: StartOffice) -> FaultOffice:
    return start_office()
