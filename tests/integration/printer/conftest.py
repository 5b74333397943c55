"""Fixtures for the printer tests: a virtual serial cable (socat) and a fake printer on it.

No warning filter is needed here: python-escpos 3.1, pyserial and qrcode emit no warnings on
the paths the printer adapter uses (checked with filterwarnings=error).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import serial

from kiosk.printer import OfficeInfo, TicketPrint
from tests.support.printer.fake_printer import (
    ALL_OK,
    FakePrinter,
    SerialPair,
    virtual_serial_pair,
)


@pytest.fixture
def printed_office() -> OfficeInfo:
    return OfficeInfo(
        name="BPS Kabupaten Boalemo",
        website="boalemokab.bps.go.id",
        complaint="s.bps.go.id/pengaduan_gorontalo",
    )


@pytest.fixture
def ticket() -> TicketPrint:
    return TicketPrint(
        number="K-012",
        service_name="Konsultasi Statistik",
        issued_at=datetime(2026, 11, 28, 14, 5, tzinfo=ZoneInfo("Asia/Makassar")),
        waiting_ahead=3,
        estimated_wait_minutes=15,
        status_url="https://antrian.boalemokab.bps.go.id/status/K-012-20261128-7f3a",
        rating_code="4821",
    )


@pytest.fixture
def serial_pair() -> Iterator[SerialPair]:
    """Two connected pseudo-terminals, like a printer on a USB-serial cable."""
    with virtual_serial_pair() as pair:
        yield pair


@pytest.fixture
def serial_printer(serial_pair: SerialPair) -> Iterator[FakePrinter]:
    """A printer answering "all OK" on the far end of ``serial_pair``."""
    port = serial.Serial(serial_pair.printer_end, 9600, timeout=0.05)
    printer = FakePrinter(port, ALL_OK)
    try:
        yield printer
    finally:
        printer.stop()
        port.close()
