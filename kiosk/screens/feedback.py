"""Ratings and complaints: for now, the office's complaint channels (from the server)."""

from __future__ import annotations

from ..presenters import KioskView
from ..texts import tr
from .base import KioskScreen, kv_beside


class FeedbackScreen(KioskScreen):
    """Its one tap, back, goes to the kernel (``root.kernel``, kept by every screen)."""

    kv_file = kv_beside(__file__)

    def channels(self, view: KioskView, lang: str) -> str:
        office = view.office
        if office is None:
            return ""
        lines = list(office.complaint_channels)
        lines.append(f"{tr('phone', lang)}: {office.phone}")
        lines.append(office.website)
        return "\n".join(lines)
