"""The server and the printer as the kiosk's presenter sees them (``presenters.Backend``).

Only ``shared.api.client.QueueClient`` reaches the server; only ``kiosk.printer`` reaches the
printer, through ``ReportingPrinter`` so that every print and status check also tells the
server how the printer (and so the kiosk) is doing.
"""

from __future__ import annotations

import threading

from shared.api.client import QueueClient
from shared.api.feedback_models import ComplaintOut, RateableOut, RatingOut
from shared.api.models import IssuedTicketOut, OfficeOut, ServiceOut, VisitorPrefill

from .presenters.ticket import TicketOrder
from .printer import OfficeInfo, PrinterConfig, PrintResult, make_printer
from .printer.server_link import ReportingPrinter, ticket_from_api


class ServerBackend:
    def __init__(self, client: QueueClient, printer_config: PrinterConfig) -> None:
        self._client = client
        self._printer_config = printer_config
        self._printer: ReportingPrinter | None = None
        self._office: OfficeOut | None = None
        self._lock = threading.Lock()

    def office(self) -> OfficeOut:
        self._office = self._client.office()
        return self._office

    def services(self) -> list[ServiceOut]:
        return self._client.services()

    def lookup(self, id_type: str, id_number: str) -> VisitorPrefill | None:
        """The earlier details, masked, and the reference that stands for them; the kiosk
        never receives the clear values."""
        return self._client.lookup_visitor(id_type, id_number)

    def take_ticket(self, order: TicketOrder) -> IssuedTicketOut:
        return self._client.take_ticket(
            order.service,
            order.visitor,
            consent=order.consent,
            priority=order.priority,
            idempotency_key=order.idempotency_key,
            visitor_reference=order.visitor_reference,
        )

    def print_ticket(self, ticket: IssuedTicketOut, service_name: str) -> PrintResult:
        return self._reporting_printer().print_ticket(ticket_from_api(ticket, service_name))

    def rateable(self, desk: str | None) -> list[RateableOut]:
        return self._client.rateable(desk)

    def rate(self, ticket_id: int, overall: int, skm: list[int] | None,
             comment: str | None, rating_code: str | None = None,
             desk: str | None = None) -> RatingOut:
        return self._client.rate(ticket_id, overall, skm, comment, rating_code, desk)

    def todays_tickets(self) -> list[RateableOut]:
        return self._client.todays_tickets()

    def file_complaint(self, text: str, email: str | None, phone: str | None,
                       ticket_id: int | None) -> ComplaintOut:
        return self._client.file_complaint(text, email, phone, ticket_id)

    def heartbeat(self) -> None:
        """Check the printer and tell the server: the officers see a kiosk that went dark."""
        self._reporting_printer().status()

    @staticmethod
    def new_key() -> str:
        return QueueClient.new_idempotency_key()

    def _reporting_printer(self) -> ReportingPrinter:
        with self._lock:
            if self._printer is None:
                office = self._office or self.office()
                info = OfficeInfo(
                    name=office.short_name,
                    website=office.website,
                    complaint=office.complaint_channels[0] if office.complaint_channels else "",
                )
                self._printer = ReportingPrinter(
                    make_printer(self._printer_config, info), self._client
                )
            return self._printer
