"""The kiosk's ticket printer: ESC/POS over serial, TCP or a file, behind one facade.

Build it once with ``make_printer(config, office)``; ``print_ticket(ticket)`` returns a
``PrintResult`` (when not ``ok``, show the QR on screen instead) and ``status()`` a
``PrinterStatus`` ("unknown" when the printer does not answer).
"""

from .facade import Printer, make_printer
from .model import (
    OfficeInfo,
    PrinterConfig,
    PrinterConfigError,
    PrinterState,
    PrinterStatus,
    PrintResult,
    TicketPrint,
)

__all__ = [
    "OfficeInfo",
    "PrintResult",
    "Printer",
    "PrinterConfig",
    "PrinterConfigError",
    "PrinterState",
    "PrinterStatus",
    "TicketPrint",
    "make_printer",
]
