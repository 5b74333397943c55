"""The fault suite's office: a real server process with a kiosk and an officer (issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.api.client import QueueClient
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
                           clock_start=clock_start).start(timeout=60)
    try:
        # A roomy timeout for the setup's own login (a full-strength PBKDF2 on a busy machine);
        # the kiosk keeps the client's 5 s, the limit the tests hold the server to.
        officer = QueueClient(server.url, timeout=30)
        officer.login("petugas1", OFFICER_PASSWORD)
    except BaseException:
        server.stop()
        raise
    return FaultOffice(server, data_dir, token, QueueClient(server.url, token), officer)
