"""What a visit leaves in the kiosk's memory: once the visitor has moved on, no screen they
left and no field holding what they typed; every label's pixels kept once, in its texture
(docs/performance.md, kiosk)."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from tests.support.kiosk_driver import NIK, KioskDriver, to_guest_book

pytestmark = pytest.mark.slow

VISIT_SCREENS = ("NoticeScreen", "GuestScreen", "ConfirmScreen", "TicketScreen")


def alive(*class_names: str) -> list[Any]:
    """Objects of these classes still in memory (what a collection would not free)."""
    return [o for o in gc.get_objects() if type(o).__name__ in class_names]


def holding(*typed: str) -> list[str]:
    """Text fields still in memory whose text holds any of ``typed``."""
    from kivy.uix.textinput import TextInput

    found = []
    for o in gc.get_objects():
        try:
            if isinstance(o, TextInput) and any(t in o.text for t in typed):
                found.append(f"{type(o).__name__} {getattr(o, 'field', '')}: {o.text!r}")
        except ReferenceError:  # a weak proxy to something already gone
            continue
    return found


def test_a_visit_leaves_no_screen_and_no_typed_field_behind(kiosk: KioskDriver) -> None:
    to_guest_book(kiosk)
    kiosk.tap("KTP")
    kiosk.tap_keys(NIK)
    kiosk.tap("Lanjut")
    kiosk.wait_for(lambda: kiosk.view.page == 1, "page 2 of the guest book")
    kiosk.tap_keys("siti aisyah")
    kiosk.press("tab")
    kiosk.type("siti.pakaya@gmail.com")
    kiosk.press("enter")
    kiosk.wait_for(lambda: kiosk.view.page == 2, "page 3")
    kiosk.tap_keys("081234567890")  # the last field typed in stays focused when left
    kiosk.tap("Lanjut")
    kiosk.tap("Pelajar/Mahasiswa")
    kiosk.tap("Penelitian")
    kiosk.tap("Lanjut")
    kiosk.wait_step("confirm")
    kiosk.tap("Ambil Nomor")
    kiosk.wait_step("ticket")
    # While the ticket shows, the screens the visitor left are let go (and their textures).
    kiosk.wait_for(lambda: not alive("NoticeScreen", "GuestScreen", "ConfirmScreen"),
                   "the left screens to be collected", limit=10)
    assert kiosk.shows("K-001")
    kiosk.tap(kiosk.find("Selesai", exact=False))
    kiosk.wait_step("welcome")
    kiosk.wait_for(lambda: not alive(*VISIT_SCREENS), "the ticket screen to be collected",
                   limit=10)
    left = holding("7502014103030001", "iti aisyah", "siti.pakaya", "081234567890")
    assert not left, left


def test_labels_keep_their_pixels_only_in_their_textures(kiosk: KioskDriver) -> None:
    from kivy.uix.label import Label

    to_guest_book(kiosk)
    labels = [w for w in kiosk.visible() if isinstance(w, Label) and w.text]
    assert len(labels) > 10
    assert all(w.texture is not None for w in labels)
    # Kivy's SDL2 text provider would keep each label's surface, a second copy of its pixels
    kept = [w.text[:30] for w in labels if hasattr(w._label, "_surface")]
    assert kept == []
    assert kiosk.shows("Jenis identitas")  # and the labels still read (their textures)


def test_a_visitor_who_walks_away_while_typing_leaves_no_field_behind(
    kiosk: KioskDriver,
) -> None:
    to_guest_book(kiosk)
    kiosk.tap("KTP")
    kiosk.tap_keys(NIK)
    kiosk.tap("Lanjut")
    kiosk.wait_for(lambda: kiosk.view.page == 1, "page 2 of the guest book")
    kiosk.tap_keys("siti aisyah")  # the name field has the keyboard when the visitor leaves
    kiosk.untouched_for(61 + 15)  # the idle minute and its countdown
    kiosk.flow.tick()
    kiosk.wait_step("welcome")
    kiosk.wait_for(lambda: not alive(*VISIT_SCREENS), "the guest book to be collected",
                   limit=10)
    left = holding("7502014103030001", "iti aisyah")
    assert not left, left


def test_the_idle_countdown_exists_only_while_it_shows(kiosk: KioskDriver) -> None:
    idle, pin_pad = kiosk.app.root.ids.idle, kiosk.app.root.ids.admin
    assert idle.children == [] and pin_pad.children == []  # made when shown, not at start
    to_guest_book(kiosk)
    kiosk.untouched_for(61)  # a minute without a touch
    kiosk.frames(2)
    assert kiosk.shows("Masih di sini?") and idle.children
    kiosk.clock_back()
    kiosk.tap("Lanjutkan")
    kiosk.frames(2)
    assert not kiosk.shows("Masih di sini?")
    assert idle.children == []  # dropped with the countdown
    assert kiosk.view.step == "guest"
