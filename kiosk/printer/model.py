"""What the kiosk hands to the printer and what it gets back.

Plain values, no I/O. A ticket carries only what belongs on paper: no name, email, phone
or identity number can reach the printer because there is no field for them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from shared.core.errors import DomainError
from shared.core.messages import Bilingual

Backend = Literal["serial", "network", "file", "none"]
BACKENDS: tuple[Backend, ...] = ("serial", "network", "file", "none")
PAPER_WIDTHS_MM = (58, 80)


class PrinterConfigError(DomainError):
    """The printer settings cannot work (missing port, unknown paper width, bad logo...)."""

    status = "invalid"

    def __init__(self, message_id: str, message_en: str, field: str | None = None):
        super().__init__("printer_config", message_id, message_en, field)


@dataclass(frozen=True)
class TicketPrint:
    """One queue ticket as it is printed."""

    number: str
    service_name: str
    issued_at: datetime
    waiting_ahead: int
    estimated_wait_minutes: int
    status_url: str
    # the kiosk's proof of the visit for a rating (digits; "" prints no code line)
    rating_code: str = ""

    def __post_init__(self) -> None:
        if not self.number or len(self.number) > 12 or not self.number.isascii():
            raise ValueError(f"ticket number must be 1-12 ASCII characters: {self.number!r}")
        if self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.waiting_ahead < 0 or self.estimated_wait_minutes < 0:
            raise ValueError("waiting_ahead and estimated_wait_minutes cannot be negative")
        if not self.status_url.startswith(("http://", "https://")):
            raise ValueError(f"status_url must be an http(s) URL: {self.status_url!r}")
        if not self.status_url.isascii():
            raise ValueError("status_url must be ASCII (percent-encode it)")
        if self.rating_code and not (self.rating_code.isascii() and self.rating_code.isdigit()
                                     and len(self.rating_code) <= 8):
            raise ValueError(f"rating_code must be 1-8 digits: {self.rating_code!r}")


@dataclass(frozen=True)
class OfficeInfo:
    """The office lines at the top and bottom of every ticket."""

    name: str
    website: str
    complaint: str


@dataclass(frozen=True)
class PrinterConfig:
    """How to reach the printer and what paper it holds."""

    backend: Backend = "none"
    port: str | None = None
    baudrate: int = 9600
    host: str | None = None
    tcp_port: int = 9100
    path: Path | None = None
    width_mm: int = 58
    native_qr: bool = True
    logo: Path | None = None
    timeout_s: float = 2.0

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise PrinterConfigError(
                f"Jenis printer tidak dikenal: {self.backend!r} (pilih {', '.join(BACKENDS)}).",
                f"Unknown printer backend: {self.backend!r} (choose {', '.join(BACKENDS)}).",
                "backend",
            )
        if self.width_mm not in PAPER_WIDTHS_MM:
            raise PrinterConfigError(
                f"Lebar kertas harus 58 atau 80 mm, bukan {self.width_mm}.",
                f"Paper width must be 58 or 80 mm, not {self.width_mm}.",
                "width_mm",
            )
        if not 0 < self.timeout_s <= 10:
            raise PrinterConfigError(
                "Batas waktu printer harus antara 0 dan 10 detik.",
                "The printer timeout must be between 0 and 10 seconds.",
                "timeout_s",
            )
        if self.backend == "serial" and not self.port:
            raise PrinterConfigError(
                "Printer serial membutuhkan port (mis. /dev/ttyUSB0).",
                "A serial printer needs a port (e.g. /dev/ttyUSB0).",
                "port",
            )
        if self.backend == "serial" and self.baudrate <= 0:
            raise PrinterConfigError(
                "Baud rate harus lebih dari 0.", "The baud rate must be above 0.", "baudrate"
            )
        if self.backend == "network" and not self.host:
            raise PrinterConfigError(
                "Printer jaringan membutuhkan alamat host.",
                "A network printer needs a host address.",
                "host",
            )
        if self.backend == "file" and self.path is None:
            raise PrinterConfigError(
                "Printer file membutuhkan path berkas.",
                "A file printer needs a file path.",
                "path",
            )


class PrinterState(enum.Enum):
    OK = "ok"
    OFFLINE = "offline"
    COVER_OPEN = "cover_open"
    PAPER_OUT = "paper_out"
    PAPER_NEAR_END = "paper_near_end"
    UNKNOWN = "unknown"
    DISABLED = "disabled"


PRINTABLE_STATES = frozenset({PrinterState.OK, PrinterState.PAPER_NEAR_END})


@dataclass(frozen=True)
class PrinterStatus(Bilingual):
    """The printer's state with a sentence for the visitor or the officer."""

    state: PrinterState
    message_id: str
    message_en: str

    @property
    def can_print(self) -> bool:
        return self.state in PRINTABLE_STATES


@dataclass(frozen=True)
class PrintResult(Bilingual):
    """What happened to one ticket; when ``ok`` is False the kiosk shows the QR instead."""

    ok: bool
    status: PrinterStatus
    bytes_sent: int
    message_id: str
    message_en: str
