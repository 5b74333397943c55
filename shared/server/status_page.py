"""The phone-sized page a ticket's QR code opens: number, people ahead, wait, desk."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from shared.errors import NotFound
from shared.model import TicketStatus
from shared.office import QueueOffice, TicketView
from shared.server.state import server_state

router = APIRouter()

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0;padding:1.2rem;background:#f4f6f8;color:#111}
main{max-width:26rem;margin:auto;background:#fff;border-radius:12px;padding:1.2rem;
box-shadow:0 1px 4px #0002;text-align:center}
.office{font-size:.95rem;color:#334} .label{margin-top:.8rem;font-size:.95rem;color:#334}
.number{font-size:4rem;font-weight:800;margin:0;line-height:1.1}
.service{font-size:1.15rem;font-weight:600}
.state{font-size:1.4rem;font-weight:700;margin:.8rem 0 .2rem} .en{color:#556;font-size:.9rem}
p.en{margin:.1rem 0 .8rem}
.go{background:#0a7a32;color:#fff;border-radius:8px;padding:.8rem}
dl{display:grid;grid-template-columns:1fr auto;gap:.4rem;text-align:left} dd{margin:0;
font-weight:700} footer{margin-top:1rem;font-size:.8rem;color:#556}
"""
# The page's only active content is this stylesheet: the CSP allows it by hash, and nothing
# else (no script at all, no inline styles, no images, no forms, no framing).
_CSP = (
    "default-src 'none'; style-src 'sha256-"
    + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>{title}</title>
<style>
{style}</style></head><body><main>
<div class="office">{office}</div>
{number}
{service}
{body}
<footer>{website}<br>Pengaduan / complaints: {complaints}</footer>
</main></body></html>"""


def render(queue: QueueOffice, view: TicketView | None) -> str:
    settings = queue.settings
    office = settings.office
    if view is None:
        body = ('<p class="state">Tiket tidak ditemukan.</p>'
                '<p class="en">Ticket not found.</p>')
        service, number, refresh = "", "", ""
    else:
        ticket = view.ticket
        config = settings.service(ticket.service)
        service = (
            f'<div class="service">{escape(config.name)}</div>'
            f'<div class="en">{escape(config.name_en)}</div>'
            if config else ""
        )
        number = ticket.number
        refresh = ""
        if ticket.status is TicketStatus.WAITING:
            refresh = '<meta http-equiv="refresh" content="15">'
            body = (
                '<p class="state">Mohon menunggu</p><p class="en">Please wait</p>'
                "<dl><dt>Orang di depan Anda <span class='en'>people ahead</span></dt>"
                f"<dd>{view.waiting_ahead}</dd>"
                "<dt>Perkiraan tunggu <span class='en'>estimated wait</span></dt>"
                f"<dd>&plusmn; {view.estimated_wait_minutes} menit</dd></dl>"
            )
        elif ticket.status is TicketStatus.CALLED:
            refresh = '<meta http-equiv="refresh" content="30">'
            desk = escape(view.desk_name or ticket.desk or "")
            desk_config = settings.desk(ticket.desk) if ticket.desk else None
            desk_en = escape(desk_config.name_en) if desk_config and desk_config.name_en else desk
            body = (
                f'<p class="state go">Silakan menuju {desk}</p>'
                f'<p class="en">Please go to {desk_en}</p>'
            )
        elif ticket.status is TicketStatus.EXPIRED:
            body = ('<p class="state">Nomor ini sudah ditutup karena hari layanan telah'
                    ' berakhir. Silakan ambil nomor baru di kios.</p>'
                    '<p class="en">This number was closed at the end of the service day.'
                    ' Please take a new number at the kiosk.</p>')
        elif ticket.status is TicketStatus.DONE:
            body = ('<p class="state">Layanan selesai. Terima kasih.</p>'
                    '<p class="en">Service finished. Thank you.</p>')
        else:
            body = ('<p class="state">Nomor ini sudah dipanggil tetapi Anda tidak hadir.</p>'
                    '<p class="en">This number was called but you were not there. Please'
                    ' ask at the front desk.</p>')
    return _PAGE.format(
        style=_STYLE,
        refresh=refresh,
        title=escape(f"Antrian {number}" if number else "Antrian"),
        office=escape(office.name),
        service=service,
        number=(
            '<div class="label">Nomor antrian <span class="en">/ queue number</span></div>'
            f'<div class="number">{escape(number)}</div>' if number else ""
        ),
        body=body,
        website=escape(office.website),
        complaints=escape(" · ".join(office.complaint_channels)),
    )


@router.get("/t/{token}", response_class=HTMLResponse, include_in_schema=False)
def ticket_page(token: str, request: Request) -> HTMLResponse:
    queue = server_state(request).office
    try:
        view: TicketView | None = queue.ticket_status(token)
    except NotFound:
        view = None
    return HTMLResponse(render(queue, view), status_code=404 if view is None else 200,
                        headers={"Content-Security-Policy": _CSP})
