"""The file backend (bytes for debugging) and the "none" backend (printing switched off)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.printer import (
    OfficeInfo,
    PrinterConfig,
    PrinterConfigError,
    PrinterState,
    TicketPrint,
    make_printer,
)
from tests.support.printer.escpos_reader import Cut, read


def test_file_backend_writes_the_ticket(
    tmp_path: Path, printed_office: OfficeInfo, ticket: TicketPrint
) -> None:
    target = tmp_path / "tickets.bin"
    printer = make_printer(PrinterConfig(backend="file", path=target), printed_office)
    assert printer.status().can_print
    first = printer.print_ticket(ticket)
    second = printer.print_ticket(ticket)
    assert first.ok and second.ok
    paper = read(target.read_bytes())
    assert paper.status_queries == []  # a file cannot answer
    assert [item for item in paper.items if isinstance(item, Cut)] == [Cut(False), Cut(False)]
    assert target.stat().st_size == first.bytes_sent + second.bytes_sent


def test_none_backend_is_disabled_and_prints_nothing(
    printed_office: OfficeInfo, ticket: TicketPrint
) -> None:
    printer = make_printer(PrinterConfig(backend="none"), printed_office)
    status = printer.status()
    assert status.state is PrinterState.DISABLED and not status.can_print
    result = printer.print_ticket(ticket)
    assert not result.ok and result.bytes_sent == 0
    assert "dinonaktifkan" in result.message_id and "disabled" in result.message_en


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"backend": "serial"}, "port"),
        ({"backend": "network"}, "host"),
        ({"backend": "file"}, "path"),
        ({"backend": "none", "width_mm": 76}, "width_mm"),
        ({"backend": "usb"}, "backend"),
    ],
)
def test_unusable_settings_are_named(settings: dict[str, object], field: str) -> None:
    with pytest.raises(PrinterConfigError) as raised:
        PrinterConfig(**settings)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_unreadable_logo_is_a_clear_error(tmp_path: Path, printed_office: OfficeInfo) -> None:
    broken = tmp_path / "logo.png"
    broken.write_text("not a picture")
    with pytest.raises(PrinterConfigError) as raised:
        make_printer(PrinterConfig(backend="none", logo=broken), printed_office)
    assert raised.value.field == "logo" and str(broken) in raised.value.message_id
