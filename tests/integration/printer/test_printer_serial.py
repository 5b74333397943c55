"""A real ticket through the serial backend, read back from the other end of a virtual cable."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import qrcode
import qrcode.constants
from PIL import Image, ImageDraw

from kiosk.printer import OfficeInfo, PrinterConfig, PrinterState, TicketPrint, make_printer
from tests.support.printer.escpos_reader import Cut, Paper, PrintedImage, read
from tests.support.printer.fake_printer import OK, FakePrinter, SerialPair

pytestmark = pytest.mark.socat

PAPER = {58: (32, 384), 80: (48, 576)}  # columns, dots

VISITOR = {  # what the guest book knows about the person holding this ticket
    "name": "Siti Rahmawati Pakaya",
    "email": "siti.rahma@example.com",
    "phone": "081234567890",
    "nik": "7502014507900001",
}


def serial_config(pair: SerialPair, **overrides: object) -> PrinterConfig:
    settings: dict[str, object] = {"backend": "serial", "port": pair.kiosk_end}
    settings.update(overrides)
    return PrinterConfig(**settings)  # type: ignore[arg-type]


def qr_modules(payload: str) -> int:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return int(code.modules_count)


def print_and_read(
    printer_config: PrinterConfig,
    office: OfficeInfo,
    ticket: TicketPrint,
    fake: FakePrinter,
) -> tuple[Paper, bytes]:
    result = make_printer(printer_config, office).print_ticket(ticket)
    assert result.ok, result.message_en
    received = fake.bytes(at_least=result.bytes_sent)
    ticket_bytes = received[received.index(b"\x1b@") :]
    assert len(ticket_bytes) == result.bytes_sent
    return read(received), ticket_bytes


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_on_paper(
    width: int,
    serial_pair: SerialPair,
    serial_printer: FakePrinter,
    printed_office: OfficeInfo,
    ticket: TicketPrint,
) -> None:
    paper, ticket_bytes = print_and_read(
        serial_config(serial_pair, width_mm=width), printed_office, ticket, serial_printer
    )
    columns, dots = PAPER[width]

    assert paper.status_queries == [1, 2, 4]  # asked before printing
    number = paper.line("K-012")
    assert number.width >= 4 and number.height >= 4 and number.align == "center"
    texts = paper.texts
    assert texts.index("BPS Kabupaten Boalemo") < texts.index("Konsultasi Statistik")
    assert texts.index("Konsultasi Statistik") < texts.index("Nomor Antrian") < texts.index("K-012")
    text = paper.all_text()
    assert "Sabtu, 28 November 2026" in text and "14.05 WITA" in text
    assert "Orang di depan Anda: 3" in texts
    assert "Perkiraan tunggu: 15 menit" in texts
    assert "Pindai QR untuk melihat status antrian" in " ".join(texts)
    # the kiosk's proof of the visit for a rating, in bold below the QR
    code = paper.line("Kode penilaian: 4821")
    assert code.bold and texts.index("Kode penilaian: 4821") < texts.index(
        "boalemokab.bps.go.id")
    assert "Ketik kode ini di kiosk untuk menilai layanan" in " ".join(texts)
    assert "boalemokab.bps.go.id" in texts
    assert "s.bps.go.id/pengaduan_gorontalo" in text

    [qr] = paper.qr_codes
    assert qr.payload == ticket.status_url
    assert qr_modules(qr.payload) * qr.module_dots <= dots
    assert paper.images == []  # no logo configured, native QR: no pictures at all
    assert isinstance(paper.items[-1], Cut)

    for line in paper.lines:
        assert len(line.text) * line.width <= columns, f"{line.text!r} is too wide"
    assert len(ticket_bytes) < 600
    assert len(ticket_bytes) * 10 / 9600 < 0.7


def test_no_personal_data_in_the_bytes(
    serial_pair: SerialPair, serial_printer: FakePrinter, printed_office: OfficeInfo,
    ticket: TicketPrint,
) -> None:
    _, ticket_bytes = print_and_read(serial_config(serial_pair), printed_office, ticket,
                                     serial_printer)
    lowered = ticket_bytes.lower()
    for value in VISITOR.values():
        assert value.lower().encode() not in lowered
    for word in VISITOR["name"].lower().split():
        assert word.encode() not in lowered
    printable = ticket_bytes.decode("ascii", errors="replace")
    assert not re.search(r"[\w.]+@[\w.]+", printable), "an email address is printed"
    assert not re.search(r"\d{10,}", printable), "a phone or identity number is printed"


@pytest.mark.parametrize("width", [58, 80])
def test_raster_qr_fallback_prints_the_status_url(
    width: int,
    serial_pair: SerialPair,
    serial_printer: FakePrinter,
    printed_office: OfficeInfo,
    ticket: TicketPrint,
) -> None:
    paper, _ = print_and_read(
        serial_config(serial_pair, width_mm=width, native_qr=False),
        printed_office,
        ticket,
        serial_printer,
    )
    _, dots = PAPER[width]
    assert paper.qr_codes == []
    [picture] = paper.pictures
    assert picture.width_dots <= dots
    assert _qr_matrix_in(picture) == _expected_matrix(ticket.status_url)


def _expected_matrix(payload: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def _qr_matrix_in(picture: PrintedImage) -> list[list[bool]]:
    """Sample the printed QR module by module (its top-left finder pattern starts it)."""
    black = [
        (x, y)
        for y in range(picture.height_dots)
        for x in range(picture.width_dots)
        if picture.black(x, y)
    ]
    left, top = min(x for x, _ in black), min(y for _, y in black)
    right = max(x for x, _ in black)
    size = right - left + 1
    # the finder pattern is 7 modules wide: measure one module from it
    run = 0
    while picture.black(left + run, top):
        run += 1
    module = run // 7
    count = size // module
    return [
        [
            picture.black(left + col * module + module // 2, top + row * module + module // 2)
            for col in range(count)
        ]
        for row in range(count)
    ]


def test_logo_is_printed_on_top_and_prepared_once(
    tmp_path: Path,
    serial_pair: SerialPair,
    serial_printer: FakePrinter,
    printed_office: OfficeInfo,
    ticket: TicketPrint,
) -> None:
    logo_path = tmp_path / "logo.png"
    logo = Image.new("RGBA", (1200, 300), (255, 255, 255, 0))
    ImageDraw.Draw(logo).rectangle((0, 0, 1199, 299), fill="black")
    logo.save(logo_path)
    printer = make_printer(serial_config(serial_pair, logo=logo_path), printed_office)
    logo_path.unlink()  # converted at start-up: the file is not needed per ticket

    for _ in range(2):
        result = printer.print_ticket(ticket)
        assert result.ok, result.message_en
    paper = read(serial_printer.bytes(at_least=2 * result.bytes_sent))

    tickets = [i for i, item in enumerate(paper.items) if isinstance(item, Cut)]
    assert len(tickets) == 2
    first = paper.items[: tickets[0]]
    assert isinstance(first[0], PrintedImage), "the logo comes first"
    [picture, _] = paper.pictures
    assert picture.width_dots <= 384
    assert picture.black(192, picture.height_dots // 2)  # centered on 58 mm paper


@pytest.mark.parametrize(
    ("answers", "state", "words_id", "words_en"),
    [
        ({1: OK, 2: OK, 4: OK}, PrinterState.OK, "siap", "ready"),
        ({1: OK | 0x08, 2: OK | 0x04, 4: OK}, PrinterState.COVER_OPEN, "Tutup", "cover"),
        ({1: OK | 0x08, 2: OK | 0x20, 4: OK | 0x60}, PrinterState.PAPER_OUT, "habis", "out of"),
        ({1: OK, 2: OK, 4: OK | 0x0C}, PrinterState.PAPER_NEAR_END, "hampir", "low"),
        ({1: OK | 0x08, 2: OK | 0x40, 4: OK}, PrinterState.OFFLINE, "offline", "offline"),
        ({}, PrinterState.UNKNOWN, "tidak menjawab", "does not answer"),
        ({1: 0xFF, 2: OK, 4: OK}, PrinterState.UNKNOWN, "tidak menjawab", "does not answer"),
    ],
    ids=["ok", "cover-open", "paper-out", "paper-near-end", "error", "silent", "garbage"],
)
def test_status_in_words(
    answers: dict[int, int],
    state: PrinterState,
    words_id: str,
    words_en: str,
    serial_pair: SerialPair,
    serial_printer: FakePrinter,
    printed_office: OfficeInfo,
) -> None:
    serial_printer.answers = answers
    started = time.monotonic()
    status = make_printer(serial_config(serial_pair), printed_office).status()
    assert time.monotonic() - started <= 2.2
    assert status.state is state
    assert words_id in status.message_id and words_en in status.message_en
    assert status.can_print is (state in (PrinterState.OK, PrinterState.PAPER_NEAR_END))


@pytest.mark.parametrize(
    ("answers", "reason_id", "reason_en"),
    [
        ({1: OK | 0x08, 2: OK | 0x20, 4: OK | 0x60}, "Kertas printer habis", "out of paper"),
        ({1: OK | 0x08, 2: OK | 0x04, 4: OK}, "Tutup printer terbuka", "cover is open"),
        ({}, "tidak menjawab", "does not answer"),
    ],
    ids=["paper-out", "cover-open", "silent"],
)
def test_failed_print_says_why_and_sends_no_ticket(
    answers: dict[int, int],
    reason_id: str,
    reason_en: str,
    serial_pair: SerialPair,
    serial_printer: FakePrinter,
    printed_office: OfficeInfo,
    ticket: TicketPrint,
) -> None:
    serial_printer.answers = answers
    started = time.monotonic()
    result = make_printer(serial_config(serial_pair), printed_office).print_ticket(ticket)
    assert time.monotonic() - started <= 2.2
    assert not result.ok and result.bytes_sent == 0
    assert reason_id in result.message_id and "pindai kode QR" in result.message_id
    assert reason_en in result.message_en and "scan the QR" in result.message_en
    paper = read(serial_printer.bytes())
    assert paper.items == []  # only status questions went over the cable


def test_missing_port_fails_fast(printed_office: OfficeInfo, ticket: TicketPrint) -> None:
    config = PrinterConfig(backend="serial", port="/dev/ttyUSB-not-plugged-in")
    started = time.monotonic()
    status = make_printer(config, printed_office).status()
    result = make_printer(config, printed_office).print_ticket(ticket)
    assert time.monotonic() - started < 0.5
    assert status.state is PrinterState.OFFLINE
    assert "/dev/ttyUSB-not-plugged-in" in status.message_id
    assert "tidak ada" in status.message_id and "does not exist" in status.message_en
    assert not result.ok and "tidak ada" in result.message_id


def test_unplugged_cable_fails_fast(
    serial_pair: SerialPair, printed_office: OfficeInfo, ticket: TicketPrint
) -> None:
    printer = make_printer(serial_config(serial_pair), printed_office)
    serial_pair.unplug()
    started = time.monotonic()
    result = printer.print_ticket(ticket)
    assert time.monotonic() - started < 0.5
    assert not result.ok
    assert result.status.state is PrinterState.OFFLINE
    assert "Printer tidak terhubung" in result.message_id
    assert "Printer not connected" in result.message_en
