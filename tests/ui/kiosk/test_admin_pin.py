"""Leaving the kiosk, in the real app by touch: only office staff with the PIN from the
kiosk's settings (its hash) can. Five quick taps on the office's name open the PIN pad; a
visitor's taps, Escape and a window-close request do nothing; three wrong PINs lock the pad."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kiosk.pin import hash_pin
from tests.support.kiosk_driver import ARTIFACTS, KioskDriver
from tests.support.offices import Office

pytestmark = pytest.mark.slow

PIN = "246810"
PAD_TITLE = "Petugas: masukkan PIN"


@pytest.fixture
def kiosk(served_office: Office, kiosk_for: Callable[..., KioskDriver]) -> KioskDriver:
    return kiosk_for(served_office, admin_pin_hash=hash_pin(PIN))


def office_name(kiosk: KioskDriver) -> Any:
    from kiosk.widgets.office_name import OfficeName

    (name,) = [w for w in kiosk.visible() if isinstance(w, OfficeName)]
    assert name.text  # the office's name, from the server
    return name


def still_running(kiosk: KioskDriver) -> bool:
    """The kiosk is on screen and answers touches (a frame still draws its Welcome)."""
    kiosk.frames(2)
    return not kiosk.closed and kiosk.shows("Ambil Nomor Antrian")


def test_a_visitor_cannot_leave_the_kiosk(kiosk: KioskDriver) -> None:
    from kivy.config import Config
    from kivy.core.window import Window

    welcome = kiosk.texts()
    kiosk.tap_quickly(office_name(kiosk), 4)  # a curious visitor taps the name a few times
    assert not kiosk.view.admin
    assert not kiosk.shows(PAD_TITLE)
    assert kiosk.texts() == welcome

    # Escape, even with Kivy's default (Escape closes the window) switched back on: the kiosk
    # refuses the close request, as it refuses Alt+F4 and the window's close button.
    Config.set("kivy", "exit_on_escape", "1")
    try:
        Window.dispatch("on_key_down", 27, 41, None, [])
        Window.dispatch("on_keyboard", 27, 41, None, [])
        Window.dispatch("on_key_up", 27, 41)
    finally:
        Config.set("kivy", "exit_on_escape", "0")
    assert still_running(kiosk)
    assert Window.dispatch("on_request_close") is True  # True: the close is refused
    assert still_running(kiosk)
    assert kiosk.texts() == welcome


def test_staff_leave_only_with_the_pin_from_the_settings(kiosk: KioskDriver) -> None:
    kiosk.tap_quickly(office_name(kiosk), 5)
    assert kiosk.view.admin and kiosk.shows(PAD_TITLE)
    kiosk.tap_keys("1234")
    assert kiosk.shows("\u25cf \u25cf \u25cf \u25cf")  # dots, never the digits
    assert not kiosk.shows("1234")
    kiosk.screenshot(ARTIFACTS / "admin-pin-id.png")
    pad = kiosk.app.root.ids.admin.children[0]
    height = pad.height
    kiosk.tap("Keluar")
    kiosk.wait_for(lambda: kiosk.shows("PIN salah."), "the PIN's check")
    assert pad.height == height  # the error takes the line kept for it: nothing moves
    kiosk.screenshot(ARTIFACTS / "admin-pin-wrong-id.png")
    assert still_running(kiosk) and kiosk.view.admin  # the pad stays, the kiosk too

    kiosk.tap("Batal")
    assert not kiosk.view.admin and not kiosk.shows(PAD_TITLE)
    kiosk.tap("English")
    kiosk.tap_quickly(office_name(kiosk), 5)
    assert kiosk.shows("Staff: enter the PIN")
    assert not kiosk.shows("PIN salah.") and not kiosk.shows("Wrong PIN.")  # a fresh pad
    kiosk.tap_keys(PIN[:-1])
    kiosk.screenshot(ARTIFACTS / "admin-pin-en.png")
    kiosk.tap("Exit")
    kiosk.wait_for(lambda: kiosk.shows("Wrong PIN."), "the PIN's check")
    assert not kiosk.closed  # one digit short

    kiosk.tap_keys(PIN)
    kiosk.tap("Exit")
    kiosk.wait_for(lambda: kiosk.closed, "the kiosk to close")


def test_three_wrong_pins_lock_the_pad_and_say_for_how_long(kiosk: KioskDriver) -> None:
    kiosk.tap_quickly(office_name(kiosk), 5)
    for tries in range(1, 4):
        kiosk.tap_keys("135790")
        kiosk.tap("Keluar")
        kiosk.wait_for(lambda: not kiosk.flow.admin.checking, f"wrong PIN {tries}'s check")
    kiosk.wait_for(
        lambda: kiosk.shows(f"Terlalu banyak salah. Tunggu {kiosk.view.admin_wait} detik."),
        "the wait on the pad")
    assert 20 < kiosk.view.admin_wait <= 30
    kiosk.screenshot(ARTIFACTS / "admin-pin-locked-id.png")

    kiosk.tap_keys(PIN)  # the right PIN, while locked: not even checked
    kiosk.tap("Keluar")
    kiosk.frames(2)
    assert not kiosk.flow.admin.checking and not kiosk.closed and kiosk.view.admin

    kiosk.untouched_for(20)  # the pad counts down (from under 30: the checks took time)
    try:
        left = kiosk.view.admin_wait
        assert left is not None and 0 < left <= 10
        kiosk.wait_for(
            lambda: kiosk.shows(f"Terlalu banyak salah. Tunggu {left} detik."),
            "the wait counting down")
        kiosk.tap("Batal")  # closed and opened again (in English): still locked
        kiosk.tap("English")
        kiosk.tap_quickly(office_name(kiosk), 5)
        kiosk.wait_for(
            lambda: kiosk.shows(f"Too many wrong PINs. Wait {kiosk.view.admin_wait} s."),
            "the wait in English")
        kiosk.screenshot(ARTIFACTS / "admin-pin-locked-en.png")
        kiosk.untouched_for(30)  # over: the pad takes the PIN again
        kiosk.wait_for(lambda: not kiosk.shows("Too many wrong PINs"), "the wait's end")
        kiosk.tap_keys(PIN)
        kiosk.tap("Exit")
        kiosk.wait_for(lambda: kiosk.closed, "the kiosk to close")
    finally:
        kiosk.clock_back()
