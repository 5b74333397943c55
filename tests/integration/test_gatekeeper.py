"""The Gatekeeper over a real SQLite file: a remembered account never outlives its session,
and what another process revokes is noticed at the next request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.core.access.auth import AuthError, Gatekeeper, hash_password
from shared.core.errors import DomainError, InvalidInput
from shared.storage.sqlite.store import SqliteStore

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


@pytest.mark.parametrize("username", [
    "p\u0435tugas",  # a Cyrillic "е" that looks like "e"
    "\uff50etugas",  # a full-width "ｐ"
    "\u212aasir",  # the Kelvin sign, which lower-cases to an ASCII "k"
    "ab", "a" * 33, "nama spasi", "budi!", "",
])
def test_a_new_username_is_ascii_letters_digits_and_dot_dash_underscore(
    gate: Gatekeeper, tmp_path: Path, username: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        gate.add_user(username, "officer", "rahasia-petugas", NOW)
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("username", "invalid_username")]
    assert [u.username for u in SqliteStore(tmp_path).users()] == ["petugas1"]


def test_a_new_username_is_kept_lower_case_and_logs_in_as_typed(
    gate: Gatekeeper, tmp_path: Path
) -> None:
    gate.add_user("Petugas.Dua-2", "officer", "rahasia-kedua", NOW)

    assert "petugas.dua-2" in [u.username for u in SqliteStore(tmp_path).users()]
    assert gate.login("Petugas.Dua-2", "rahasia-kedua", NOW)[1] == "officer"
    assert gate.login("petugas.dua-2", "rahasia-kedua", NOW)[1] == "officer"
    with pytest.raises(DomainError) as taken:
        gate.add_user("PETUGAS.DUA-2", "officer", "rahasia-lain", NOW)
    assert taken.value.code == "name_taken"


def test_an_account_made_before_the_rule_keeps_working(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    store.add_user("Budi Santoso", "officer", hash_password("rahasia-budi", 1000), NOW)
    store.add_user("Siti", "admin", hash_password("rahasia-siti", 1000), NOW)
    gate = Gatekeeper(store)

    assert gate.login("Budi Santoso", "rahasia-budi", NOW)[1] == "officer"
    assert gate.login("Siti", "rahasia-siti", NOW)[1] == "admin"
    with pytest.raises(DomainError) as taken:  # no look-alike of it by case either
        gate.add_user("siti", "officer", "rahasia-lain", NOW)
    assert (taken.value.code, taken.value.field) == ("name_taken", "username")
