"""``pst-antrian printer test|status`` run as a command against the virtual serial cable."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.printer.cli import register, run
from tests.support.printer.escpos_reader import Cut, read
from tests.support.printer.fake_printer import OK, FakePrinter, SerialPair

pytestmark = pytest.mark.socat
PROJECT = Path(__file__).resolve().parents[3]


def pst_antrian(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.printer.cli", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_printer_test_prints_a_sample_ticket(
    serial_pair: SerialPair, serial_printer: FakePrinter
) -> None:
    done = pst_antrian("printer", "test", "--port", serial_pair.kiosk_end, "--width", "80")
    assert done.returncode == 0, done.stderr
    assert "Tiket dicetak" in done.stdout and "Ticket printed" in done.stdout
    paper = read(serial_printer.bytes(at_least=400))
    assert paper.line("K-001").width >= 4
    # plainly an example: the .invalid domain never resolves, no office page is made up
    assert [qr.payload for qr in paper.qr_codes] == ["https://example.invalid/t/CONTOH-TIKET"]
    assert isinstance(paper.items[-1], Cut)
    assert all(len(line.text) * line.width <= 48 for line in paper.lines)


def test_printer_status_in_words(serial_pair: SerialPair, serial_printer: FakePrinter) -> None:
    serial_printer.answers = {1: OK | 0x08, 2: OK | 0x04, 4: OK}
    done = pst_antrian("printer", "status", "--port", serial_pair.kiosk_end, "--baud", "9600")
    assert done.returncode == 1
    assert "cover_open" in done.stdout
    assert "Tutup printer terbuka." in done.stdout
    assert "The printer cover is open." in done.stdout


def test_register_adds_the_printer_command(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="pst-antrian")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["printer", "status", "--port", "/dev/ttyUSB-not-plugged-in"])
    assert args.handler is run
    assert run(args) == 1
    assert "does not exist" in capsys.readouterr().out
