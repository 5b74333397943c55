"""The Gatekeeper over a real SQLite file: a remembered account never outlives its session,
and what another process revokes is noticed at the next request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.auth import AuthError, Gatekeeper
from shared.sqlite_store import SqliteStore

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


@pytest.fixture
def gate(tmp_path: Path) -> Gatekeeper:
    gate = Gatekeeper(SqliteStore(tmp_path))
    gate.add_user("petugas1", "officer", "rahasia-petugas", NOW)
    return gate


def test_a_remembered_session_ends_when_the_working_day_does(gate: Gatekeeper) -> None:
    token, _, expires = gate.login("petugas1", "rahasia-petugas", NOW)
    assert gate.account(token, NOW).name == "petugas1"  # remembered from here on

    assert gate.account(token, expires - timedelta(seconds=1)).name == "petugas1"
    with pytest.raises(AuthError):
        gate.account(token, expires)


def test_another_process_disabling_the_user_is_noticed_at_once(
    gate: Gatekeeper, tmp_path: Path
) -> None:
    token, _, _ = gate.login("petugas1", "rahasia-petugas", NOW)
    gate.account(token, NOW)

    Gatekeeper(SqliteStore(tmp_path)).disable_user("petugas1")  # e.g. the command line

    with pytest.raises(AuthError):
        gate.account(token, NOW)


def test_another_process_revoking_a_device_is_noticed_at_once(
    gate: Gatekeeper, tmp_path: Path
) -> None:
    token = gate.add_device("kiosk-1", "kiosk", NOW)
    assert gate.account(token, NOW).role == "kiosk"

    Gatekeeper(SqliteStore(tmp_path)).revoke_device("kiosk-1")

    with pytest.raises(AuthError):
        gate.account(token, NOW)
