"""Fixtures for the core's tests: a QueueOffice over a store, with a set clock.

``store`` is parametrized: every test that uses it (directly or through ``queue_office``)
runs over the in-memory ``FakeStore`` and over the real ``SqliteStore`` on a file in ``tmp_path``.

The clock starts on Monday 30 November 2026 at 01:00 UTC, which is 09:00 in Tilamuta
(WITA, Asia/Makassar, UTC+8): a working morning.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.core.calendar.clock import OfficeCalendar
from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import QueueBoard
from shared.core.settings import Settings
from shared.core.visitors.identity import IdentityKeyring
from tests.support.core import BoardOf, OfficeFactory
from tests.support.fakes import MONDAY_9_WITA, FakeClock, FakeStore
from tests.support.stores import InspectableStore, sqlite_store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9_WITA)


@pytest.fixture(params=["fake", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[InspectableStore]:
    if request.param == "fake":
        yield FakeStore()
    else:
        with sqlite_store(tmp_path / "data") as sqlite:
            yield sqlite


@pytest.fixture
def keyring() -> IdentityKeyring:
    return IdentityKeyring(b"k" * 32)


@pytest.fixture
def changes() -> list[int]:
    """The versions the office announced to the waiting room, in order."""
    return []


@pytest.fixture
def make_office(
    store: InspectableStore, clock: FakeClock, keyring: IdentityKeyring, changes: list[int]
) -> OfficeFactory:
    """A QueueOffice with the given settings over the shared store, clock and change log."""

    def make(settings: Settings) -> QueueOffice:
        return QueueOffice(
            store, settings, OfficeCalendar(settings, clock), keyring, on_change=changes.append
        )

    return make


@pytest.fixture
def board_of(store: InspectableStore) -> BoardOf:
    """The read model over the test's store, with the settings and calendar of an office."""
    return lambda office: QueueBoard(store, office.settings, office.calendar)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def queue_office(make_office: OfficeFactory, settings: Settings) -> QueueOffice:
    return make_office(settings)
