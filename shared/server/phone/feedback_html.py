"""The HTML of a ticket's rating and complaint forms, below its state on the phone page.

Plain HTML forms posted to this server (:mod:`shared.server.phone.routes`): no script, so they
work on any phone browser and under the page's strict CSP. A bad answer re-renders the form
with the reason in Indonesian and English, keeping what the visitor typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from shared.core.errors import DomainError, FieldError
from shared.core.feedback.satisfaction import ELEMENTS, FACES
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.office import TicketView

FACE_MARKS = (":(", ":/", ":)", ":D")

Form = Mapping[str, str]


def errors_html(errors: list[FieldError] | list[DomainError]) -> str:
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
        + errors_html(errors or [])
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
        + errors_html(errors or [])
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


def extra_for(feedback: FeedbackOffice, token: str,
              view: TicketView | None) -> tuple[str, bool]:
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


COMPLAINT_THANKS = ('<p class="thanks" id="thanks">Pengaduan Anda sudah kami terima dan akan'
                    ' ditindaklanjuti.<br><span class="en">We have received your complaint and'
                    ' will follow it up.</span></p>')
