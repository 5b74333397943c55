"""The one object the kiosk talks to: ``print_ticket(ticket)`` and ``status()``.

Calls block for at most ``timeout_s`` on a dead printer (2 s by default) plus, for a
working one, the time the ticket takes on the wire; run them off the Kivy main thread,
from one worker thread (each call opens and closes the port; two at once would collide).
"""

from __future__ import annotations

from .layout import PAPERS, Paper, build_ticket
from .model import (
    OfficeInfo,
    PrinterConfig,
    PrinterState,
    PrinterStatus,
    PrintResult,
    TicketPrint,
)
from .raster import prepare_logo
from .status import QUERIES, decode, describe, query
from .texts import TEXTS
from .transport import (
    Connection,
    Deadline,
    FileTransport,
    NetworkTransport,
    SerialTransport,
    Transport,
    TransportError,
    transfer_seconds,
)


class Printer:
    """A ticket printer behind one backend; ``transport`` is None when printing is disabled."""

    def __init__(
        self,
        config: PrinterConfig,
        office: OfficeInfo,
        transport: Transport | None,
        logo: bytes | None = None,
    ) -> None:
        self.config = config
        self.office = office
        self.paper: Paper = PAPERS[config.width_mm]
        self._transport = transport
        self._logo = logo

    @property
    def description(self) -> str:
        return self._transport.description if self._transport else "none"

    def ticket_bytes(self, ticket: TicketPrint) -> bytes:
        """What ``print_ticket`` would send (for previews and the byte budget)."""
        return build_ticket(
            ticket, self.office, self.paper, native_qr=self.config.native_qr, logo=self._logo
        )

    def status(self) -> PrinterStatus:
        """Ask the printer how it is; no answer within the timeout means ``unknown``."""
        if self._transport is None:
            return describe(PrinterState.DISABLED)
        deadline = Deadline(self.config.timeout_s)
        try:
            connection = self._transport.connect(deadline.left())
        except TransportError as exc:
            return PrinterStatus(PrinterState.OFFLINE, exc.message_id, exc.message_en)
        try:
            return self._ask(connection, deadline)
        except TransportError as exc:
            return PrinterStatus(PrinterState.OFFLINE, exc.message_id, exc.message_en)
        finally:
            connection.close()

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        """Print ``ticket`` if the printer says it can; otherwise say why it was not printed."""
        data = self.ticket_bytes(ticket)
        if self._transport is None:
            return _failed(describe(PrinterState.DISABLED))
        deadline = Deadline(self.config.timeout_s)
        try:
            connection = self._transport.connect(deadline.left())
        except TransportError as exc:
            return _failed(PrinterStatus(PrinterState.OFFLINE, exc.message_id, exc.message_en))
        try:
            status = self._ask(connection, deadline)
            if not status.can_print:
                return _failed(status)
            connection.write(data, self.config.timeout_s + self._wire_seconds(len(data)) * 1.5)
        except TransportError as exc:
            return _failed(PrinterStatus(PrinterState.OFFLINE, exc.message_id, exc.message_en))
        finally:
            connection.close()
        return PrintResult(
            ok=True,
            status=status,
            bytes_sent=len(data),
            message_id=TEXTS["printed"].message_id,
            message_en=TEXTS["printed"].message_en,
        )

    def _wire_seconds(self, byte_count: int) -> float:
        if isinstance(self._transport, SerialTransport):
            return transfer_seconds(byte_count, self._transport.baudrate)
        return 0.0

    def _ask(self, connection: Connection, deadline: Deadline) -> PrinterStatus:
        if self._transport is None or not self._transport.answers_status:
            ready = TEXTS["ready_at"].format(description=self.description)
            return PrinterStatus(PrinterState.OK, ready.message_id, ready.message_en)
        connection.discard_input()
        answers: dict[int, int] = {}
        for n in QUERIES:
            connection.write(query(n), deadline.left())
            answer = connection.read_byte(deadline.left())
            if not answer:
                break  # a printer that skips one question will not answer the next either
            answers[n] = answer[0]
        return describe(decode(answers.get(1), answers.get(2), answers.get(4)))


def _failed(status: PrinterStatus) -> PrintResult:
    return PrintResult(
        ok=False,
        status=status,
        bytes_sent=0,
        message_id=TEXTS.text("not_printed", "id", reason=status.message_id),
        message_en=TEXTS.text("not_printed", "en", reason=status.message_en),
    )


def make_transport(config: PrinterConfig) -> Transport | None:
    """The byte pipe ``config`` describes (None for the "none" backend)."""
    if config.backend == "serial" and config.port:
        return SerialTransport(config.port, config.baudrate)
    if config.backend == "network" and config.host:
        return NetworkTransport(config.host, config.tcp_port)
    if config.backend == "file" and config.path is not None:
        return FileTransport(config.path)
    return None


def make_printer(config: PrinterConfig, office: OfficeInfo) -> Printer:
    """The kiosk's printer; the logo (if any) is converted here, once, not per ticket."""
    logo = prepare_logo(config.logo, PAPERS[config.width_mm].dots) if config.logo else None
    return Printer(config, office, make_transport(config), logo)
