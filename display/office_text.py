"""What the board says about the office when ``display.toml`` does not: the header name and
the running text, from the server's ``GET /office`` (so they are set in one place)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shared.api.models import OfficeOut

__all__ = ["running_text", "opening_hours"]

_ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
_DAYS = (("monday", "Senin"), ("tuesday", "Selasa"), ("wednesday", "Rabu"),
         ("thursday", "Kamis"), ("friday", "Jumat"), ("saturday", "Sabtu"), ("sunday", "Minggu"))


def opening_hours(hours: Mapping[str, Sequence[str]] | None) -> str | None:
    """ "Senin-Kamis 08.00-15.30; Jumat 08.00-16.00": days in a row with the same hours are
    joined; None when the office is open at all hours."""
    if hours is None:
        return None
    groups: list[tuple[list[str], str]] = []
    for key, name in _DAYS:
        ranges = hours.get(key)
        if not ranges:
            continue
        text = " dan ".join(r.replace(":", ".").replace(" ", "") for r in ranges)
        previous = groups[-1] if groups else None
        follows = previous is not None and _next_day(previous[0][-1]) == name
        if previous is not None and follows and previous[1] == text:
            previous[0].append(name)
        else:
            groups.append(([name], text))
    return "; ".join(
        (days[0] if len(days) == 1 else f"{days[0]}-{days[-1]}") + f" {text}"
        for days, text in groups
    )


def _next_day(name: str) -> str:
    names = [n for _, n in _DAYS]
    return names[(names.index(name) + 1) % 7]


def running_text(office: OfficeOut) -> list[str]:
    """The messages for an office as ``GET /office`` describes it."""
    messages = ["Layanan ini tidak dipungut biaya."]
    hours = opening_hours(office.hours)
    if hours:
        zone = _ZONES.get(office.timezone, "")
        messages.append(f"Jam layanan: {hours} {zone}".rstrip() + ".")
    if office.complaint_channels:
        messages.append("Pengaduan: " + " · ".join(office.complaint_channels))
    contact = ([f"Telepon {office.phone}"] if office.phone else []) + (
        [office.website] if office.website else [])
    if contact:
        messages.append(" · ".join(contact))
    return messages
