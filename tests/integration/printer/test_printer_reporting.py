"""A kiosk takes a ticket from the real server, prints it on a (fake) serial printer, and the
officer sees the printer's state: out of paper, then ready again."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.printer import OfficeInfo, PrinterConfig, PrinterState, make_printer
from kiosk.printer.server_link import ReportingPrinter, ticket_from_api
from shared.api.client import QueueClient
from shared.api.models import IssuedTicketOut
from tests.support.offices import VISITOR, local_office
from tests.support.printer.escpos_reader import read
from tests.support.printer.fake_printer import ALL_OK, OK, FakePrinter, SerialPair

pytestmark = pytest.mark.socat

PAPER_OUT = {1: OK | 0x08, 2: OK | 0x20, 4: OK | 0x60}


def test_printer_state_reaches_the_officer_and_the_ticket_reaches_paper(
    tmp_path: Path, serial_pair: SerialPair, serial_printer: FakePrinter, printed_office: OfficeInfo
) -> None:
    with local_office(tmp_path / "data") as queue:
        printer = ReportingPrinter(
            make_printer(PrinterConfig(backend="serial", port=serial_pair.kiosk_end),
                         printed_office),
            queue.client(queue.kiosk_token),
        )
        ticket = queue.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)

        serial_printer.answers = PAPER_OUT
        failed = printer.print_ticket(ticket_from_api(ticket, "Konsultasi Statistik"))
        assert not failed.ok and failed.status.state is PrinterState.PAPER_OUT
        assert "QR" in failed.message_id  # the kiosk falls back to the QR on screen
        kiosk = {d.name: d for d in queue.officer.devices()}["kiosk-1"]
        assert kiosk.status["printer"]["state"] == "paper_out"
        assert "Kertas printer habis" in kiosk.status["printer"]["message_id"]
        assert kiosk.status["printer"]["can_print"] is False

        serial_printer.answers = dict(ALL_OK)
        printed = printer.print_ticket(ticket_from_api(ticket, "Konsultasi Statistik"))
        assert printed.ok
        kiosk = {d.name: d for d in queue.officer.devices()}["kiosk-1"]
        assert kiosk.status["printer"]["state"] == "ok"

        paper = read(serial_printer.bytes(at_least=printed.bytes_sent))
        assert [q.payload for q in paper.qr_codes] == [ticket.status_url]
        assert "K-001" in paper.all_text()
        for secret in (VISITOR["name"], VISITOR["email"], VISITOR["id_number"],
                       VISITOR["phone"]):
            assert secret not in paper.all_text()


def test_an_unreachable_server_never_stops_printing(
    serial_pair: SerialPair, serial_printer: FakePrinter, printed_office: OfficeInfo
) -> None:
    printer = ReportingPrinter(
        make_printer(PrinterConfig(backend="serial", port=serial_pair.kiosk_end), printed_office),
        QueueClient("http://127.0.0.1:9", "token", timeout=0.5),  # nothing listens on port 9
    )
    ticket = IssuedTicketOut.model_validate({
        "id": 7, "number": "K-007", "service": "KONSULTASI", "status": "waiting",
        "priority": False, "issued_at": "2026-11-30T09:00:00+08:00", "waiting_ahead": 2,
        "estimated_wait_minutes": 15, "status_url": "http://127.0.0.1:8000/t/abc",
        "rating_code": "4821"})
    assert printer.print_ticket(ticket_from_api(ticket, "Konsultasi Statistik")).ok
    assert printer.status().state is PrinterState.OK
