"""Welcome: the office, today's date and clock, the services to take a number for."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kivy.clock import Clock
from kivy.factory import Factory

from ..presenters import KioskFlow, KioskView
from ..texts import long_date, opening_hours, tr
from .base import KioskScreen, kv_beside


class WelcomeScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        super().__init__(flow, **kwargs)
        self._view = flow.view
        self._drawn: tuple[Any, ...] | None = None
        self._clock_event: Any = None

    def on_enter(self, *_: Any) -> None:
        self.on_leave()
        self._tick()
        self._clock_event = Clock.schedule_interval(lambda _dt: self._tick(), 1.0)

    def on_leave(self, *_: Any) -> None:
        if self._clock_event is not None:
            self._clock_event.cancel()
            self._clock_event = None

    def give(self, flow: KioskFlow) -> None:
        self.guest_book = flow.guest_book
        self.rating = flow.rating

    def _tick(self) -> None:
        view = self._view
        zone = ZoneInfo(view.office.timezone) if view.office else None
        now = datetime.now(zone)
        self.ids.date.text = long_date(now, view.lang)
        self.ids.clock.text = now.strftime("%H.%M")

    def show(self, view: KioskView) -> None:
        self._view = view
        key = (view.lang, view.services, view.office, view.connected)
        if key == self._drawn:
            return
        self._drawn = key
        self._tick()
        self.ids.services.clear_widgets()
        self.ids.closed.clear_widgets()
        closed = view.closed
        for service in view.offered_services:
            if not service.open:
                continue
            button = Factory.MainButton(text=view.service_name(service))
            button.bind(on_release=lambda _b, code=service.code:
                        self.guest_book.choose_service(code))
            self.ids.services.add_widget(button)
        if closed is not None:
            lang = view.lang
            reason = closed.closed_reason_en if lang == "en" else closed.closed_reason
            self.ids.closed.add_widget(Factory.Heading(
                text=tr("closed_title", lang), color=(0.69, 0.0, 0.13, 1),
                font_size=56 * self.scale))
            self.ids.closed.add_widget(Factory.KioskLabel(text=reason or ""))
            hours = view.office.hours if view.office else None
            lines = [tr("opening_hours", lang) + ":", *opening_hours(hours, lang)]
            if view.office and view.office.close_on_holidays:
                lines.append(tr("closed_on_holidays", lang))
            self.ids.closed.add_widget(Factory.KioskLabel(text="\n".join(lines)))
        elif view.connected and not view.offered_services:
            self.ids.closed.add_widget(Factory.KioskLabel(text=tr("no_services", view.lang)))
