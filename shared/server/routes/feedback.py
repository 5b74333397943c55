"""Ratings and complaints: from the kiosk (device token) or the visitor's phone (the ticket's
own status-page token as the bearer token); complaints handled by the admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials

from shared.api import feedback_models as out
from shared.api.models import SQLITE_MAX_INT, RowId
from shared.core.access.auth import AuthError, missing_token
from shared.core.errors import FieldError, InvalidInput
from shared.core.feedback.complaints import ComplaintStatus
from shared.core.ports.accounts import Account
from shared.server import feedback_views as views
from shared.server.deps import ADMIN, KIOSK, Feedback, allow, bearer, gatekeeper, principal
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1")

RATERS = ("kiosk",)


@dataclass(frozen=True)
class Rater:
    """Who rates or complains: a kiosk (``account``) or a visitor's phone (``ticket_token``,
    good for that one ticket only)."""

    account: Account | None
    ticket_token: str | None

    @property
    def channel(self) -> str:
        return "phone" if self.ticket_token else "kiosk"


async def rater(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Rater:
    if credentials is None:
        raise missing_token()
    token = credentials.credentials
    gate = gatekeeper(request)
    try:
        now = server_state(request).office.calendar.now()
        account = gate.remembered(token, now)
        if account is None:
            account = await run_in_threadpool(gate.account, token, now)
    except AuthError:
        office = server_state(request).feedback
        if not await run_in_threadpool(office.ticket_exists, token):
            raise
        return Rater(None, token)
    gate.require(account, RATERS)
    return Rater(account, None)


Caller = Annotated[Rater, Depends(rater)]


@router.post("/ratings", status_code=201, tags=["feedback"])
def rate(body: out.RatingIn, caller: Caller, feedback: Feedback) -> out.RatingOut:
    """Rate a finished visit: one tap on four faces, optionally the nine SKM answers and a
    comment. 409 when the visit is not finished, already rated, or too long ago. A kiosk
    proves the visit with ``rating_code`` (printed on the ticket; 422 when missing or wrong,
    429 after too many wrong ones) or, as a desk tablet, with ``desk``."""
    if caller.ticket_token is None and body.ticket_id is None:
        raise InvalidInput([FieldError("ticket_id", "required", "Mohon pilih nomor tiket.",
                                       "Please choose the ticket number.")])
    rating = feedback.rate(body.ticket_id, body.overall, body.skm, body.comment, caller.channel,
                           token=caller.ticket_token, rating_code=body.rating_code,
                           desk=body.desk,
                           kiosk=principal(caller.account) if caller.account else None)
    return views.rating_out(rating, feedback.calendar)


@router.get("/ratings/rateable", tags=["feedback"])
def rateable(
    feedback: Feedback,
    account: Annotated[Account, Depends(allow(*KIOSK))],
    desk: Annotated[str | None, Query(max_length=16)] = None,
) -> list[out.RateableOut]:
    """Today's finished tickets not yet rated, the latest finish first (numbers only);
    ``desk`` narrows it to one desk, for the tablet at that desk."""
    return [
        out.RateableOut(ticket_id=r.ticket_id, number=r.number, service=r.service, desk=r.desk)
        for r in feedback.rateable(desk)
    ]


@router.get("/complaints/tickets", tags=["feedback"])
def complaint_tickets(
    feedback: Feedback, account: Annotated[Account, Depends(allow(*KIOSK))],
) -> list[out.RateableOut]:
    """Today's ticket numbers whatever their state, the latest first (numbers only): the
    kiosk's complaint form links the visitor's own."""
    return [
        out.RateableOut(ticket_id=r.ticket_id, number=r.number, service=r.service, desk=r.desk)
        for r in feedback.todays_tickets()
    ]


@router.post("/complaints", status_code=201, tags=["feedback"])
def file_complaint(body: out.ComplaintIn, caller: Caller, feedback: Feedback,
                   request: Request) -> out.ComplaintOut:
    """File a complaint. 429 with Retry-After past the limits (per status token, per kiosk,
    per address); 409 ``complaint_closed`` when the token's visit is too long ago."""
    complaint = feedback.file_complaint(
        body.text, body.contact_email, body.contact_phone, body.ticket_id,
        channel=caller.channel, token=caller.ticket_token,
        kiosk=f"device-{caller.account.id}" if caller.account else None,
        address=request.client.host if request.client else "",
    )
    return views.complaint_out(complaint, feedback.calendar)


def _status(value: str | None, field: str) -> ComplaintStatus | None:
    if value is None or value == "":
        return None
    try:
        return ComplaintStatus(value)
    except ValueError:
        raise InvalidInput([FieldError(
            field, "unknown_status",
            "Status harus salah satu dari: new, in_progress, closed.",
            "The status must be one of: new, in_progress, closed.",
        )]) from None


@router.get("/complaints", tags=["admin"])
def complaints(
    feedback: Feedback,
    account: Annotated[Account, Depends(allow(*ADMIN))],
    status: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=SQLITE_MAX_INT)] = 0,
) -> out.ComplaintList:
    found = feedback.complaints(_status(status, "status"), limit, offset)
    counts = feedback.complaint_counts()
    numbers = feedback.ticket_numbers([c.ticket_id for c in found if c.ticket_id])
    return out.ComplaintList(
        open=counts[ComplaintStatus.NEW] + counts[ComplaintStatus.IN_PROGRESS],
        counts={s.value: n for s, n in counts.items()},
        complaints=[views.complaint_out(c, feedback.calendar,
                                        numbers.get(c.ticket_id or 0)) for c in found],
    )


@router.patch("/complaints/{complaint_id}", tags=["admin"])
def update_complaint(
    complaint_id: RowId, body: out.ComplaintUpdate, feedback: Feedback,
    account: Annotated[Account, Depends(allow(*ADMIN))],
) -> out.ComplaintOut:
    status = _status(body.status, "status")
    if status is None:
        raise InvalidInput([FieldError("status", "required", "Mohon pilih status.",
                                       "Please choose a status.")])
    complaint = feedback.update_complaint(complaint_id, status, body.reply, account.name)
    return views.complaint_out(complaint, feedback.calendar)
