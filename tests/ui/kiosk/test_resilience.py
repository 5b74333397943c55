"""The kiosk when things go wrong: an idle visitor, closed hours, a stopped server, a printer
out of paper."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import serial

from tests.support.kiosk_driver import KioskDriver, fill_guest_book
from tests.support.offices import Office, start_office
from tests.support.printer.fake_printer import OK, FakePrinter, virtual_serial_pair
from tests.support.serverproc import ServerProcess

# The real app and a real server process: seconds per test (run by scripts/check).
pytestmark = pytest.mark.slow

NIK = "7502014103030001"
PAPER_OUT = {1: OK, 2: OK | 0x20, 4: OK | 0x60}  # DLE EOT: stopped by paper end, paper end


def fill_in(kiosk: KioskDriver) -> None:
    fill_guest_book(kiosk, NIK)


def test_idle_visitor_sees_a_countdown_then_everything_is_wiped(kiosk: KioskDriver) -> None:
    kiosk.tap("Konsultasi Statistik")
    kiosk.tap(kiosk.find("Saya setuju", exact=False))
    kiosk.tap("Lanjut")
    kiosk.tap("KTP")
    kiosk.tap_keys("7502")
    kiosk.untouched_for(61)  # a minute without a touch
    kiosk.frames(2)
    assert kiosk.shows("Masih di sini?")
    kiosk.untouched_for(61 + 15)
    kiosk.frames(3)
    assert kiosk.view.step == "welcome"
    assert kiosk.view.form.id_number == "" and not kiosk.view.consent
    assert not any("7502" in text for text in kiosk.texts())
    from kivy.cache import Cache  # nor, soon after, in Kivy's cache of text-field lines

    def cached() -> list[str]:
        return [str(key) for category in ("textinput.label", "textinput.width")
                for key in Cache._objects.get(category, {}) if "7502" in str(key)]

    kiosk.wait_for(lambda: not cached(), "the typed lines to leave Kivy's cache", limit=30)


def test_closed_hours_block_tickets(
    tmp_path: Path, kiosk_for: Callable[..., KioskDriver]
) -> None:
    closed = start_office(tmp_path, "[hours]\n")  # an hours table with no day: always closed
    try:
        kiosk = kiosk_for(closed)
        assert kiosk.shows("Layanan tutup")
        assert kiosk.shows("Layanan tutup pada hari")  # the server's reason
        with pytest.raises(AssertionError):
            kiosk.find("Konsultasi Statistik")
        assert closed.officer.tickets() == []
    finally:
        closed.process.stop()


def test_a_stopped_server_then_one_ticket_when_it_returns(
    kiosk: KioskDriver, served_office: Office
) -> None:
    fill_in(kiosk)
    served_office.process.stop()
    kiosk.tap("Ambil Nomor")
    kiosk.wait_for(lambda: kiosk.view.problem is not None and not kiosk.view.busy,
                   "the offline message")
    assert kiosk.shows("belum dapat dihubungi")
    assert kiosk.view.form.name == "Siti Aisyah"  # the visitor's input kept
    kiosk.tap("Ambil Nomor")  # tapping again while it is down
    kiosk.wait_for(lambda: not kiosk.view.busy, "the second attempt")
    restarted = ServerProcess(served_office.process.data_dir,
                              port=served_office.process.port).start()
    try:
        kiosk.tap("Ambil Nomor")
        kiosk.wait_step("ticket")
        assert kiosk.shows("K-001")
        assert [t.number for t in served_office.officer.tickets()] == ["K-001"]
    finally:
        restarted.stop()


@pytest.fixture
def paperless_printer() -> Iterator[str]:
    with virtual_serial_pair() as pair:
        port = serial.Serial(pair.printer_end, 9600, timeout=0.05)
        printer = FakePrinter(port, PAPER_OUT)
        try:
            yield pair.kiosk_end
        finally:
            printer.stop()
            port.close()


def test_printer_out_of_paper_keeps_the_ticket_and_the_qr(
    served_office: Office, kiosk_for: Callable[..., KioskDriver], paperless_printer: str
) -> None:
    kiosk = kiosk_for(served_office, printer={"backend": "serial", "port": paperless_printer})
    fill_in(kiosk)
    kiosk.tap("Ambil Nomor")
    kiosk.wait_step("ticket")
    kiosk.tap("Cetak Tiket")
    kiosk.wait_for(lambda: kiosk.view.print_state == "failed", "the printer's answer")
    assert kiosk.shows("kertas") or kiosk.shows("Kertas")
    assert kiosk.shows("nomor Anda tetap terdaftar")
    assert kiosk.view.step == "ticket" and kiosk.shows("K-001")
    assert kiosk.app.root.ids.screens.current_screen.ids.qr.texture is not None
    (device,) = [d for d in served_office.officer.devices() if d.role == "kiosk"]
    assert device.status is not None
    assert device.status["printer"]["state"] == "paper_out"  # type: ignore[index]


def test_a_slow_server_shows_please_wait_and_holds_the_screen(kiosk: KioskDriver) -> None:
    fill_in(kiosk)
    answer = threading.Event()
    backend = kiosk.flow.backend
    take_ticket = backend.take_ticket

    def slow(order: object) -> object:
        answer.wait(60)
        return take_ticket(order)

    backend.take_ticket = slow
    kiosk.tap("Ambil Nomor")
    kiosk.wait_for(lambda: kiosk.shows("Mohon tunggu..."), "the please-wait message")
    kiosk.tap(kiosk.find("Kembali"))  # the confirm screen's button, under the message
    assert kiosk.view.step == "confirm"  # held off: the visitor stays where they were
    answer.set()
    kiosk.wait_step("ticket")
    assert kiosk.shows("K-001") and not kiosk.shows("Mohon tunggu...")
