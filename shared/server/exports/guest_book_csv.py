"""The guest book as CSV, for the office's reports: one row per ticket, identity numbers masked.

Visitors type the guest-book text themselves, so a cell that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@`` ...) is prefixed with ``'`` (OWASP's CSV-injection rule);
a phone number like ``+62812...`` is left as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import datetime

from shared.core.queue.model import STATUS_ID
from shared.core.queue.read_model import Visit
from shared.core.settings import Settings

COLUMNS = (
    "tanggal", "nomor", "layanan", "status", "prioritas", "diambil", "dipanggil", "selesai",
    "meja", "jenis_identitas", "nomor_identitas", "nama", "email", "telepon", "instansi",
    "pekerjaan", "keperluan", "catatan", "tindak_lanjut_jatuh_tempo", "tindak_lanjut_ditutup",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+\d+$")


def safe_cell(value: str) -> str:
    if value.startswith(_FORMULA_START) and not _PHONE.match(value):
        return "'" + value
    return value


def render(
    visits: Iterable[Visit], settings: Settings, local: Callable[[datetime], datetime]
) -> str:
    """UTF-8 text with a byte-order mark, so that spreadsheets read the accents right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)

    def clock(moment: datetime | None) -> str:
        return local(moment).strftime("%H:%M:%S") if moment else ""

    for visit in visits:
        t, g, follow_up = visit.ticket, visit.guest, visit.follow_up
        service = settings.service(t.service)
        desk = settings.desk(t.desk) if t.desk else None
        row = [
            t.day.isoformat(), t.number, service.name if service else t.service,
            STATUS_ID[t.status], "ya" if t.priority else "tidak",
            clock(t.issued_at), clock(t.called_at), clock(t.finished_at),
            desk.name if desk else (t.desk or ""),
            g.id_type if g else "", g.id_masked if g else "", g.name if g else "",
            g.email if g else "", (g.phone or "") if g else "", (g.institution or "") if g else "",
            g.occupation if g else "", g.purpose if g else "",
            visit.note.text if visit.note else "",
            follow_up.due_on.isoformat() if follow_up else "",
            local(follow_up.closed_at).strftime("%Y-%m-%d %H:%M")
            if follow_up and follow_up.closed_at else "",
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
