"""The ticket: the number, the wait, the QR of its status page; print it or keep the QR."""

from __future__ import annotations

from typing import Any

from ..presenters import KioskFlow, KioskView
from ..texts import tr
from ..widgets.qr import qr_texture
from .base import KioskScreen, kv_beside


class TicketScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        super().__init__(flow, **kwargs)
        self._qr_for: str | None = None

    def give(self, flow: KioskFlow) -> None:
        self.ticket = flow.ticket

    def show(self, view: KioskView) -> None:
        url = view.ticket.status_url if view.ticket else None
        if url and url != self._qr_for:
            self._qr_for = url
            self.ids.qr.texture = qr_texture(url)

    def print_text(self, view: KioskView, lang: str) -> str:
        if view.print_state == "printing":
            return tr("printing", lang)
        if view.print_state == "failed":
            message = view.print_message.message(lang) if view.print_message else ""
            return f"{message}\n{tr('qr_kept', lang)}"
        if view.print_message is not None:
            return view.print_message.message(lang)
        return ""
