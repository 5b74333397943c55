"""The rating and complaint forms of a ticket's phone page (``/t/{token}``).

Plain HTML forms posted to this server: no script, so they work on any phone browser and
under the page's strict CSP. A bad answer re-renders the form with the reason in Indonesian
and English, keeping what the visitor typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
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
from shared.core.feedback.satisfaction import ELEMENTS, FACES
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import QueueOffice, TicketView
from shared.server.phone import status_page
from shared.server.state import server_state

router = APIRouter(include_in_schema=False)

FACE_MARKS = (":(", ":/", ":)", ":D")

Form = Mapping[str, str]


def _errors_html(errors: list[FieldError] | list[DomainError]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{escape(e.message_id)}<br><span class='en'>{escape(e.message_en)}"
                    f"</span></li>" for e in errors)
    return f'<div class="error" role="alert"><ul>{items}</ul></div>'


def _checked(form: Form, name: str, value: int) -> str:
    return " checked" if form.get(name) == str(value) else ""


def rating_form(token: str, form: Form | None = None,
                errors: list[FieldError] | list[DomainError] | None = None) -> str:
    form = form or {}
    faces = "".join(
        f'<label><input type="radio" name="overall" value="{i}"{_checked(form, "overall", i)}>'
        f'<span class="face">{escape(mark)}</span>{escape(label_id)}</label>'
        for i, (mark, (label_id, _)) in enumerate(zip(FACE_MARKS, FACES, strict=True), start=1)
    )
    questions = "".join(
        f'<fieldset class="answers"><legend class="q">{e.number}. {escape(e.question)}'
        f'</legend>'
        + "".join(
            f'<label><input type="radio" name="u{e.number}" value="{i}"'
            f'{_checked(form, f"u{e.number}", i)}> {escape(answer)}</label>'
            for i, answer in enumerate(e.answers, start=1)
        )
        + "</fieldset>"
        for e in ELEMENTS
    )
    comment = escape(form.get("comment", ""))
    return (
        f'<form method="post" action="/t/{escape(token)}/rating" id="rating">'
        + _errors_html(errors or [])
        + '<fieldset><legend>Bagaimana layanan kami hari ini?</legend>'
        '<p class="hint">How was our service today?</p>'
        f'<div class="faces">{faces}</div></fieldset>'
        '<p><b>Survei Kepuasan Masyarakat (SKM)</b> &mdash; sembilan pertanyaan singkat,'
        ' boleh dilewati.<br><span class="en">Satisfaction survey: nine short questions,'
        ' optional.</span></p>'
        + questions
        + '<fieldset><legend>Komentar <span class="en">/ comment (optional)</span></legend>'
        f'<textarea name="comment" rows="3" maxlength="1000">{comment}</textarea></fieldset>'
        '<button type="submit">Kirim penilaian / Send</button></form>'
    )


def complaint_form(token: str, channels: tuple[str, ...], form: Form | None = None,
                   errors: list[FieldError] | list[DomainError] | None = None) -> str:
    form = form or {}
    official = "".join(f"<li>{escape(c)}</li>" for c in channels)
    return (
        f'<form method="post" action="/t/{escape(token)}/pengaduan" id="complaint">'
        + _errors_html(errors or [])
        + '<fieldset><legend>Pengaduan <span class="en">/ complaint</span></legend>'
        f'<textarea name="text" rows="5" maxlength="2000" required>'
        f'{escape(form.get("text", ""))}</textarea></fieldset>'
        '<fieldset><legend>Kontak (boleh dikosongkan) <span class="en">/ contact, optional'
        '</span></legend>'
        f'<input type="email" name="contact_email" placeholder="email" '
        f'value="{escape(form.get("contact_email", ""))}">'
        f'<input type="tel" name="contact_phone" placeholder="nomor HP / phone" '
        f'value="{escape(form.get("contact_phone", ""))}"></fieldset>'
        '<button type="submit">Kirim pengaduan / Send</button>'
        '<p class="hint">Saluran resmi pengaduan / official channels:</p>'
        f"<ul>{official}</ul></form>"
    )


def complaint_link(token: str) -> str:
    return (f'<a class="complain" href="/t/{escape(token)}/pengaduan">Sampaikan pengaduan'
            ' <span class="en">/ file a complaint</span></a>')


def extra_for(feedback: FeedbackOffice, token: str, view: TicketView | None,
              just_rated: bool = False) -> tuple[str, bool]:
    """What goes below the ticket's state: (HTML, whether the page may refresh itself)."""
    if view is None:
        return "", True
    state = feedback.rating_state(token)
    # Past ``complaint_days`` no link: the page's footer names the official channels.
    link = complaint_link(token) if feedback.complaints_open_for(view.ticket) else ""
    if state == "open":
        return rating_form(token) + link, False
    if state == "rated":
        thanks = ('<p class="thanks" id="thanks">Terima kasih atas penilaian Anda.<br>'
                  '<span class="en">Thank you for your rating.</span></p>')
        return thanks + link, True
    return link, True


async def _form(request: Request) -> dict[str, str]:
    raw = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}


def _page(request: Request, token: str, extra: str, status_code: int = 200,
          retry_after: int | None = None) -> HTMLResponse:
    """The ticket's page with ``extra`` below its state (reads the database: call it on the
    thread pool, see :func:`_answer`)."""
    queue: QueueOffice = server_state(request).office
    headers = {"Content-Security-Policy": status_page.CSP}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    try:
        view: TicketView | None = queue.ticket_status(token)
    except NotFound:
        return HTMLResponse(status_page.render(queue, None), status_code=404, headers=headers)
    return HTMLResponse(status_page.render(queue, view, extra, refresh_allowed=False),
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
        return await _answer(request, token, rating_form(token, form, [error]), 422)
    overall = _number(form.get("overall")) if form.get("overall") else None
    try:
        await run_in_threadpool(feedback.rate, None, overall, skm, form.get("comment"),
                                "phone", token)
    except InvalidInput as exc:
        return await _answer(request, token, rating_form(token, form, exc.errors), 422)
    except NotFound:
        return await _answer(request, token, "", 404)
    except Unavailable as exc:  # storage busy or full: try again, what was typed is kept
        busy: list[DomainError] = [exc]
        return await _answer(request, token, rating_form(token, form, busy), 503,
                             exc.retry_after)
    except DomainError as exc:
        return await _answer(request, token, _errors_html([exc]) + complaint_link(token), 409)
    return RedirectResponse(f"/t/{token}#thanks", status_code=303)


@router.get("/t/{token}/pengaduan", response_class=HTMLResponse)
def complaint_page(token: str, request: Request) -> HTMLResponse:
    state = server_state(request)
    try:
        view: TicketView | None = state.office.ticket_status(token)
    except NotFound:
        view = None
    if view is not None and not state.feedback.complaints_open_for(view.ticket):
        return _page(request, token, _errors_html([state.feedback.complaints_closed()]))
    return _page(request, token, complaint_form(token, state.office.settings.office
                                                .complaint_channels))


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
                             complaint_form(token, channels, form, exc.errors), 422)
    except NotFound:
        return await _answer(request, token, "", 404)
    except (Throttled, Unavailable) as exc:  # try later: what was typed is kept
        status = 429 if isinstance(exc, Throttled) else 503
        later: list[DomainError] = [exc]
        return await _answer(request, token, complaint_form(token, channels, form, later),
                             status, exc.retry_after)
    except DomainError as exc:  # complaint_closed: the official channels are named
        return await _answer(request, token, _errors_html([exc]), 409)
    thanks = ('<p class="thanks" id="thanks">Pengaduan Anda sudah kami terima dan akan'
              ' ditindaklanjuti.<br><span class="en">We have received your complaint and'
              ' will follow it up.</span></p>')
    return await _answer(request, token, thanks)
