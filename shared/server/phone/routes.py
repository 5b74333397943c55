"""The phone pages' one router: a ticket's page (``/t/{token}``), its rating and complaint
forms posted back to it, and the stylesheet. The HTML is made in :mod:`.status_html` and
:mod:`.feedback_html`, which know no router."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.core.errors import (
    DomainError,
    FieldError,
    InvalidInput,
    NotFound,
    Throttled,
    Unavailable,
)
from shared.core.feedback.satisfaction import ELEMENTS
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import QueueOffice, TicketView
from shared.server.phone import feedback_html, status_html
from shared.server.state import server_state

router = APIRouter(include_in_schema=False)

# The page's only active content is its stylesheet, a file from this server: the CSP allows
# that and nothing else (no script at all, no inline style, no images, no framing); its
# forms (rating, complaint) post only to this server.
CSP = (
    "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'self';"
    " frame-ancestors 'none'"
)
STYLESHEET = Path(__file__).with_name("static") / "ticket.css"


@router.get("/t/{token}", response_class=HTMLResponse)
def ticket_page(token: str, request: Request) -> HTMLResponse:
    state = server_state(request)
    queue = state.office
    try:
        view: TicketView | None = queue.ticket_status(token)
    except NotFound:
        view = None
    extra, refresh_allowed = feedback_html.extra_for(state.feedback, token, view)
    return HTMLResponse(status_html.render(queue, view, extra, refresh_allowed),
                        status_code=404 if view is None else 200,
                        headers={"Content-Security-Policy": CSP})


@lru_cache(maxsize=1)
def _stylesheet() -> bytes:
    return STYLESHEET.read_bytes()


@router.get("/static/ticket.css")
def stylesheet() -> Response:
    return Response(_stylesheet(), media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=3600"})


async def _form(request: Request) -> dict[str, str]:
    raw = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}


def _page(request: Request, token: str, extra: str, status_code: int = 200,
          retry_after: int | None = None) -> HTMLResponse:
    """The ticket's page with ``extra`` below its state (reads the database: call it on the
    thread pool, see :func:`_answer`)."""
    queue: QueueOffice = server_state(request).office
    headers = {"Content-Security-Policy": CSP}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    try:
        view: TicketView | None = queue.ticket_status(token)
    except NotFound:
        return HTMLResponse(status_html.render(queue, None), status_code=404, headers=headers)
    return HTMLResponse(status_html.render(queue, view, extra, refresh_allowed=False),
                        status_code=status_code, headers=headers)


async def _answer(request: Request, token: str, extra: str, status_code: int = 200,
                  retry_after: int | None = None) -> HTMLResponse:
    return await run_in_threadpool(_page, request, token, extra, status_code, retry_after)


def _number(text: str | None) -> object:
    return int(text) if text and text.isdigit() and len(text) < 3 else text


@router.post("/t/{token}/rating")
async def rate(token: str, request: Request) -> Response:
    form = await _form(request)
    feedback: FeedbackOffice = server_state(request).feedback
    answers = [form.get(f"u{e.number}") or None for e in ELEMENTS]
    skm: object = None
    if all(answers):
        skm = [_number(a) for a in answers]
    elif any(answers):
        error = FieldError(
            "skm", "skm_incomplete",
            "Mohon jawab kesembilan pertanyaan survei, atau lewati semuanya.",
            "Please answer all nine survey questions, or skip them all.",
        )
        return await _answer(request, token, feedback_html.rating_form(token, form, [error]),
                             422)
    overall = _number(form.get("overall")) if form.get("overall") else None
    try:
        await run_in_threadpool(feedback.rate, None, overall, skm, form.get("comment"),
                                "phone", token)
    except InvalidInput as exc:
        return await _answer(request, token,
                             feedback_html.rating_form(token, form, exc.errors), 422)
    except NotFound:
        return await _answer(request, token, "", 404)
    except Unavailable as exc:  # storage busy or full: try again, what was typed is kept
        busy: list[DomainError] = [exc]
        return await _answer(request, token, feedback_html.rating_form(token, form, busy), 503,
                             exc.retry_after)
    except DomainError as exc:
        return await _answer(request, token, feedback_html.errors_html([exc])
                             + feedback_html.complaint_link(token), 409)
    return RedirectResponse(f"/t/{token}#thanks", status_code=303)


@router.get("/t/{token}/pengaduan", response_class=HTMLResponse)
def complaint_page(token: str, request: Request) -> HTMLResponse:
    state = server_state(request)
    try:
        view: TicketView | None = state.office.ticket_status(token)
    except NotFound:
        view = None
    if view is not None and not state.feedback.complaints_open_for(view.ticket):
        return _page(request, token,
                     feedback_html.errors_html([state.feedback.complaints_closed()]))
    return _page(request, token, feedback_html.complaint_form(
        token, state.office.settings.office.complaint_channels))


@router.post("/t/{token}/pengaduan", response_class=HTMLResponse)
async def complain(token: str, request: Request) -> HTMLResponse:
    form = await _form(request)
    feedback: FeedbackOffice = server_state(request).feedback
    channels = server_state(request).office.settings.office.complaint_channels
    address = request.client.host if request.client else ""
    try:
        await run_in_threadpool(
            lambda: feedback.file_complaint(
                form.get("text"), form.get("contact_email"), form.get("contact_phone"),
                channel="phone", token=token, address=address,
            )
        )
    except InvalidInput as exc:
        return await _answer(request, token,
                             feedback_html.complaint_form(token, channels, form, exc.errors),
                             422)
    except NotFound:
        return await _answer(request, token, "", 404)
    except (Throttled, Unavailable) as exc:  # try later: what was typed is kept
        status = 429 if isinstance(exc, Throttled) else 503
        later: list[DomainError] = [exc]
        return await _answer(request, token,
                             feedback_html.complaint_form(token, channels, form, later),
                             status, exc.retry_after)
    except DomainError as exc:  # complaint_closed: the official channels are named
        return await _answer(request, token, feedback_html.errors_html([exc]), 409)
    return await _answer(request, token, feedback_html.COMPLAINT_THANKS)
