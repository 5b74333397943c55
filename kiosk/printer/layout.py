"""The ticket as ESC/POS bytes for 58 mm and 80 mm paper. Pure: builds bytes, does no I/O.

Text, sizes, alignment and the native QR come from python-escpos (``Dummy`` collects the
bytes). What it does not do well is done here, each with the reason next to it.

python-escpos is imported at the first ticket, not with this module: it loads its printer
profiles at import (~8 MB and ~0.5 s), which a kiosk that is starting, or never prints, does
not need (docs/performance.md, kiosk).
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.core.calendar.words import long_date

from .model import OfficeInfo, TicketPrint
from .raster import qr_picture, raster_command
from .texts import PAPER_LANG, TEXTS


@dataclass(frozen=True)
class Paper:
    """One roll width: font A columns, printable dots, QR module size, largest number size."""

    width_mm: int
    columns: int
    dots: int
    qr_module_dots: int
    max_number_magnify: int


PAPERS: dict[int, Paper] = {
    58: Paper(58, columns=32, dots=384, qr_module_dots=6, max_number_magnify=6),
    80: Paper(80, columns=48, dots=576, qr_module_dots=8, max_number_magnify=8),
}

ZONES = {timedelta(hours=7): "WIB", timedelta(hours=8): "WITA", timedelta(hours=9): "WIT"}

# Printer code pages differ; plain ASCII prints the same everywhere.
_ASCII_LOOKALIKES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)


def to_ascii(text: str) -> str:
    """``text`` with accents dropped and anything else non-ASCII removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_LOOKALIKES))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def issued_parts(moment: datetime) -> tuple[str, str]:
    """E.g. ``("Sabtu, 28 November 2026", "14.05 WITA")``."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("issued_at must be timezone-aware")
    zone = ZONES.get(offset)
    if zone is None:
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return long_date(moment, PAPER_LANG), f"{moment:%H.%M} {zone}"


def format_wait(minutes: int) -> str:
    """E.g. ``15 menit``, ``1 jam 5 menit``, ``kurang dari 1 menit``."""
    if minutes < 1:
        return _say("wait_under_a_minute")
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return _say("wait_minutes", minutes=rest)
    return _say("wait_hours", hours=hours) + (
        " " + _say("wait_minutes", minutes=rest) if rest else "")


def _say(code: str, /, **values: object) -> str:
    return TEXTS.text(code, PAPER_LANG, **values)


class _TicketBytes:
    """python-escpos ``Dummy`` plus raw pieces it has no public method for (pictures)."""

    def __init__(self) -> None:
        from escpos.printer import Dummy

        self.escpos = Dummy()
        self._done: list[bytes] = []

    def raw(self, data: bytes) -> None:
        self._done.append(self.escpos.output)
        self.escpos.clear()
        self._done.append(data)

    def output(self) -> bytes:
        tail: bytes = self.escpos.output
        return b"".join(self._done) + tail


def build_ticket(
    ticket: TicketPrint,
    office: OfficeInfo,
    paper: Paper,
    *,
    native_qr: bool = True,
    logo: bytes | None = None,
) -> bytes:
    """The bytes that print ``ticket`` and cut it. ``logo`` is ready-made raster bytes."""
    out = _TicketBytes()
    p = out.escpos

    def lines(text: str, columns: int = paper.columns) -> None:
        for line in textwrap.wrap(
            to_ascii(text), width=columns, break_long_words=True, break_on_hyphens=False
        ):
            p.textln(line)

    def normal_size() -> None:
        # set(normal_textsize=True) sends ESC ! 0 three times and never GS ! 0, which is what
        # undoes the GS ! used for the big number; GS ! 0 is also 3 bytes instead of 9.
        p.set(custom_size=True, width=1, height=1)

    p.hw("INIT")
    # Centering applies to text and to the native QR: python-escpos's qr(native=True)
    # refuses center=True, so the alignment is set once here instead.
    p.set(align="center")
    if logo:
        out.raw(logo)
    p.set(bold=True)
    lines(office.name)
    p.set(bold=False)
    p.textln("-" * paper.columns)
    lines(ticket.service_name)
    p.textln(_say("queue_number"))

    magnify = max(1, min(paper.max_number_magnify, paper.columns // len(ticket.number)))
    p.set(custom_size=True, width=magnify, height=magnify, bold=True)
    p.textln(to_ascii(ticket.number))
    normal_size()
    p.set(bold=False)

    date, time = issued_parts(ticket.issued_at)
    if len(date) + 1 + len(time) <= paper.columns:
        p.textln(f"{date} {time}")
    else:  # 58 mm: the time on its own line rather than a lone "WITA"
        p.textln(date)
        p.textln(time)
    p.ln()
    lines(_say("people_ahead", count=ticket.waiting_ahead))
    lines(_say("estimated_wait", wait=format_wait(ticket.estimated_wait_minutes)))
    if native_qr:
        from escpos.constants import QR_ECLEVEL_M

        p.qr(ticket.status_url, ec=QR_ECLEVEL_M, size=paper.qr_module_dots, native=True)
    else:
        out.raw(raster_command(qr_picture(ticket.status_url, paper.qr_module_dots), paper.dots))
    p.ln()
    lines(_say("scan_qr"))
    if ticket.rating_code:
        # What the kiosk's rating screen asks for: the proof that this visit is the rater's.
        p.ln()
        p.set(bold=True)
        lines(_say("rating_code", code=ticket.rating_code))
        p.set(bold=False)
        lines(_say("rating_code_hint"))
    p.textln("-" * paper.columns)
    lines(office.website)
    lines(_say("complaints", channel=office.complaint))
    p.cut()
    return out.output()
