"""The queue's endpoints: services, tickets, the display feed and the officers' actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from shared import api_models as schemas
from shared.model import TicketStatus
from shared.office import QueueOffice
from shared.repository import Account
from shared.server import views
from shared.server.deps import KIOSK, STAFF, allow, office

router = APIRouter(prefix="/api/v1")

Office = Annotated[QueueOffice, Depends(office)]


@router.get("/health", tags=["public"])
def health() -> schemas.Health:
    return schemas.Health(status="ok")


@router.get("/services", tags=["public"])
def services(queue: Office) -> list[schemas.ServiceOut]:
    return [
        schemas.ServiceOut(
            code=s.config.code, name=s.config.name, name_en=s.config.name_en,
            letter=s.config.letter, enabled=s.config.enabled, open=s.open,
            closed_reason=None if s.open else s.reason_id,
            closed_reason_en=None if s.open else s.reason_en,
        )
        for s in queue.services()
    ]


@router.post("/tickets", status_code=201, response_model=schemas.TicketOut, tags=["kiosk"])
def issue_ticket(
    body: schemas.TicketRequest,
    request: Request,
    queue: Office,
    account: Annotated[Account, Depends(allow(*KIOSK))],
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    view = queue.issue_ticket(
        body.service,
        body.visitor.model_dump(),
        body.consent,
        body.priority,
        principal=f"{account.kind}:{account.id}",
        idempotency_key=idempotency_key,
    )
    return views.json_response(views.ticket_out(request, queue, view), 201)


@router.get("/visitors/lookup", tags=["kiosk"])
def lookup_visitor(
    queue: Office,
    account: Annotated[Account, Depends(allow(*KIOSK))],
    id_type: str,
    id_number: str,
) -> schemas.VisitorPrefill:
    return views.visitor_prefill(queue.lookup_visitor(id_type, id_number))


@router.get("/display", response_model=schemas.DisplayOut, tags=["public"])
async def display(
    request: Request,
    since: int | None = None,
    timeout: Annotated[float, Query(ge=0, le=30)] = 25.0,
) -> Response:
    """The waiting room's view. Long poll: with ``since`` equal to the current version the
    answer waits until the queue changes or ``timeout`` seconds pass."""
    feed = request.app.state.changes
    if since is not None and since == feed.version:
        await feed.wait_beyond(since, timeout)
    queue: QueueOffice = request.app.state.office
    # Many displays ask for the same state: build it once per version and office day
    # (the day matters: at midnight yesterday's calls leave the board with no change).
    key = (feed.version, queue.calendar.today())
    cached: tuple[tuple[int, date], Response] | None = request.app.state.display_cache
    if cached is not None and cached[0] == key:
        return cached[1]
    state = await run_in_threadpool(queue.display_state)
    out = views.json_response(views.display_out(queue, state))
    request.app.state.display_cache = ((state.version, key[1]), out)
    return out


@router.get("/tickets", tags=["officer"])
def day_tickets(
    request: Request,
    queue: Office,
    account: Annotated[Account, Depends(allow(*STAFF))],
    day: Annotated[date | None, Query(alias="date")] = None,
    status: TicketStatus | None = None,
    limit: Annotated[int | None, Query(ge=1, le=10000)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[schemas.TicketRecordOut]:
    return [
        views.record_out(request, queue, r)
        for r in queue.tickets_of_day(day, status, limit, offset)
    ]


@router.post("/desks/{desk}/call-next", tags=["officer"])
def call_next(
    desk: str, request: Request, queue: Office,
    account: Annotated[Account, Depends(allow(*STAFF))],
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.call_next(desk)))


@router.post("/tickets/{ticket_id}/recall", tags=["officer"])
def recall(
    ticket_id: int, request: Request, queue: Office,
    account: Annotated[Account, Depends(allow(*STAFF))],
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.recall(ticket_id)))


@router.post("/tickets/{ticket_id}/finish", tags=["officer"])
def finish(
    ticket_id: int, request: Request, queue: Office,
    account: Annotated[Account, Depends(allow(*STAFF))],
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.finish(ticket_id)))


@router.post("/tickets/{ticket_id}/no-show", tags=["officer"])
def no_show(
    ticket_id: int, request: Request, queue: Office,
    account: Annotated[Account, Depends(allow(*STAFF))],
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.no_show(ticket_id)))


@router.post("/tickets/{ticket_id}/transfer", status_code=201, tags=["officer"])
def transfer(
    ticket_id: int, body: schemas.TransferRequest, request: Request, queue: Office,
    account: Annotated[Account, Depends(allow(*STAFF))],
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.transfer(ticket_id, body.service)))
