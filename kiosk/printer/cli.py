"""``pst-antrian printer test|status``: try the printer from a shell.

    pst-antrian printer test --port /dev/ttyUSB0 --baud 9600 --width 58
    pst-antrian printer status --port /dev/ttyUSB0

Exit status 0 when the ticket printed / the printer can print, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .facade import make_printer
from .model import Backend, OfficeInfo, PrinterConfig, PrinterConfigError, TicketPrint

SAMPLE_OFFICE = OfficeInfo(
    name="BPS Kabupaten Boalemo",
    website="boalemokab.bps.go.id",
    complaint="s.bps.go.id/pengaduan_gorontalo",
)
WITA = timezone(timedelta(hours=8), "WITA")
SAMPLE_STATUS_URL = "https://example.invalid/t/CONTOH-TIKET"


def sample_ticket(now: datetime | None = None) -> TicketPrint:
    """A made-up ticket with nobody's data on it."""
    return TicketPrint(
        number="K-001",
        service_name="Konsultasi Statistik",
        issued_at=now or datetime.now(WITA),
        waiting_ahead=3,
        estimated_wait_minutes=15,
        # An example address (the .invalid domain never resolves): not a page on any real site.
        status_url=SAMPLE_STATUS_URL,
        rating_code="1234",  # so the test print shows the whole layout
    )


def register(subparsers: Any) -> None:
    """Add ``printer test`` and ``printer status`` to an argparse ``add_subparsers()`` object."""
    printer = subparsers.add_parser("printer", help="test the ticket printer")
    actions = printer.add_subparsers(dest="printer_action", required=True)
    test = actions.add_parser("test", help="print a sample ticket")
    _add_connection_arguments(test)
    test.add_argument("--width", type=int, choices=(58, 80), default=58, help="paper in mm")
    test.add_argument(
        "--raster-qr", action="store_true", help="send the QR as an image (no native QR)"
    )
    status = actions.add_parser("status", help="say what state the printer is in")
    _add_connection_arguments(status)
    printer.set_defaults(handler=run)


def _add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", help="serial port, e.g. /dev/ttyUSB0")
    where.add_argument("--host", help="network printer address (raw TCP)")
    where.add_argument("--file", type=Path, help="write the bytes to this file instead")
    parser.add_argument("--baud", type=int, default=9600, help="serial speed (default 9600)")
    parser.add_argument("--tcp-port", type=int, default=9100, help="TCP port (default 9100)")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds (default 2)")


def _config(args: argparse.Namespace) -> PrinterConfig:
    backend: Backend = "serial" if args.port else "network" if args.host else "file"
    return PrinterConfig(
        backend=backend,
        port=args.port,
        baudrate=args.baud,
        host=args.host,
        tcp_port=args.tcp_port,
        path=args.file,
        width_mm=getattr(args, "width", 58),
        native_qr=not getattr(args, "raster_qr", False),
        timeout_s=args.timeout,
    )


def run(args: argparse.Namespace) -> int:
    """Carry out ``printer test`` or ``printer status``; returns the exit status."""
    try:
        printer = make_printer(_config(args), SAMPLE_OFFICE)
    except PrinterConfigError as exc:
        print(f"{exc.message_id}\n{exc.message_en}", file=sys.stderr)
        return 2
    if args.printer_action == "status":
        status = printer.status()
        print(f"{printer.description}: {status.state.value}")
        print(status.message_id)
        print(status.message_en)
        return 0 if status.can_print else 1
    result = printer.print_ticket(sample_ticket())
    print(f"{printer.description}: {result.status.state.value}, {result.bytes_sent} bytes")
    print(result.message_id)
    print(result.message_en)
    return 0 if result.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pst-antrian")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
