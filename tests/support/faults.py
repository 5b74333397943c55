"""The fault suite's office: a real server process with a kiosk and an officer (issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.client import QueueClient
from tests.support.offices import VISITOR
from tests.support.serverproc import ServerProcess

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
