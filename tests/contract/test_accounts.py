"""Users, sessions and devices (``AccountStore``): every store keeps them alike."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.core.ports.accounts import Account, AccountStore, NameTaken
from tests.contract.samples import NINE, at
from tests.support import contract
from tests.support.contract import REFUSED, OfficeStore, covers

backend, store = contract.backend, contract.store

HOUR = timedelta(hours=1)


@covers(AccountStore.add_user, AccountStore.user_credentials, AccountStore.users)
def test_a_user_is_added_once_and_listed_by_name(store: OfficeStore) -> None:
    assert store.add_user("rina", "officer", "hash-r", NINE) == 1
    assert store.add_user("admin", "admin", "hash-a", at(1)) == 2
    with pytest.raises(NameTaken):
        store.add_user("rina", "admin", "other", at(2))
    assert store.user_credentials("rina") == (1, "officer", "hash-r")
    assert store.user_credentials("nobody") is None
    assert [(u.id, u.username, u.role, u.active, u.created_at) for u in store.users()] == [
        (2, "admin", "admin", True, at(1)), (1, "rina", "officer", True, NINE)]


@covers(AccountStore.add_session, AccountStore.session_account)
def test_a_session_names_its_user_until_it_ends(store: OfficeStore) -> None:
    user = store.add_user("rina", "officer", "h", NINE)
    store.add_session("token-1", user, NINE + HOUR)
    assert store.session_account("token-1", NINE) == Account(
        "user", user, "rina", "officer", NINE + HOUR)
    assert store.session_account("token-1", NINE + HOUR) is None
    assert store.session_account("token-2", NINE) is None
    with pytest.raises(REFUSED):
        store.add_session("token-1", user, NINE + 2 * HOUR)
    with pytest.raises(REFUSED):
        store.add_session("token-3", 42, NINE + HOUR)


@covers(AccountStore.drop_expired_sessions, AccountStore.drop_session)
def test_ended_and_dropped_sessions_are_gone(store: OfficeStore) -> None:
    user = store.add_user("rina", "officer", "h", NINE)
    for n, ends in enumerate((NINE, NINE + HOUR, NINE + 2 * HOUR)):
        store.add_session(f"token-{n}", user, ends)
    assert store.drop_expired_sessions(NINE + HOUR) == 2
    assert store.drop_expired_sessions(NINE + HOUR) == 0
    assert store.session_account("token-2", NINE) is not None
    store.drop_session("token-2")
    store.drop_session("no-such-token")
    assert store.session_account("token-2", NINE) is None


@covers(AccountStore.disable_user, AccountStore.accounts_stamp)
def test_a_disabled_user_cannot_sign_in_and_their_sessions_end(store: OfficeStore) -> None:
    user = store.add_user("rina", "officer", "h", NINE)
    other = store.add_user("budi", "officer", "h", NINE)
    store.add_session("rina-token", user, NINE + HOUR)
    store.add_session("budi-token", other, NINE + HOUR)
    before = store.accounts_stamp()
    assert store.disable_user("rina") is True
    assert store.accounts_stamp() != before
    assert store.user_credentials("rina") is None
    assert store.session_account("rina-token", NINE) is None
    assert store.session_account("budi-token", NINE) is not None
    assert [u.active for u in store.users()] == [True, False]  # budi, rina
    assert store.disable_user("nobody") is False


@covers(AccountStore.set_password, AccountStore.accounts_stamp)
def test_a_new_password_replaces_the_old_and_ends_the_sessions(store: OfficeStore) -> None:
    user = store.add_user("rina", "officer", "old", NINE)
    store.add_session("token", user, NINE + HOUR)
    before = store.accounts_stamp()
    assert store.set_password("rina", "new") is True
    assert store.accounts_stamp() != before
    assert store.user_credentials("rina") == (user, "officer", "new")
    assert store.session_account("token", NINE) is None
    assert store.set_password("nobody", "x") is False


@covers(AccountStore.add_device, AccountStore.device_account, AccountStore.devices)
def test_a_device_is_known_by_its_token_and_listed_by_name(store: OfficeStore) -> None:
    kiosk = store.add_device("kiosk-2", "kiosk", "tok-k", NINE)
    display = store.add_device("display-1", "display", "tok-d", at(1))
    assert (kiosk, display) == (1, 2)
    with pytest.raises(NameTaken):
        store.add_device("kiosk-2", "kiosk", "tok-other", at(2))
    with pytest.raises(NameTaken):
        store.add_device("kiosk-3", "kiosk", "tok-k", at(2))
    assert store.device_account("tok-k", NINE) == Account("device", kiosk, "kiosk-2", "kiosk")
    assert store.device_account("tok-x", NINE) is None
    assert [(d.id, d.name, d.role, d.created_at, d.last_seen_at, d.status)
            for d in store.devices()] == [
        (display, "display-1", "display", at(1), None, None),
        (kiosk, "kiosk-2", "kiosk", NINE, None, None)]


@covers(AccountStore.set_device_status)
def test_a_devices_status_and_last_contact_are_kept(store: OfficeStore) -> None:
    kiosk = store.add_device("kiosk-1", "kiosk", "tok", NINE)
    store.set_device_status(kiosk, {"printer": "ok", "paper": {"low": False}}, at(5))
    store.set_device_status(kiosk, {"printer": "jammed", "paper": {"low": True}}, at(6))
    (device,) = store.devices()
    assert (device.status, device.last_seen_at) == (
        {"printer": "jammed", "paper": {"low": True}}, at(6))


@covers(AccountStore.revoke_device, AccountStore.accounts_stamp, AccountStore.add_device)
def test_a_revoked_device_is_refused_and_its_name_can_be_registered_again(
    store: OfficeStore,
) -> None:
    old = store.add_device("kiosk-1", "kiosk", "old-token", NINE)
    store.set_device_status(old, {"printer": "ok"}, at(1))
    display = store.add_device("display-1", "display", "display-token", NINE)
    before = store.accounts_stamp()
    assert store.revoke_device("kiosk-1") is True
    assert store.accounts_stamp() != before
    assert store.revoke_device("kiosk-1") is False
    assert store.device_account("old-token", NINE) is None
    assert [d.name for d in store.devices()] == ["display-1"]
    again = store.add_device("kiosk-1", "display", "new-token", at(2))
    assert again == old
    assert store.device_account("new-token", at(2)) == Account("device", old, "kiosk-1",
                                                               "display")
    assert store.device_account("old-token", at(2)) is None
    device = store.devices()[1]
    assert (device.id, device.role, device.created_at, device.status, device.last_seen_at) == (
        old, "display", at(2), None, None)
    assert store.device_account("display-token", at(2)) == Account(
        "device", display, "display-1", "display")
