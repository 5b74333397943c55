"""The queue server in the test's own process: ``create_app`` on a real SQLite file, with a
clock the test sets, reached through Starlette's ``TestClient`` (an ASGI transport, no socket).

For what needs no process of its own (routes, roles, errors, the display's long poll, the
clock at midnight); the real-process tests keep what does (SIGKILL, the CLI, start-up).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.auth import Gatekeeper
from shared.config import Settings
from shared.server.app import create_app
from tests.support.fakes import MONDAY_9_WITA, FakeClock


@dataclass
class LocalOffice:
    """A running app, its clock, and a token for each role."""

    app: FastAPI
    http: TestClient
    clock: FakeClock
    kiosk_token: str
    display_token: str
    officer_token: str
    admin_token: str

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def get(self, path: str, token: str | None = None, **params: Any) -> Any:
        response = self.http.get(f"/api/v1{path}", params=params,
                                 headers=self.auth(token) if token else {})
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path: str, token: str, json: Any = None) -> Any:
        response = self.http.post(f"/api/v1{path}", json=json, headers=self.auth(token))
        assert response.status_code in (200, 201), response.text
        return response.json()


@contextmanager
def local_office(
    data_dir: Path, settings: Settings | None = None, clock: FakeClock | None = None
) -> Iterator[LocalOffice]:
    clock = clock or FakeClock(MONDAY_9_WITA)
    app = create_app(data_dir, settings, clock=clock)
    gate: Gatekeeper = app.state.gatekeeper
    now = clock()
    kiosk = gate.add_device("kiosk-1", "kiosk", now)
    display = gate.add_device("display-1", "display", now)
    gate.add_user("petugas1", "officer", "rahasia-petugas", now)
    gate.add_user("kepala", "admin", "rahasia-kepala", now)
    officer, _, _ = gate.login("petugas1", "rahasia-petugas", now)
    admin, _, _ = gate.login("kepala", "rahasia-kepala", now)
    with TestClient(app) as http:
        yield LocalOffice(app, http, clock, kiosk, display, officer, admin)
