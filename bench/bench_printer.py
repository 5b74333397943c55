"""Bytes per ticket and what they cost on the wire, native vs raster QR, with and without logo.

    .venv/bin/python bench/bench_printer.py

Prints a markdown table. Serial time is bytes x 10 bits (8N1) / baud; the DLE EOT status
check before each ticket adds 9 bytes out and 3 back (~13 ms at 9600 baud), not counted.
Goal: a ticket without logo under 600 bytes, under 0.7 s at 9600 baud.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from kiosk.printer import OfficeInfo, PrinterConfig, TicketPrint, make_printer
from kiosk.printer.transport import transfer_seconds

OFFICE = OfficeInfo(
    name="BPS Kabupaten Boalemo",
    website="boalemokab.bps.go.id",
    complaint="s.bps.go.id/pengaduan_gorontalo",
)
TICKET = TicketPrint(
    number="K-012",
    service_name="Konsultasi Statistik",
    issued_at=datetime(2026, 11, 28, 14, 5, tzinfo=ZoneInfo("Asia/Makassar")),
    waiting_ahead=3,
    estimated_wait_minutes=15,
    status_url="https://antrian.boalemokab.bps.go.id/status/K-012-20261128-7f3a",
)
BAUDS = (9600, 115200)
REPEAT = 50


def synthetic_logo(folder: Path) -> Path:
    """A wide emblem-like picture (the real logo is not in assets/ yet)."""
    picture = Image.new("RGB", (800, 240), "white")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((20, 20, 220, 220), fill="black")
    for row in range(4):
        draw.rectangle((260, 40 + row * 45, 780, 65 + row * 45), fill="black")
    path = folder / "logo.png"
    picture.save(path)
    return path


def measure(config: PrinterConfig) -> tuple[int, float]:
    """Ticket size in bytes and milliseconds to build it (logo already prepared)."""
    printer = make_printer(config, OFFICE)
    started = time.perf_counter()
    for _ in range(REPEAT):
        data = printer.ticket_bytes(TICKET)
    return len(data), (time.perf_counter() - started) * 1000 / REPEAT


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        logo = synthetic_logo(Path(folder))
        print("| paper | QR | logo | bytes/ticket | s @ 9600 | s @ 115200 | build ms |")
        print("|---|---|---|---:|---:|---:|---:|")
        for width in (58, 80):
            for native in (True, False):
                for with_logo in (False, True):
                    config = PrinterConfig(
                        backend="none",
                        width_mm=width,
                        native_qr=native,
                        logo=logo if with_logo else None,
                    )
                    size, build_ms = measure(config)
                    seconds = [transfer_seconds(size, baud) for baud in BAUDS]
                    print(
                        f"| {width} mm | {'native' if native else 'raster'} "
                        f"| {'yes' if with_logo else 'no'} | {size} "
                        f"| {seconds[0]:.2f} | {seconds[1]:.3f} | {build_ms:.1f} |"
                    )


if __name__ == "__main__":
    main()
