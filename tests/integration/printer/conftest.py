"""Fixtures for the printer tests: a virtual serial cable (socat) and a fake printer on it.

No warning filter is needed here: python-escpos 3.1, pyserial and qrcode emit no warnings on
the paths the printer adapter uses (checked with filterwarnings=error).
"""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import serial

from kiosk.printer import OfficeInfo, TicketPrint
from tests.integration.printer.fake_printer import ALL_OK, FakePrinter, SerialPair


@pytest.fixture
def office() -> OfficeInfo:
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
    )


@pytest.fixture
def serial_pair() -> Iterator[SerialPair]:
    """Two connected pseudo-terminals, like a printer on a USB-serial cable."""
    if shutil.which("socat") is None:
        pytest.fail("socat is not installed (apt-get install socat): no virtual serial pair")
    process = subprocess.Popen(
        ["socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    stderr = process.stderr

    def drain() -> None:  # keep reading so socat never blocks on a full pipe
        for raw in stderr:
            lines.put(raw.decode(errors="replace"))

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    paths: list[str] = []
    deadline = time.monotonic() + 5
    try:
        while len(paths) < 2:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail("socat did not report two PTYs within 5 s")
            found = re.search(r"PTY is (/dev/\S+)", line)
            if found:
                paths.append(found.group(1))
        yield SerialPair(paths[0], paths[1], process)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=5)
        drainer.join(timeout=5)  # ends at EOF once socat is gone; then closing is safe
        stderr.close()


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
