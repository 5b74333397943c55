"""The HTML of the phone-sized page a ticket's QR code opens: number, people ahead, wait, desk.

Served by :mod:`shared.server.phone.routes`; the rating and complaint forms that go below the
ticket's state are :mod:`shared.server.phone.feedback_html`.
"""

from __future__ import annotations

from html import escape

from shared.core.queue.model import TicketStatus
from shared.core.queue.office import QueueOffice, TicketView

_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>{title}</title>
<link rel="stylesheet" href="/static/ticket.css"></head><body><main>
<div class="office">{office}</div>
{number}
{service}
{body}
{extra}
<footer>{website}<br>Pengaduan / complaints: {complaints}</footer>
</main></body></html>"""


def render(queue: QueueOffice, view: TicketView | None, extra: str = "",
           refresh_allowed: bool = True) -> str:
    """The page; ``extra`` (the rating or complaint form) goes below the ticket's state."""
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
        if ticket.rating_code:
            # The kiosk's rating screen asks for it: the proof that the visit is the rater's.
            body += ('<p class="code">Kode penilaian <span class="en">/ rating code</span>:'
                     f' <strong>{escape(ticket.rating_code)}</strong></p>')
    return _PAGE.format(
        refresh=refresh if refresh_allowed else "",
        title=escape(f"Antrian {number}" if number else "Antrian"),
        office=escape(office.name),
        service=service,
        number=(
            '<div class="label">Nomor antrian <span class="en">/ queue number</span></div>'
            f'<div class="number">{escape(number)}</div>' if number else ""
        ),
        body=body,
        extra=extra,
        website=escape(office.website),
        complaints=escape(" · ".join(office.complaint_channels)),
    )
