"""Fixtures for the core's unit tests: a QueueOffice over the in-memory store and a set clock.

The clock starts on Monday 30 November 2026 at 01:00 UTC, which is 09:00 in Tilamuta
(WITA, Asia/Makassar, UTC+8): a working morning.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fakes import MONDAY_9_WITA, FakeClock, FakeStore

from shared.clock import OfficeCalendar
from shared.config import Settings
from shared.identity import IdentityKeyring
from shared.office import QueueOffice

OfficeFactory = Callable[[Settings], QueueOffice]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9_WITA)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def keyring() -> IdentityKeyring:
    return IdentityKeyring(b"k" * 32)


@pytest.fixture
def changes() -> list[int]:
    """The versions the office announced to the waiting room, in order."""
    return []


@pytest.fixture
def make_office(
    store: FakeStore, clock: FakeClock, keyring: IdentityKeyring, changes: list[int]
) -> OfficeFactory:
    """A QueueOffice with the given settings over the shared store, clock and change log."""

    def make(settings: Settings) -> QueueOffice:
        return QueueOffice(
            store, settings, OfficeCalendar(settings, clock), keyring, on_change=changes.append
        )

    return make


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def office(make_office: OfficeFactory, settings: Settings) -> QueueOffice:
    return make_office(settings)
