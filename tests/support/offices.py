"""A whole office to test the API against: the server, a kiosk, a display, an officer, an admin.

Two ways to run the server:

- ``local_office``: ``create_app`` in the test's own process on a real SQLite file, reached
  through Starlette's ``TestClient`` (an ASGI transport, no socket), with a clock the test
  sets. Most API tests use it: it starts in milliseconds and can stand at 23:59.
- ``start_office``: the real ``pst-antrian server`` process on a free loopback port, for what
  needs a process (SIGKILL, the server's log and files, a browser over a socket).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from fastapi.testclient import TestClient

from shared.api.client import QueueClient
from shared.core.access.auth import Gatekeeper, hash_password
from shared.core.settings import Settings
from shared.server.app import create_app
from shared.server.state import of_app
from shared.storage.sqlite.store import SqliteStore
from tests.support.fakes import MONDAY_9_WITA, FakeClock
from tests.support.serverproc import ServerProcess

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

# An office with a second service to refer visitors to: a consultation desk, a library desk.
LIBRARY = """
[[services]]
code = "KONSULTASI"
name = "Konsultasi Statistik"
name_en = "Statistical Consultation"
letter = "K"

[[services]]
code = "PERPUSTAKAAN"
name = "Perpustakaan"
name_en = "Library"
letter = "P"

[[desks]]
id = "1"
name = "Meja Konsultasi 1"
name_en = "Consultation Desk 1"
services = ["KONSULTASI"]

[[desks]]
id = "3"
name = "Meja Perpustakaan"
name_en = "Library Desk"
services = ["PERPUSTAKAAN"]
"""

OFFICER = ("petugas1", "rahasia-petugas")
ADMIN = ("kepala", "rahasia-kepala")


def visitor(n: int = 1, **changes: str) -> dict[str, str]:
    """A valid visitor; ``n`` varies the identity number and the name."""
    serial = f"{n:04d}"
    return {**VISITOR, "id_number": f"750201410303{serial}", "name": f"Pengunjung {_word(n)}",
            **changes}


def _word(n: int) -> str:
    letters = "abcdefghij"
    return "".join(letters[int(d)] for d in str(n)).capitalize()


class InProcessHttp:
    """Starlette's ``TestClient`` as an HTTP session (``request``/``get``/``post``/``close``).
    ``timeout`` is dropped: in-process there is no network to wait for, and the TestClient
    refuses it."""

    def __init__(self, client: TestClient):
        self._client = client

    def request(self, method: str, url: str, *, timeout: float | None = None,
                **kwargs: Any) -> Any:
        return self._client.request(method, url, **kwargs)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        pass  # the TestClient is closed with the office


@dataclass
class Office:
    url: str
    kiosk_token: str
    display_token: str
    kiosk: QueueClient
    officer: QueueClient
    admin: QueueClient
    public: QueueClient
    web: Any
    """Plain HTTP to the server (``.get``/``.post`` with absolute URLs): a
    ``requests.Session`` for a process, the ``TestClient`` in-process."""
    server: ServerProcess | None = None
    clock: FakeClock | None = None

    def client(self, token: str | None = None) -> QueueClient:
        return QueueClient(self.url, token, http=self.web if self.server is None else None)

    @property
    def process(self) -> ServerProcess:
        assert self.server is not None, "an in-process office has no server process"
        return self.server


def _staffed(
    make: Callable[[str | None], QueueClient], kiosk_token: str
) -> tuple[QueueClient, QueueClient, QueueClient, QueueClient]:
    """The kiosk's, the officer's (logged in), the admin's (logged in) and a public client."""
    officer = make(None)
    officer.login(*OFFICER)
    admin = make(None)
    admin.login(*ADMIN)
    return make(kiosk_token), officer, admin, make(None)


def _enrol(store: SqliteStore, now: datetime) -> tuple[str, str]:
    """The kiosk's and the display's tokens; the officer and the admin as users. A cheap
    password hash (1000 rounds, not 600 000): the login path is the same, the tests do not
    wait half a second per login. (``user add`` and ``device add`` are tested in test_cli.)"""
    gate = Gatekeeper(store)
    tokens = (gate.add_device("kiosk-1", "kiosk", now),
              gate.add_device("display-1", "display", now))
    for (username, password), role in ((OFFICER, "officer"), (ADMIN, "admin")):
        store.add_user(username, role, hash_password(password, 1000), now)
    return tokens


def start_office(
    tmp_path: Path, config: str | None = None, clock_start: str | None = None
) -> Office:
    """The real server process on loopback, with a SQLite file in ``tmp_path / "data"``
    (its office clock started at the ISO moment ``clock_start``, if given)."""
    data_dir = tmp_path / "data"
    config_path = None
    if config is not None:
        config_path = tmp_path / "pst-antrian.toml"
        config_path.write_text(config, encoding="utf-8")
    store = SqliteStore(data_dir)
    try:
        kiosk_token, display_token = _enrol(store, datetime.now(UTC))
    finally:
        store.close()
    server = ServerProcess(data_dir, config_path, clock_start=clock_start).start()
    kiosk, officer, admin, public = _staffed(
        lambda token: QueueClient(server.url, token), kiosk_token)
    return Office(server.url, kiosk_token, display_token, kiosk, officer, admin, public,
                  requests.Session(), server=server)


def settings_from(tmp_path: Path, config: str) -> Settings:
    """The settings a ``--config`` file with this TOML text gives."""
    from shared.settings_file import load_settings

    path = tmp_path / "pst-antrian.toml"
    path.write_text(config, encoding="utf-8")
    return load_settings(path)


@contextmanager
def local_office(
    data_dir: Path,
    settings: Settings | None = None,
    clock: FakeClock | None = None,
) -> Iterator[Office]:
    """The app in this process on a real SQLite file, its clock at ``clock`` (Monday
    30 November 2026, 09:00 WITA, unless given)."""
    clock = clock or FakeClock(MONDAY_9_WITA)
    app = create_app(data_dir, settings, clock=clock)
    kiosk_token, display_token = _enrol(of_app(app).accounts, clock())
    with TestClient(app, base_url="http://testserver") as client:
        url = str(client.base_url).rstrip("/")
        http = InProcessHttp(client)
        kiosk, officer, admin, public = _staffed(
            lambda token: QueueClient(url, token, http=http), kiosk_token)
        yield Office(url, kiosk_token, display_token, kiosk, officer, admin, public, http,
                     clock=clock)
