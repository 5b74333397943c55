"""The Gatekeeper over a real SQLite file: a remembered account never outlives its session,
and what another process revokes is noticed at the next request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.core.access.auth import (
    AuthError,
    Forbidden,
    Gatekeeper,
    hash_password,
    missing_token,
)
from shared.core.errors import DomainError, InvalidInput, NotFound
from shared.core.ports.accounts import DeviceInfo
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


def test_refusals_name_the_account_and_the_field_in_both_languages(gate: Gatekeeper) -> None:
    """What the console and the command line show when an account is not there or a name is
    taken (the 404/409 answers carry these words)."""
    refusals = []
    for attempt in (lambda: gate.disable_user("budi"), lambda: gate.set_password("budi", "a" * 8),
                    lambda: gate.revoke_device("kiosk-9"),
                    lambda: gate.add_user("petugas1", "officer", "rahasia-lain", NOW)):
        with pytest.raises(DomainError) as refused:
            attempt()
        error = refused.value
        refusals.append((type(error), error.code, error.field, error.message_id,
                         error.message_en))
    gate.add_device("kiosk-1", "kiosk", NOW)
    with pytest.raises(DomainError) as taken:
        gate.add_device("kiosk-1", "display", NOW)
    error = taken.value
    refusals.append((type(error), error.code, error.field, error.message_id, error.message_en))
    assert refusals == [
        (NotFound, "user_not_found", "username", "Pengguna 'budi' tidak ada.",
         "There is no user 'budi'."),
        (NotFound, "user_not_found", "username", "Pengguna 'budi' tidak ada.",
         "There is no user 'budi'."),
        (NotFound, "device_not_found", "name",
         "Perangkat 'kiosk-9' tidak ada (atau sudah dicabut).",
         "There is no active device 'kiosk-9'."),
        (DomainError, "name_taken", "username", "Nama 'petugas1' sudah dipakai.",
         "The name 'petugas1' is already taken."),
        (DomainError, "name_taken", "name", "Nama 'kiosk-1' sudah dipakai.",
         "The name 'kiosk-1' is already taken."),
    ]
    missing = missing_token()
    assert (missing.code, missing.field, missing.message_id, missing.message_en) == (
        "unauthenticated", "Authorization", "Silakan masuk dahulu: token tidak ada.",
        "Please sign in first: no bearer token.")


def test_a_device_shows_when_it_was_last_seen_here_or_by_another_process(
    gate: Gatekeeper, tmp_path: Path
) -> None:
    """The console's device list: a status report's time from the file, or a later request
    to this server; a device seen nowhere has no time."""
    store = SqliteStore(tmp_path)
    kiosk_token = gate.add_device("kiosk-1", "kiosk", NOW)
    gate.add_device("display-1", "display", NOW)
    gate.add_device("kiosk-2", "kiosk", NOW)
    by_name = {d.name: d for d in store.devices()}
    store.set_device_status(by_name["kiosk-1"].id, {"printer": "ok"}, NOW + timedelta(minutes=1))
    store.set_device_status(by_name["kiosk-2"].id, {"printer": "no paper"},
                            NOW + timedelta(minutes=5))
    gate.account(kiosk_token, NOW + timedelta(minutes=3))  # a request to this server
    shown = {d.name: d for d in gate.devices()}
    assert shown["kiosk-1"] == DeviceInfo(by_name["kiosk-1"].id, "kiosk-1", "kiosk", NOW,
                                          NOW + timedelta(minutes=3), {"printer": "ok"})
    assert shown["kiosk-2"] == DeviceInfo(by_name["kiosk-2"].id, "kiosk-2", "kiosk", NOW,
                                          NOW + timedelta(minutes=5), {"printer": "no paper"})
    assert shown["display-1"].last_seen_at is None


def test_logging_out_a_session_never_used_ends_it(gate: Gatekeeper) -> None:
    token, _, _ = gate.login("petugas1", "rahasia-petugas", NOW)
    gate.logout(token)  # no request made with it yet: nothing remembered to drop
    with pytest.raises(AuthError):
        gate.account(token, NOW)


def test_the_last_admin_is_not_disabled_and_the_refusal_says_what_to_do(
    gate: Gatekeeper
) -> None:
    gate.add_user("kepala", "admin", "rahasia-kepala", NOW)
    with pytest.raises(DomainError) as refused:
        gate.disable_user("kepala")
    error = refused.value
    assert (error.code, error.field, error.message_id, error.message_en) == (
        "last_admin", "username",
        "Admin terakhir tidak dapat dinonaktifkan: buat admin lain dahulu.",
        "The last admin cannot be disabled: create another admin first.")
    gate.add_user("wakil", "admin", "rahasia-wakil", NOW)
    gate.disable_user("kepala")  # another admin is there now


def test_logging_out_ends_a_remembered_session_at_once(gate: Gatekeeper) -> None:
    token, _, _ = gate.login("petugas1", "rahasia-petugas", NOW)
    gate.account(token, NOW)  # remembered from here on
    gate.logout(token)
    with pytest.raises(AuthError):
        gate.account(token, NOW)


def test_a_new_password_ends_the_sessions_and_a_short_one_is_refused(gate: Gatekeeper) -> None:
    token, _, _ = gate.login("petugas1", "rahasia-petugas", NOW)
    gate.account(token, NOW)
    with pytest.raises(InvalidInput) as short:
        gate.set_password("petugas1", "pendek")
    assert [(e.field, e.code, e.message_id, e.message_en) for e in short.value.errors] == [
        ("password", "too_short", "Kata sandi minimal 8 karakter.",
         "password must have at least 8 characters")]
    assert gate.account(token, NOW).name == "petugas1"  # nothing changed

    gate.set_password("petugas1", "rahasia-baru")
    with pytest.raises(AuthError):
        gate.account(token, NOW)
    with pytest.raises(AuthError) as wrong:
        gate.login("petugas1", "rahasia-petugas", NOW)
    error = wrong.value
    assert (error.code, error.field, error.message_id, error.message_en) == (
        "wrong_credentials", "password", "Nama pengguna atau kata sandi salah.",
        "Wrong username or password.")
    assert gate.login("petugas1", "rahasia-baru", NOW)[1] == "officer"


def test_an_officer_is_disabled_while_one_admin_is_left(gate: Gatekeeper) -> None:
    gate.add_user("kepala", "admin", "rahasia-kepala", NOW)
    token, _, _ = gate.login("petugas1", "rahasia-petugas", NOW)
    gate.account(token, NOW)
    gate.disable_user("petugas1")
    with pytest.raises(AuthError) as ended:
        gate.account(token, NOW)
    error = ended.value
    assert (error.code, error.field, error.message_id, error.message_en) == (
        "unauthenticated", "Authorization",
        "Token tidak berlaku atau sesi sudah berakhir. Silakan masuk lagi.",
        "The token is not valid or the session has expired. Please sign in again.")
    gate.disable_user("petugas1")  # already disabled: no refusal, nothing changes
    assert gate.login("kepala", "rahasia-kepala", NOW)[1] == "admin"


def test_an_unknown_role_is_refused_by_its_field_in_both_languages(gate: Gatekeeper) -> None:
    with pytest.raises(InvalidInput) as user:
        gate.add_user("budi", "kepala", "rahasia-budi", NOW)
    with pytest.raises(InvalidInput) as device:
        gate.add_device("kiosk-1", "officer", NOW)
    assert [(e.field, e.code, e.message_id, e.message_en)
            for e in user.value.errors + device.value.errors] == [
        ("role", "unknown_role", "Peran harus salah satu dari: officer, admin.",
         "role must be one of officer, admin"),
        ("role", "unknown_role", "Peran perangkat harus salah satu dari: kiosk, display.",
         "role must be one of kiosk, display"),
    ]


def test_a_role_not_allowed_is_forbidden_with_the_roles_that_are(gate: Gatekeeper) -> None:
    token, _, _ = gate.login("petugas1", "rahasia-petugas", NOW)
    account = gate.account(token, NOW)
    Gatekeeper.require(account, ("officer", "admin"))
    with pytest.raises(Forbidden) as refused:
        Gatekeeper.require(account, ("admin",))
    error = refused.value
    assert (error.code, error.field, error.message_id, error.message_en) == (
        "forbidden", "Authorization",
        "Peran 'officer' tidak boleh melakukan ini (hanya admin).",
        "Role 'officer' may not do this (needs admin).")
    with pytest.raises(Forbidden) as two:
        Gatekeeper.require(account, ("kiosk", "display"))
    assert (two.value.message_id, two.value.message_en) == (
        "Peran 'officer' tidak boleh melakukan ini (hanya kiosk atau display).",
        "Role 'officer' may not do this (needs kiosk or display).")
