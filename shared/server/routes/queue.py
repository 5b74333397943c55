"""The queue's public and kiosk endpoints: health, services, issuing a ticket, a returning
visitor's lookup and the display feed (the officers' are in :mod:`.officer`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from shared.api import models as schemas
from shared.core.errors import FieldError, InvalidInput
from shared.core.ports.accounts import Account
from shared.server import views
from shared.server.changes import wait_or_leave
from shared.server.deps import KIOSK, Office, allow, note_device, principal
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1")



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


@router.post("/tickets", status_code=201, response_model=schemas.IssuedTicketOut,
             tags=["kiosk"])
def issue_ticket(
    body: schemas.TicketRequest,
    request: Request,
    queue: Office,
    account: Annotated[Account, Depends(allow(*KIOSK))],
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    if body.visitor is None and body.visitor_reference is None:
        raise InvalidInput([FieldError(
            "visitor", "missing", "visitor: wajib diisi (atau visitor_reference).",
            "visitor: required (or visitor_reference).",
        )])
    # With a reference, only the fields the kiosk actually sent override the earlier entry.
    visitor = body.visitor.model_dump(exclude_unset=body.visitor_reference is not None) \
        if body.visitor else {}
    view = queue.issue_ticket(
        body.service,
        visitor,
        body.consent,
        body.priority,
        principal=principal(account),
        idempotency_key=idempotency_key,
        visitor_reference=body.visitor_reference,
    )
    return views.json_response(views.issued_ticket_out(request, queue, view), 201)


@router.get("/visitors/lookup", tags=["kiosk"])
def lookup_visitor(
    queue: Office,
    account: Annotated[Account, Depends(allow(*KIOSK))],
    id_type: Annotated[str, Query(max_length=20)],
    id_number: Annotated[str, Query(max_length=60)],
) -> schemas.VisitorPrefill:
    """Masked values and a reference for ``POST /tickets``; at most 10 at once per device,
    then one every 6 s (429 with Retry-After)."""
    return views.visitor_prefill(
        queue, queue.returning_visitor(id_type, id_number, principal(account))
    )


@router.get("/display", response_model=schemas.DisplayOut, tags=["public"])
async def display(
    request: Request,
    since: Annotated[int | None, Query(ge=0, le=schemas.SQLITE_MAX_INT)] = None,
    timeout: Annotated[float, Query(ge=0, le=30)] = 25.0,
) -> Response:
    """The waiting room's view. Long poll: with ``since`` equal to the current version the
    answer waits until the queue changes or ``timeout`` seconds pass."""
    await note_device(request)
    served = server_state(request)
    feed = served.changes
    if since is not None and since == feed.version \
            and await wait_or_leave(feed, since, timeout, request.receive):
        return Response(status_code=204)  # the client has gone: nothing is sent
    queue = served.office
    # Many displays ask for the same state: build it once per version and office day
    # (the day matters: at midnight yesterday's calls leave the board with no change).
    key = (feed.version, queue.calendar.today())
    cached = served.display_cache.get(key)
    if cached is not None:
        return cached
    state = await run_in_threadpool(served.board.display_state)
    out = views.json_response(views.display_out(queue, state))
    served.display_cache.put((state.version, key[1]), out)
    return out
