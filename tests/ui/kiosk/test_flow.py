"""A visitor at the real kiosk app, by touch: from Welcome to a ticket on the real server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.kiosk_driver import NIK, KioskDriver, to_guest_book
from tests.support.offices import Office

# The real app and a real server process: seconds per test (run by scripts/check).
pytestmark = pytest.mark.slow

def read_qr_codes(picture: Path) -> list[str]:
    """What a phone's camera reads from the QR codes in ``picture`` (Debian's zbar-tools)."""
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is not installed (scripts/setup installs zbar-tools)")
    done = subprocess.run(["zbarimg", "--quiet", "--raw", str(picture)],
                          capture_output=True, text=True, timeout=60)
    return done.stdout.split()


def test_a_visitor_gets_a_ticket_with_their_guest_book_entry(
    kiosk: KioskDriver, served_office: Office, tmp_path: Path
) -> None:
    assert kiosk.shows("Ambil Nomor Antrian")
    assert kiosk.shows("Pelayanan Statistik Terpadu BPS Kabupaten Boalemo")
    to_guest_book(kiosk)
    kiosk.tap("KTP")
    assert kiosk.focused_field() == "id_number"
    kiosk.tap_keys(NIK)
    kiosk.tap("Lanjut")
    kiosk.wait_for(lambda: kiosk.view.page == 1, "page 2 of the guest book")
    assert kiosk.focused_field() == "name"  # the first empty field
    kiosk.tap_keys("siti aisyah")
    kiosk.press("tab")
    assert kiosk.focused_field() == "email"
    kiosk.type("siti.pakaya@")  # a physical keyboard works too
    kiosk.tap("gmail.com")
    kiosk.press("enter")
    kiosk.wait_for(lambda: kiosk.view.page == 2, "page 3")
    kiosk.tap_keys("081234567890")
    kiosk.tap("Lanjut")
    kiosk.tap("Pelajar/Mahasiswa")
    kiosk.tap("Penelitian")
    kiosk.tap(kiosk.find("layanan prioritas", exact=False))
    kiosk.tap("Lanjut")
    kiosk.wait_step("confirm")
    assert kiosk.shows("Siti Aisyah") and kiosk.shows("siti.pakaya@gmail.com")
    kiosk.tap("Ambil Nomor")
    if kiosk.shows("Ambil Nomor"):  # an impatient second tap, while the first is under way
        kiosk.tap("Ambil Nomor")   # (on an idle machine the ticket may already be on screen)
    kiosk.wait_step("ticket")
    assert kiosk.shows("K-001")
    assert kiosk.shows("Orang di depan Anda: 0")
    ticket = kiosk.view.ticket
    assert kiosk.shows(f"Kode penilaian: {ticket.rating_code}")  # also on the paper
    # the QR on screen is the ticket's status page, as a phone's camera reads it
    assert read_qr_codes(kiosk.screenshot(tmp_path / "ticket.png")) == [ticket.status_url]

    (record,) = served_office.officer.tickets()
    assert record.number == "K-001" and record.priority
    guest = record.guest
    assert guest is not None
    assert (guest.name, guest.email, guest.phone) == (
        "Siti Aisyah", "siti.pakaya@gmail.com", "081234567890")
    assert guest.id_number_masked == "7502********0001"
    assert (guest.occupation, guest.purpose) == ("Pelajar/Mahasiswa", "Penelitian")


def test_invalid_nik_is_explained_beside_the_field_and_nothing_is_sent(
    kiosk: KioskDriver, served_office: Office
) -> None:
    to_guest_book(kiosk)
    kiosk.tap("KTP")
    kiosk.tap_keys("7502011303030000")
    kiosk.tap("Lanjut")
    assert kiosk.shows("0000")
    assert kiosk.view.page == 0
    kiosk.tap("English")
    assert kiosk.view.form.errors["id_number"].message_en in kiosk.texts()
    assert served_office.officer.tickets() == []


def test_invalid_email_is_explained_and_nothing_is_sent(
    kiosk: KioskDriver, served_office: Office
) -> None:
    to_guest_book(kiosk)
    kiosk.tap("KTP")
    kiosk.tap_keys(NIK)
    kiosk.tap("Lanjut")
    kiosk.wait_for(lambda: kiosk.view.page == 1, "page 2")
    kiosk.tap_keys("siti")
    kiosk.press("tab")
    kiosk.type("siti@gmail")
    kiosk.tap("Lanjut")
    error = kiosk.view.form.errors["email"]
    assert error.message_id in kiosk.texts()
    assert kiosk.view.page == 1
    assert served_office.officer.tickets() == []


def test_without_consent_there_is_no_guest_book(kiosk: KioskDriver, served_office: Office) -> None:
    kiosk.tap("Konsultasi Statistik")
    kiosk.tap("Lanjut")
    assert kiosk.shows("Anda perlu menyetujui")
    assert kiosk.view.step == "notice"
    assert served_office.officer.tickets() == []


def test_language_switch_changes_every_string(kiosk: KioskDriver) -> None:
    indonesian = set(kiosk.texts())
    kiosk.tap("English")
    english = set(kiosk.texts())
    assert "Take a number" in english and "Statistical Consultation" in english
    # every string changed, except the office's own name and the clock
    same = indonesian & english
    assert same <= {"PST BPS Kabupaten Boalemo",
                    "Pelayanan Statistik Terpadu BPS Kabupaten Boalemo"} | {
        t for t in same if t.replace(".", "").isdigit()}
    kiosk.tap("Bahasa Indonesia")
    assert kiosk.shows("Ambil Nomor Antrian")


def test_the_screens_follow_the_window_shape_the_app_gives_them(kiosk: KioskDriver) -> None:
    """A screen draws by its own ``portrait``, ``scale`` and ``touch``, which the app sets when
    it makes the screen and on every resize (no screen asks the App)."""
    from kivy.core.window import Window

    app = kiosk.app
    to_guest_book(kiosk)
    guest = app.root.ids.screens.current_screen

    def id_type_columns() -> int:
        columns: int = guest.choices["id_type"][0].parent.cols
        return columns

    assert kiosk.find("KTP").parent.cols == id_type_columns() == 2  # portrait: two columns
    for screen in app.root.ids.screens.screens:
        assert (screen.portrait, screen.scale, screen.touch) == (True, 1.2, 115)
    try:
        app._resize(Window, (1366, 768))  # what a landscape monitor's window size sets
        for screen in app.root.ids.screens.screens:
            assert (screen.portrait, screen.scale, screen.touch) == (False, 0.8, 77)
        kiosk.flow.set_lang("en")  # a new view: the page is built again, for landscape
        assert id_type_columns() == 4
    finally:
        app._resize(Window, Window.size)
    kiosk.flow.set_lang("id")  # and again, for portrait
    kiosk.frames()
    assert kiosk.find("KTP").parent.cols == id_type_columns() == 2
