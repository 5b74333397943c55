"""The kiosk as an office starts it, in its own process on a real X screen (Xvfb), used with a
mouse and a physical keyboard (xdotool: real pointer clicks and key presses, no synthetic
events), against the real server process. Where to click is read off the screen (tesseract):
the test knows no widget and no coordinate.

Escape, Alt+F4 and a window manager's close request do not close it; F1 (Kivy's settings) and
Kivy's debugging keys open nothing."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.kiosk_driver import ARTIFACTS
from tests.support.offices import Office
from tests.support.serverproc import end_process
from tests.support.xscreen import XScreen, find_phrase

# An X server, the kiosk process, a tesseract read (1-3 s) per step: one to two minutes.
pytestmark = pytest.mark.slow

SIZE = "1080x1920"
SHOTS = ARTIFACTS / "x11"
NIK = "7502014103030001"


@pytest.fixture
def screen(tmp_path: Path) -> Iterator[XScreen]:
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    started = XScreen(SIZE, SHOTS)
    yield started
    started.close()


@pytest.fixture
def kivy_home(tmp_path: Path) -> Path:
    """The kiosk's Kivy home (not the user's ~/.kivy); a test may put a config.ini in it."""
    return tmp_path / "kivy"


@pytest.fixture
def kiosk_process(
    served_office: Office, screen: XScreen, tmp_path: Path, kivy_home: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """``pst-antrian kiosk --server URL --token-file FILE --windowed --size 1080x1920`` on
    the X screen, as the README starts it."""
    token = tmp_path / "kiosk.token"
    token.write_text(served_office.kiosk_token + "\n", encoding="utf-8")
    token.chmod(0o600)
    config = tmp_path / "kiosk.toml"
    # The longest idle time: reading the screen takes seconds per step on a busy machine.
    config.write_text("idle_seconds = 600\n", encoding="utf-8")
    command = Path(sys.executable).with_name("pst-antrian")
    env = {**screen.env, "KIVY_HOME": str(kivy_home)}
    env.pop("WAYLAND_DISPLAY", None)
    with open(tmp_path / "kiosk.log", "wb") as log:
        process = subprocess.Popen(
            [str(command), "kiosk", "--server", served_office.url, "--token-file", str(token),
             "--config", str(config), "--windowed", "--size", SIZE],
            env=env, stdout=log, stderr=subprocess.STDOUT)
    yield process
    end_process(process)
    shutil.copy(tmp_path / "kiosk.log", SHOTS / "kiosk.log")


def two_fields(
    screen: XScreen, kiosk: subprocess.Popen[bytes], page: str, first: str, second: str
) -> None:
    """A guest-book page of two fields, by keyboard: type, Tab, type, Enter.

    Tab and the second field's letters are pressed while the kiosk is paused, so they all
    wait in its queue together, as they do when a visitor types on while a frame is drawn:
    moving the focus must not lose one of them (it lost the first 2-8 letters when Kivy
    stopped SDL's text input on the way, see kiosk/text_input.py)."""
    name = page.split()[1]
    screen.wait_for(page, f"guest-{name}")
    screen.type(first)  # the first empty field has the focus
    kiosk.send_signal(signal.SIGSTOP)
    try:
        screen.key("Tab")
        screen.type(second)
    finally:
        kiosk.send_signal(signal.SIGCONT)
    screen.wait_for(second, f"guest-{name}-typed")
    screen.key("Return")


def test_a_visitor_with_mouse_and_keyboard_on_a_real_x_window(
    screen: XScreen, kiosk_process: subprocess.Popen[bytes], served_office: Office
) -> None:
    window = screen.window_of(kiosk_process.pid)
    service = screen.wait_for("Konsultasi Statistik", "welcome")

    # What a visitor (or a window manager) could do to close it: nothing happens.
    screen.key("Escape")
    screen.key("alt+F4")
    screen.ask_to_close(window)
    screen.wait_for("Ambil Nomor Antrian", "welcome-after-escape")
    assert kiosk_process.poll() is None
    assert window in screen.xdotool("search", "--pid", str(kiosk_process.pid)).split()

    # Each step waits to read its screen's title before it clicks: a word may also stand
    # on the screen before (the notice names "KTP" too).
    screen.click(window, *service.centre)
    screen.wait_for("Persyaratan dan perlindungan data", "notice")
    screen.click_on(window, "Saya setuju", "notice")
    screen.key("Return")  # Enter confirms the page
    screen.wait_for("Langkah 1 dari 4", "guest-1")
    screen.click_on(window, "KTP", "guest-1")
    screen.look("guest-1-ktp")
    screen.type(NIK)  # into the focused field: the identity number
    screen.wait_for(NIK, "guest-1-typed")
    screen.key("Return")
    two_fields(screen, kiosk_process, "Langkah 2 dari 4", "Siti Aisyah Pakaya",
               "siti.pakaya@example.com")
    two_fields(screen, kiosk_process, "Langkah 3 dari 4", "081234567890",
               "Universitas Negeri Gorontalo")
    screen.wait_for("Langkah 4 dari 4", "guest-4")
    screen.click_on(window, "Pelajar/Mahasiswa", "guest-4")
    screen.click_on(window, "Penelitian", "guest-4-occupation")
    screen.key("Return")
    screen.wait_for("Periksa data Anda", "confirm")
    screen.key("Return")  # Enter on Confirm takes the number
    screen.wait_for("Cetak Tiket", "ticket")
    screen.wait_for("Orang di depan Anda: 0", "ticket")

    (ticket,) = served_office.officer.tickets()
    assert ticket.number == "K-001" and ticket.service == "KONSULTASI"
    guest = ticket.guest
    assert guest is not None
    assert (guest.id_type, guest.id_number_masked) == ("KTP", "7502********0001")
    assert (guest.name, guest.email, guest.phone, guest.institution) == (
        "Siti Aisyah Pakaya", "siti.pakaya@example.com", "081234567890",
        "Universitas Negeri Gorontalo")
    assert (guest.occupation, guest.purpose) == ("Pelajar/Mahasiswa", "Penelitian")
    assert kiosk_process.poll() is None  # still there for the next visitor


@pytest.fixture
def kivy_debug_modules(kivy_home: Path) -> None:
    """A PC whose Kivy config switches on the inspector (Ctrl+E) and the key bindings (F11
    turns the screen, F12 saves a screenshot), as a developer may have left it."""
    kivy_home.mkdir(parents=True)
    (kivy_home / "config.ini").write_text("[modules]\ninspector =\nkeybinding =\n",
                                          encoding="utf-8")


def test_keys_a_visitor_could_press_open_nothing(
    screen: XScreen, kivy_debug_modules: None, kiosk_process: subprocess.Popen[bytes]
) -> None:
    window = screen.window_of(kiosk_process.pid)
    screen.wait_for("Ambil Nomor Antrian", "welcome")
    # F1: Kivy's settings panel; Ctrl+E: the inspector; F11: the screen turned; Escape
    # closes the settings panel or the app in Kivy's defaults.
    screen.key("F1", "ctrl+e", "F11", "Escape", "F1")
    # Keys and clicks are handled in order: once the click on "English" has changed Welcome,
    # the keys before it have been handled (a panel over the kiosk would take the click).
    screen.click_on(window, "English", "welcome-after-keys")
    screen.wait_for("Take a number", "welcome-english")
    picture, words = screen.look("welcome-english-checked")
    seen = {word.text.strip(".:").lower() for word in words}
    assert not seen & {"kivy", "settings", "close", "loglevel", "inspector"}, picture
    assert find_phrase(words, "Konsultasi Statistik") is None  # in English, the kiosk's own
    assert find_phrase(words, "Statistical Consultation") is not None, picture
    assert kiosk_process.poll() is None
