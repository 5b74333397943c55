"""The officer console's endpoints: the desk's live view, notes, follow-ups, the guest book."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from shared.api import console_models as models
from shared.api import models as api_models
from shared.core.ports.accounts import Account
from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import GUEST_BOOK_PAGE_MAX, DeskBoard
from shared.core.queue.visits import Visits
from shared.server import views
from shared.server.console import views as console_views
from shared.server.deps import STAFF, Office, allow
from shared.server.exports import guest_book_csv
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1")

Staff = Annotated[Account, Depends(allow(*STAFF))]
TicketId = api_models.RowId


def visits(request: Request) -> Visits:
    found: Visits = server_state(request).visits
    return found


def desk_board(request: Request) -> DeskBoard:
    found: DeskBoard = server_state(request).desk_board
    return found


VisitsDep = Annotated[Visits, Depends(visits)]
Board = Annotated[DeskBoard, Depends(desk_board)]


@router.get("/console/setup", tags=["console"])
def setup(request: Request, queue: Office, account: Staff) -> models.ConsoleSetupOut:
    settings = queue.settings
    return models.ConsoleSetupOut(
        office=settings.office.short_name,
        today=queue.calendar.today(),
        me=models.MeOut(username=account.name, role=account.role,
                        expires_at=account.expires_at),
        desks=[console_views.desk_setup(settings, d.id) for d in settings.desks],
        services=[
            models.ServiceSetupOut(code=s.code, name=s.name, name_en=s.name_en,
                                   letter=s.letter, enabled=s.enabled)
            for s in settings.services
        ],
    )


@router.get("/console/desks/{desk}", response_model=models.DeskViewOut, tags=["console"])
async def desk_view(
    desk: str,
    request: Request,
    account: Staff,
    since: Annotated[int | None, Query(ge=0, le=api_models.SQLITE_MAX_INT)] = None,
    timeout: Annotated[float, Query(ge=0, le=30)] = 25.0,
) -> Response:
    """The officer's desk: the visitor now at the desk (guest book, note, follow-up) and the
    waiting lists. Long poll like ``/display``: with ``since`` equal to the current version
    the answer waits until the queue changes or ``timeout`` seconds pass."""
    feed = server_state(request).changes
    if since is not None and since == feed.version:
        await feed.wait_beyond(since, timeout)
    queue: QueueOffice = server_state(request).office
    view = await run_in_threadpool(desk_board(request).desk_view, desk)
    return views.json_response(console_views.desk_view_out(request, queue, view))


@router.put("/tickets/{ticket_id}/note", tags=["console"])
def set_note(
    ticket_id: TicketId, body: models.NoteIn, request: Request, queue: Office,
    records: VisitsDep, account: Staff,
) -> models.VisitOut:
    """The officer's short note on a visit; an empty text clears it."""
    return console_views.visit_out(
        request, queue, records.set_note(ticket_id, body.text, account.name)
    )


@router.post("/tickets/{ticket_id}/follow-up", status_code=201, tags=["console"])
def mark_follow_up(
    ticket_id: TicketId, body: models.FollowUpIn, queue: Office, records: VisitsDep,
    account: Staff,
) -> models.FollowUpOut:
    """Mark a visit as needing follow-up: due the next working day after the visit
    (weekends, national holidays and cuti bersama skipped)."""
    return console_views.follow_up_out(
        queue, records.mark_follow_up(ticket_id, body.note, account.name)
    )


@router.get("/follow-ups", tags=["console"])
def follow_ups(
    queue: Office, board: Board, account: Staff,
    state: Annotated[str, Query(pattern="^(open|closed)$")] = "open",
) -> list[models.FollowUpOut]:
    """Open follow-ups by due date (``overdue`` when the due date has passed), or the
    latest closed ones."""
    return [console_views.follow_up_out(queue, f)
            for f in board.follow_ups(open_only=state == "open")]


@router.post("/follow-ups/{follow_up_id}/close", tags=["console"])
def close_follow_up(
    follow_up_id: TicketId, body: models.FollowUpCloseIn, queue: Office, records: VisitsDep,
    account: Staff,
) -> models.FollowUpOut:
    return console_views.follow_up_out(
        queue, records.close_follow_up(follow_up_id, body.note, account.name)
    )


DateFrom = Annotated[date | None, Query(alias="from")]
DateTo = Annotated[date | None, Query(alias="to")]


@router.get("/guest-book", tags=["console"])
def guest_book(
    request: Request, queue: Office, board: Board, account: Staff,
    first: DateFrom = None, last: DateTo = None,
    q: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=GUEST_BOOK_PAGE_MAX)] = GUEST_BOOK_PAGE_MAX,
    offset: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
) -> list[models.VisitOut]:
    """The visits of a date range (today by default); ``q`` keeps those whose visitor's name
    or institution contains it. Identity numbers masked. One page: at most ``limit``
    (``GUEST_BOOK_PAGE_MAX`` = 200) from the ``offset``-th on; a page shorter than ``limit``
    is the last."""
    return [console_views.visit_out(request, queue, v)
            for v in board.guest_book(first, last, q, limit, offset)]


@router.get("/guest-book.csv", tags=["console"],
            responses={200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8 with BOM"}})
def guest_book_csv_export(
    queue: Office, board: Board, account: Staff, first: DateFrom = None,
    last: DateTo = None,
) -> Response:
    """The guest book of a date range as CSV, one row per ticket, identity numbers masked."""
    rows = board.guest_book(first, last)
    today = queue.calendar.today()
    name = f"buku-tamu_{(first or today).isoformat()}_{(last or first or today).isoformat()}.csv"
    return Response(
        guest_book_csv.render(rows, queue.settings, queue.calendar.local),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"',
                 "Cache-Control": "no-store"},
    )
