"""The queue's domain objects -> API shapes: a ticket (with its status page's address), the
display's board, a returning visitor's masked details; and the one-pass JSON responses the
busy routes return. Ratings, complaints and reports are shaped in ``feedback_views``, the
officer's desk in ``console/views``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from fastapi import Request, Response
from pydantic import BaseModel, TypeAdapter

from shared.api import models as schemas
from shared.core.queue.office import QueueOffice, ReturningVisitor, TicketView
from shared.core.queue.read_model import DisplayState, TicketRecord
from shared.core.visitors.masking import mask_email, mask_name, mask_phone

M = TypeVar("M", bound=BaseModel)


def json_response(model: BaseModel, status_code: int = 200) -> Response:
    """``model`` as JSON, serialised once. Routes on hot paths return this: FastAPI would
    otherwise dump, re-validate and serialise the model again (3 passes instead of 1)."""
    return Response(model.model_dump_json(), status_code=status_code,
                    media_type="application/json")


def json_list(adapter: TypeAdapter[list[M]], pages: Iterable[list[M]]) -> Response:
    """A JSON array built a page at a time: each page's objects are serialised and dropped
    before the next page is made (see ``QueueBoard.pages_of_day``)."""
    parts = [adapter.dump_json(page)[1:-1] for page in pages]
    return Response(b"[" + b",".join(p for p in parts if p) + b"]",
                    media_type="application/json")


def status_url(request: Request, office: QueueOffice, token: str) -> str:
    """The phone page's address for the ticket's QR code: ``public_base_url`` when set, else
    the address this server was reached at (the socket's, never the client's Host header,
    which anyone can forge: a ticket must not send a phone to someone else's site)."""
    base = office.settings.public_base_url or _own_address(request)
    return f"{base}/t/{token}"


def _own_address(request: Request) -> str:
    server = request.scope.get("server")
    if not server or server[1] is None:
        return "http://localhost"
    host, port = server
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}" if port == 80 else f"http://{host}:{port}"


def ticket_out(request: Request, office: QueueOffice, view: TicketView) -> schemas.TicketOut:
    t = view.ticket
    assert t.id is not None
    local = office.calendar.local
    return schemas.TicketOut(
        id=t.id,
        number=t.number,
        service=t.service,
        status=t.status.value,
        priority=t.priority,
        issued_at=local(t.issued_at),
        waiting_ahead=view.waiting_ahead,
        estimated_wait_minutes=view.estimated_wait_minutes,
        desk=t.desk,
        desk_name=view.desk_name,
        called_at=local(t.called_at) if t.called_at else None,
        finished_at=local(t.finished_at) if t.finished_at else None,
        recalls=t.recalls,
        transferred_from=t.transferred_from,
        transferred_to=t.transferred_to,
    )


def issued_ticket_out(
    request: Request, office: QueueOffice, view: TicketView
) -> schemas.IssuedTicketOut:
    """``ticket_out`` with the status page's address and the rating code: for the kiosk that
    prints the ticket, never for a staff list (an officer must not rate as the visitor)."""
    t = view.ticket
    return schemas.IssuedTicketOut(
        **ticket_out(request, office, view).model_dump(),
        status_url=status_url(request, office, t.token), rating_code=t.rating_code,
    )


def record_out(
    request: Request, office: QueueOffice, record: TicketRecord
) -> schemas.TicketRecordOut:
    desk = office.settings.desk(record.ticket.desk) if record.ticket.desk else None
    base = ticket_out(request, office, TicketView(record.ticket, 0, 0, desk.name if desk else None))
    g = record.guest
    guest = None
    if g is not None:
        guest = schemas.GuestOut(
            **g.visitor_fields(), consent_at=office.calendar.local(g.consent_at),
            consent_version=g.consent_version,
        )
    return schemas.TicketRecordOut(**base.model_dump(), guest=guest)


def visitor_prefill(office: QueueOffice, found: ReturningVisitor) -> schemas.VisitorPrefill:
    """A guest-book entry as a kiosk may see it: masked, with the reference that stands for
    the clear values (which never leave the server towards a kiosk)."""
    g = found.guest
    return schemas.VisitorPrefill(
        reference=found.reference, expires_at=office.calendar.local(found.expires_at),
        id_type=g.id_type, id_number_masked=g.id_masked, name_masked=mask_name(g.name),
        email_masked=mask_email(g.email), phone_masked=mask_phone(g.phone),
        institution=g.institution, occupation=g.occupation, purpose=g.purpose,
    )


def display_out(office: QueueOffice, state: DisplayState) -> schemas.DisplayOut:
    names = {d.id: d.name for d in office.settings.desks}
    return schemas.DisplayOut(
        version=state.version,
        calls=[
            schemas.CallOut(
                number=c.number, service=c.service, desk=c.desk,
                desk_name=names.get(c.desk, c.desk),
                called_at=office.calendar.local(c.called_at), recall=c.recall,
            )
            for c in state.calls
        ],
        desks=[schemas.DeskOut(id=d.id, name=d.name, current=d.current) for d in state.desks],
        waiting=state.waiting,
    )
