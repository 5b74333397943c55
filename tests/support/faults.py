"""The fault suite's office: a real server process with a kiosk and an officer (issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.client import QueueClient
from tests.support.offices import VISITOR
from tests.support.serverproc import ServerProcess, add_device, add_user

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


def launch(data_dir: Path, config_path: Path | None = None,
           env: dict[str, str] | None = None, clock_start: str | None = None) -> FaultOffice:
    """A kiosk and an officer enrolled, the real server process started on ``data_dir``
    (its office clock started at the ISO moment ``clock_start``, if given)."""
    token = add_device(data_dir, "kiosk-1", "kiosk")
    add_user(data_dir, "petugas1", "officer", OFFICER_PASSWORD)
    server = ServerProcess(data_dir, config_path, env=env or {},
                           clock_start=clock_start).start()
    officer = QueueClient(server.url)
    officer.login("petugas1", OFFICER_PASSWORD)
    return FaultOffice(server, data_dir, token, QueueClient(server.url, token), officer)
