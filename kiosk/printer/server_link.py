"""The printer and the queue server: a ticket from the API onto paper, and the printer's
state reported as the kiosk's device status, so an officer sees "printer out of paper"."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from shared.api.client import ClientError, QueueClient
from shared.api.models import IssuedTicketOut

from .facade import Printer
from .model import PrinterStatus, PrintResult, TicketPrint

log = logging.getLogger("pst_antrian.kiosk.printer")

# Even when nothing changes, the server hears from the printer this often, so a stale
# status ("last seen 3 hours ago") tells the officer the kiosk itself is down.
HEARTBEAT_SECONDS = 300.0


def ticket_from_api(ticket: IssuedTicketOut, service_name: str) -> TicketPrint:
    """What goes on paper from a ``POST /api/v1/tickets`` answer (it holds no personal data)."""
    return TicketPrint(
        number=ticket.number,
        service_name=service_name,
        issued_at=ticket.issued_at,
        waiting_ahead=ticket.waiting_ahead,
        estimated_wait_minutes=ticket.estimated_wait_minutes,
        status_url=ticket.status_url,
        rating_code=ticket.rating_code,
    )


class ReportingPrinter:
    """The printer facade, telling the server each time the printer's state changes.

    A server that cannot be reached never stops a ticket from printing: the report is
    retried with the next print or status check.
    """

    def __init__(
        self,
        printer: Printer,
        client: QueueClient,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.printer = printer
        self._client = client
        self._clock = clock
        self._reported: tuple[str, float] | None = None  # (state, when)

    def status(self) -> PrinterStatus:
        status = self.printer.status()
        self._report(status)
        return status

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        result = self.printer.print_ticket(ticket)
        self._report(result.status)
        if not result.ok:
            log.warning("ticket %s not printed: %s", ticket.number, result.status.state.value)
        return result

    def _report(self, status: PrinterStatus) -> None:
        now = self._clock()
        if (
            self._reported is not None
            and self._reported[0] == status.state.value
            and now - self._reported[1] < HEARTBEAT_SECONDS
        ):
            return
        try:
            self._client.report_status({"printer": {
                "state": status.state.value,
                "can_print": status.can_print,
                "message_id": status.message_id,
                "message_en": status.message_en,
            }})
        except ClientError as exc:
            log.warning("could not report the printer status to the server: %s", exc)
            return
        self._reported = (status.state.value, now)
