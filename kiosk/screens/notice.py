"""Requirements of the service and the personal-data notice; the visitor goes on only by
agreeing (UU PDP No. 27/2022: purpose, data kept, how long, rights, whom to contact)."""

from __future__ import annotations

from ..presenters import KioskFlow, KioskView
from ..texts import tr
from .base import KioskScreen, kv_beside


class NoticeScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def give(self, flow: KioskFlow) -> None:
        self.guest_book = flow.guest_book

    def privacy_text(self, view: KioskView, lang: str) -> str:
        office = view.office
        days = office.retention_days if office else 365
        contact = ", ".join([office.phone, *office.complaint_channels]) if office else ""
        return tr("privacy", lang, days=days, contact=contact)
