"""The raw TCP (port 9100) backend against a small printer listening on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kiosk.printer import OfficeInfo, PrinterConfig, PrinterState, TicketPrint, make_printer
from tests.support.printer.escpos_reader import Cut, read
from tests.support.printer.fake_printer import ALL_OK, OK, FakePrinter


@dataclass
class NetworkPrinter:
    port: int
    answers: dict[int, int]
    connections: list[FakePrinter]

    def received(self, at_least: int = 0) -> bytes:
        deadline = time.monotonic() + 5
        while not self.connections and time.monotonic() < deadline:
            time.sleep(0.01)
        return b"".join(fake.bytes(at_least=at_least) for fake in self.connections)


@pytest.fixture
def network_printer() -> Iterator[NetworkPrinter]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    printer = NetworkPrinter(listener.getsockname()[1], dict(ALL_OK), [])
    stop = threading.Event()
    accepted: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(0.05)
            accepted.append(connection)
            printer.connections.append(FakePrinter(connection, printer.answers))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield printer
    finally:
        stop.set()
        thread.join(timeout=5)
        for fake in printer.connections:
            fake.stop()
        for connection in accepted:
            connection.close()
        listener.close()


def network_config(port: int, **overrides: object) -> PrinterConfig:
    settings: dict[str, object] = {"backend": "network", "host": "127.0.0.1", "tcp_port": port}
    settings.update(overrides)
    return PrinterConfig(**settings)  # type: ignore[arg-type]


def test_ticket_over_tcp(
    network_printer: NetworkPrinter, printed_office: OfficeInfo, ticket: TicketPrint
) -> None:
    printer = make_printer(network_config(network_printer.port, width_mm=80), printed_office)
    result = printer.print_ticket(ticket)
    assert result.ok, result.message_en
    paper = read(network_printer.received(at_least=result.bytes_sent))
    assert paper.status_queries == [1, 2, 4]
    assert paper.line("K-012").width >= 4
    assert [qr.payload for qr in paper.qr_codes] == [ticket.status_url]
    assert isinstance(paper.items[-1], Cut)
    assert all(len(line.text) * line.width <= 48 for line in paper.lines)


def test_paper_out_over_tcp(
    network_printer: NetworkPrinter, printed_office: OfficeInfo, ticket: TicketPrint
) -> None:
    network_printer.answers.update({1: OK | 0x08, 2: OK | 0x20, 4: OK | 0x60})
    result = make_printer(network_config(network_printer.port), printed_office).print_ticket(ticket)
    assert not result.ok
    assert result.status.state is PrinterState.PAPER_OUT
    assert read(network_printer.received()).items == []


def test_silent_network_printer_is_unknown_within_two_seconds(
    network_printer: NetworkPrinter, printed_office: OfficeInfo
) -> None:
    network_printer.answers.clear()
    started = time.monotonic()
    status = make_printer(network_config(network_printer.port), printed_office).status()
    assert time.monotonic() - started <= 2.2
    assert status.state is PrinterState.UNKNOWN
    assert not status.can_print


def test_nobody_listening_fails_fast(printed_office: OfficeInfo, ticket: TicketPrint) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        free_port = probe.getsockname()[1]
    started = time.monotonic()
    result = make_printer(network_config(free_port), printed_office).print_ticket(ticket)
    assert time.monotonic() - started < 0.5
    assert not result.ok and result.status.state is PrinterState.OFFLINE
    assert f"127.0.0.1:{free_port}" in result.message_id
    assert "Printer tidak terhubung" in result.message_id
    assert "Printer not connected" in result.message_en


def test_unroutable_host_gives_up_within_the_timeout(
    printed_office: OfficeInfo, ticket: TicketPrint
) -> None:
    # 192.0.2.0/24 is TEST-NET-1: packets go nowhere, so connect() hangs until the timeout
    config = PrinterConfig(backend="network", host="192.0.2.1", timeout_s=0.5)
    started = time.monotonic()
    result = make_printer(config, printed_office).print_ticket(ticket)
    assert time.monotonic() - started <= 0.7
    assert not result.ok and result.status.state is PrinterState.OFFLINE
