"""The officers' endpoints: the day's tickets, calling and serving at a desk, referrals, the
devices' state. One router carries the role check, so no handler can forget it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import TypeAdapter

from shared.api import models as schemas
from shared.core.ports.accounts import Account
from shared.core.queue.model import TicketStatus
from shared.server import views
from shared.server.deps import STAFF, Office, allow, gatekeeper
from shared.server.state import server_state

# One dependency object for the router and the handlers that need the account: FastAPI runs
# it once per request.
staff = allow(*STAFF)
Staff = Annotated[Account, Depends(staff)]
# Ids and offsets are SQLite integers (64-bit): anything larger is refused as 422.
TicketId = schemas.RowId

# A device heard from (a request or a status report) within this time is shown as online.
DEVICE_ONLINE = timedelta(minutes=2)

router = APIRouter(prefix="/api/v1", tags=["officer"], dependencies=[Depends(staff)])

RECORDS = TypeAdapter(list[schemas.TicketRecordOut])


@router.get("/tickets", response_model=list[schemas.TicketRecordOut])
def day_tickets(
    request: Request,
    queue: Office,
    day: Annotated[date | None, Query(alias="date")] = None,
    status: TicketStatus | None = None,
    limit: Annotated[int | None, Query(ge=1, le=10000)] = None,
    offset: Annotated[int, Query(ge=0, le=schemas.SQLITE_MAX_INT)] = 0,
) -> Response:
    pages = server_state(request).board.pages_of_day(day, status, limit, offset)
    return views.json_list(RECORDS, ([views.record_out(request, queue, r) for r in page]
                                     for page in pages))


@router.post("/desks/{desk}/call-next")
def call_next(
    desk: Annotated[str, PathParam(max_length=40)], request: Request, queue: Office,
    account: Staff,
) -> schemas.TicketOut:
    officer = account.name if account.kind == "user" else None
    return views.ticket_out(request, queue, queue.view(queue.call_next(desk, officer)))


@router.post("/tickets/{ticket_id}/recall")
def recall(
    ticket_id: TicketId, request: Request, queue: Office, account: Staff,
) -> schemas.TicketOut:
    officer = account.name if account.kind == "user" else None
    return views.ticket_out(request, queue, queue.view(queue.recall(ticket_id, officer)))


@router.post("/tickets/{ticket_id}/finish")
def finish(
    ticket_id: TicketId, request: Request, queue: Office,
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.finish(ticket_id)))


@router.post("/tickets/{ticket_id}/no-show")
def no_show(
    ticket_id: TicketId, request: Request, queue: Office,
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.no_show(ticket_id)))


@router.post("/tickets/{ticket_id}/transfer", status_code=201)
def transfer(
    ticket_id: TicketId, body: schemas.TransferRequest, request: Request, queue: Office,
) -> schemas.TicketOut:
    return views.ticket_out(request, queue, queue.view(queue.transfer(ticket_id, body.service)))


@router.get("/devices")
def devices(request: Request) -> list[schemas.DeviceOut]:
    calendar = server_state(request).office.calendar
    now = calendar.now()
    return [
        schemas.DeviceOut(
            name=d.name, role=d.role, status=d.status,
            last_seen_at=calendar.local(d.last_seen_at) if d.last_seen_at else None,
            online=d.last_seen_at is not None and now - d.last_seen_at < DEVICE_ONLINE,
        )
        for d in gatekeeper(request).devices()
    ]
