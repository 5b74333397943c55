"""Fixtures for the feedback use cases: every test runs over the in-memory fake and over the
real SQLite store on a file (the ``store`` fixture overrides the queue tests' one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeClock
from feedback_fakes import FakeFeedbackStore

from shared.clock import OfficeCalendar
from shared.config import Settings
from shared.feedback import FeedbackOffice
from shared.feedback_repository import FeedbackStore
from shared.identity import IdentityKeyring
from shared.personal_data import PersonalData
from shared.sqlite_store import SqliteStore


@pytest.fixture(params=["fake", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FeedbackStore]:
    if request.param == "fake":
        yield FakeFeedbackStore()
    else:
        sqlite = SqliteStore(tmp_path / "data", durable=False)
        yield sqlite
        sqlite.close()


@pytest.fixture
def settings() -> Settings:
    """The default office with the library open too, served at desk 2 (for referrals)."""
    base = Settings()
    services = tuple(s.model_copy(update={"enabled": True}) if s.code == "PERPUSTAKAAN" else s
                     for s in base.services)
    desks = (base.desks[0], base.desks[1].model_copy(
        update={"services": ("KONSULTASI", "PERPUSTAKAAN")}))
    return base.model_copy(update={"services": services, "desks": desks})


@pytest.fixture
def feedback(store: FeedbackStore, settings: Settings, clock: FakeClock) -> FeedbackOffice:
    return FeedbackOffice(store, settings, OfficeCalendar(settings, clock))


@pytest.fixture
def personal_data(store: FeedbackStore, settings: Settings, clock: FakeClock,
                  keyring: IdentityKeyring) -> PersonalData:
    return PersonalData(store, settings, OfficeCalendar(settings, clock), keyring)
