"""What the board says about the office when ``display.toml`` does not: the header name and
the running text, from the server's ``GET /office`` (so they are set in one place)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from display.texts import say
from shared.api.models import OfficeOut
from shared.core.calendar.opening_hours import opening_hours_lines

__all__ = ["running_text", "opening_hours"]

_ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def opening_hours(hours: Mapping[str, Sequence[str]] | None) -> str | None:
    """ "Senin-Kamis 08.00-15.30; Jumat 08.00-16.00": the kiosk's lines in one sentence; None
    when the office is open at all hours."""
    if hours is None:
        return None
    return "; ".join(opening_hours_lines(hours, "id"))


def running_text(office: OfficeOut) -> list[str]:
    """The messages for an office as ``GET /office`` describes it."""
    messages = [say("free_of_charge")]
    hours = opening_hours(office.hours)
    if hours:
        zone = _ZONES.get(office.timezone, "")
        messages.append(say("opening_hours", hours=f"{hours} {zone}".rstrip()) + ".")
    if office.complaint_channels:
        messages.append(say("complaints", channels=" · ".join(office.complaint_channels)))
    contact = ([say("phone", phone=office.phone)] if office.phone else []) + (
        [office.website] if office.website else [])
    if contact:
        messages.append(" · ".join(contact))
    return messages
