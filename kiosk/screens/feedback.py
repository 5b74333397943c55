"""Ratings and complaints: for now, the office's complaint channels (from the server)."""

from __future__ import annotations

from ..presenters import KioskFlow, KioskView
from ..texts import tr
from .base import KioskScreen, kv_beside


class FeedbackScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def give(self, flow: KioskFlow) -> None:
        self.kernel = flow

    def channels(self, view: KioskView, lang: str) -> str:
        office = view.office
        if office is None:
            return ""
        lines = list(office.complaint_channels)
        lines.append(f"{tr('phone', lang)}: {office.phone}")
        lines.append(office.website)
        return "\n".join(lines)
