"""Taking access back: logout, disabling an account, a new password, revoking a device.

Each takes effect at the very next request, although the server remembers accounts for 30 s:
through the API (the admin page) and through the command line (another process than the
server's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.api.client import ApiError, QueueClient
from tests.support.offices import VISITOR, Office
from tests.support.serverproc import cli


def _refused(client: QueueClient) -> None:
    with pytest.raises(ApiError) as caught:
        client.tickets()
    assert caught.value.status == 401


def _kiosk_refused(office: Office, token: str) -> None:
    response = office.web.post(f"{office.url}/api/v1/tickets", timeout=10,
                             headers={"Authorization": f"Bearer {token}"},
                             json={"service": "KONSULTASI", "visitor": VISITOR, "consent": True})
    assert response.status_code == 401, response.text
    assert response.json()["detail"]["field"] == "Authorization"


def test_logout_ends_the_session_at_once(api_office: Office) -> None:
    officer = api_office.client()
    officer.login("petugas1", "rahasia-petugas")
    token = officer.token
    officer.tickets()  # the account is now remembered by the server

    officer.logout()

    _refused(api_office.client(token))
    api_office.officer.tickets()  # the officer's other session stays open


def test_admin_disables_an_officer_whose_sessions_end_at_once(api_office: Office) -> None:
    api_office.officer.tickets()

    api_office.admin.disable_user("petugas1")

    _refused(api_office.officer)
    with pytest.raises(ApiError) as caught:
        api_office.client().login("petugas1", "rahasia-petugas")
    assert caught.value.status == 401
    users = {u.username: u for u in api_office.admin.users()}
    assert users["petugas1"].active is False
    assert users["kepala"].active is True


def test_disabling_from_the_command_line_reaches_the_running_server(
    api_office: Office, tmp_path: Path
) -> None:
    api_office.officer.tickets()

    out = cli("user", "disable", "--data-dir", str(tmp_path / "data"),
              "--username", "petugas1")

    assert "petugas1 disabled" in out.stdout
    _refused(api_office.officer)


def test_a_new_password_ends_the_old_sessions(api_office: Office) -> None:
    api_office.officer.tickets()

    api_office.admin.set_password("petugas1", "sandi-baru-petugas")

    _refused(api_office.officer)
    with pytest.raises(ApiError):
        api_office.client().login("petugas1", "rahasia-petugas")
    api_office.client().login("petugas1", "sandi-baru-petugas").token  # noqa: B018


def test_the_command_line_sets_a_password_from_stdin(api_office: Office, tmp_path: Path) -> None:
    out = cli("user", "password", "--data-dir", str(tmp_path / "data"), "--username",
              "petugas1", "--password-stdin", stdin="sandi-dari-cli\n")
    assert "password changed" in out.stdout and "sandi-dari-cli" not in out.stdout
    _refused(api_office.officer)
    api_office.client().login("petugas1", "sandi-dari-cli")


def test_admin_revokes_a_device_which_is_refused_at_once(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)

    api_office.admin.revoke_device("kiosk-1")

    _kiosk_refused(api_office, api_office.kiosk_token)
    assert "kiosk-1" not in {d.name for d in api_office.admin.devices()}


def test_revoking_from_the_command_line_reaches_the_running_server(
    api_office: Office, tmp_path: Path
) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)

    out = cli("device", "revoke", "--data-dir", str(tmp_path / "data"), "--name", "kiosk-1")

    assert "kiosk-1 revoked" in out.stdout
    _kiosk_refused(api_office, api_office.kiosk_token)


def test_a_revoked_name_can_be_registered_again_with_a_new_token(api_office: Office) -> None:
    api_office.admin.revoke_device("kiosk-1")

    created = api_office.admin.add_device("kiosk-1", "kiosk")

    assert created.token != api_office.kiosk_token
    api_office.client(created.token).take_ticket("KONSULTASI", VISITOR, consent=True)
    _kiosk_refused(api_office, api_office.kiosk_token)


def test_admin_registers_a_device_whose_token_works(api_office: Office) -> None:
    created = api_office.admin.add_device("layar-2", "display")

    api_office.client(created.token).report_status({"screen": {"state": "ok"}})

    devices = {d.name: d for d in api_office.admin.devices()}
    assert devices["layar-2"].role == "display"
    assert devices["layar-2"].online and devices["layar-2"].last_seen_at is not None


def test_a_device_is_online_while_it_makes_requests(api_office: Office) -> None:
    devices = {d.name: d for d in api_office.admin.devices()}
    assert not devices["kiosk-1"].online and devices["kiosk-1"].last_seen_at is None

    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)

    devices = {d.name: d for d in api_office.admin.devices()}
    assert devices["kiosk-1"].online and devices["kiosk-1"].last_seen_at is not None


def test_a_display_that_long_polls_with_its_token_is_online(api_office: Office) -> None:
    api_office.client(api_office.display_token).display(wait=0)
    api_office.client("not-a-token").display(wait=0)  # a public route: a bad token is ignored

    devices = {d.name: d for d in api_office.admin.devices()}
    assert devices["display-1"].online and devices["display-1"].last_seen_at is not None


def test_a_device_name_in_use_is_refused(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.admin.add_device("kiosk-1", "kiosk")
    assert caught.value.status == 409 and caught.value.code == "name_taken"


def test_revoking_an_unknown_device_says_so(api_office: Office, tmp_path: Path) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.admin.revoke_device("kiosk-9")
    assert caught.value.status == 404
    assert "kiosk-9" in caught.value.message("en")
    out = cli("device", "revoke", "--data-dir", str(tmp_path / "data"), "--name", "kiosk-9",
              check=False)
    assert out.returncode == 2 and "kiosk-9" in out.stderr


def test_admin_creates_an_officer_who_can_log_in(api_office: Office) -> None:
    created = api_office.admin.add_user("petugas2", "officer", "rahasia-kedua")

    assert created.active and created.role == "officer"
    newcomer = api_office.client()
    assert newcomer.login("petugas2", "rahasia-kedua").role == "officer"
    with pytest.raises(ApiError) as caught:
        newcomer.users()
    assert caught.value.status == 403


def test_bad_new_users_are_refused_naming_each_field(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.admin.add_user("bukan nama!", "kepala-seksi", "pendek")
    assert caught.value.status == 422
    assert {e["field"] for e in caught.value.field_errors} == {"username", "role", "password"}
    with pytest.raises(ApiError) as taken:
        api_office.admin.add_user("petugas1", "officer", "rahasia-lain")
    assert taken.value.status == 409 and taken.value.code == "name_taken"


def test_a_look_alike_username_is_refused_and_a_new_one_is_kept_lower_case(
    api_office: Office,
) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.admin.add_user("p\u0435tugas1", "officer", "rahasia-lain")  # Cyrillic "е"
    assert caught.value.status == 422
    assert [(e["field"], e["code"]) for e in caught.value.field_errors] == [
        ("username", "invalid_username")]

    created = api_office.admin.add_user("Petugas.Tiga", "officer", "rahasia-ketiga")
    assert created.username == "petugas.tiga"
    assert "petugas.tiga" in [u.username for u in api_office.admin.users()]
    assert api_office.client().login("Petugas.Tiga", "rahasia-ketiga").role == "officer"


def test_the_last_admin_cannot_be_disabled(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.admin.disable_user("kepala")
    assert caught.value.status == 409 and caught.value.code == "last_admin"
    api_office.admin.add_user("kepala2", "admin", "rahasia-kepala-dua")
    api_office.admin.disable_user("kepala")
    _refused(api_office.admin)


def test_disabling_an_unknown_user_says_so(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.admin.disable_user("siapa")
    assert caught.value.status == 404 and caught.value.code == "user_not_found"
