"""Fixtures for the feedback use cases: every test runs over the in-memory fake and over the
real SQLite store on a file (the ``store`` fixture overrides the queue tests' one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.core.calendar.clock import OfficeCalendar
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.settings import Settings
from shared.core.visitors.identity import IdentityKeyring
from shared.core.visitors.personal_data import PersonalData
from shared.storage.sqlite.store import SqliteStore
from tests.support.fakes import FakeClock
from tests.support.feedback_fakes import FakeFeedbackStore
from tests.support.stores import sqlite_store

# A store with everything feedback, the reports and personal data need (each use case names
# only its own port: FeedbackStore, ReportStore, PersonalDataStore).
FeedbackSideStore = FakeFeedbackStore | SqliteStore


@pytest.fixture(params=["fake", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FeedbackSideStore]:
    if request.param == "fake":
        yield FakeFeedbackStore()
    else:
        with sqlite_store(tmp_path / "data") as sqlite:
            yield sqlite


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
def feedback(store: FeedbackSideStore, settings: Settings, clock: FakeClock) -> FeedbackOffice:
    return FeedbackOffice(store, settings, OfficeCalendar(settings, clock))


@pytest.fixture
def reports(store: FeedbackSideStore, settings: Settings, clock: FakeClock) -> OfficeReports:
    return OfficeReports(store, OfficeCalendar(settings, clock))


@pytest.fixture
def personal_data(store: FeedbackSideStore, settings: Settings, clock: FakeClock,
                  keyring: IdentityKeyring) -> PersonalData:
    return PersonalData(store, settings, OfficeCalendar(settings, clock), keyring)
