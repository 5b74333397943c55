"""The complaint form, a page at a time: what happened; an email and a phone (optional);
today's number (optional). The on-screen keyboard beside the fields (landscape) or below
them (portrait); the office's official complaint channels beside the form; errors beside
their field. Every tap and key goes to the presenter (``kiosk.presenters.complaint``).
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.textinput import TextInput

from ..complaint_form import PAGES, ComplaintForm
from ..presenters import KioskFlow, KioskView
from ..texts import tr
from ..widgets.keyboard import type_into
from ..widgets.overlay import EnterAndTab, KioskInput
from .base import KioskScreen, kv_beside

LABEL_KEYS = {"text": "complaint_text", "email": "complaint_email",
              "phone": "complaint_phone", "ticket": "complaint_ticket"}


class ComplaintInput(KioskInput):
    """A one-line field: email, phone, the ticket's digits."""


class ComplaintText(EnterAndTab, TextInput):
    """The complaint itself: several lines, written from the top (styled in the kv file)."""

    field = StringProperty("")
    wrong = BooleanProperty(False)


class ComplaintScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        super().__init__(flow, **kwargs)
        self._built: tuple[Any, ...] | None = None
        self._numbers: tuple[Any, ...] | None = None
        self.inputs: dict[str, Any] = {}
        self.errors: dict[str, Any] = {}

    def give(self, flow: KioskFlow) -> None:
        self.complaint = flow.complaint

    def title(self, view: KioskView, lang: str) -> str:
        page = view.rating.complaint.page
        return tr("rate_complaint", lang) + "  \u2014  " + tr(
            "page_of", lang, page=page + 1, pages=len(PAGES))

    def channels(self, view: KioskView, lang: str) -> str:
        office = view.office
        if office is None or not office.complaint_channels:
            return ""
        return tr("complaint_channels", lang) + "\n" + "\n".join(office.complaint_channels)

    # --- drawing --------------------------------------------------------------------------

    def show(self, view: KioskView) -> None:
        form = view.rating.complaint
        key = (form.page, view.lang, self.portrait)
        if key != self._built:
            self._built = key
            self._numbers = None
            self._build(form, view.lang)
        self._update(form, view.lang)

    def _build(self, form: ComplaintForm, lang: str) -> None:
        box = self.ids.fields
        box.clear_widgets()
        self.inputs, self.errors = {}, {}
        for name in PAGES[form.page]:
            field = Factory.FieldBox()
            field.add_widget(Factory.KioskLabel(text=tr(LABEL_KEYS[name], lang), bold=True))
            entry = ComplaintText(field=name) if name == "text" else ComplaintInput(field=name)
            entry.bind(text=self._typed, focus=self._focused,
                       on_enter=lambda _e: self.complaint.next(),
                       on_tab=lambda e: self.complaint.next_field(e.field))
            field.add_widget(entry)
            self.inputs[name] = entry
            error = Factory.ErrorLabel()
            field.add_widget(error)
            self.errors[name] = error
            if name == "ticket":
                field.add_widget(Factory.ChoiceGrid(cols=3 if self.portrait else 4))
            box.add_widget(field)

    def _update(self, form: ComplaintForm, lang: str) -> None:
        for name, entry in self.inputs.items():
            value = form.value(name)
            if entry.text != value:
                entry.text = value
            entry.wrong = name in form.errors
        for name, label in self.errors.items():
            error = form.errors.get(name)
            label.text = error.message(lang) if error else ""
        if "ticket" in self.inputs:
            self._draw_numbers(form, lang)
        focused = self.inputs.get(form.focus)
        if focused is not None and not focused.focus:
            focused.focus = True

    def _draw_numbers(self, form: ComplaintForm, lang: str) -> None:
        key = (form.shown, form.ticket, form.loaded, lang)
        if key == self._numbers:
            return
        self._numbers = key
        field = self.inputs["ticket"].parent
        grid = field.children[0]
        grid.clear_widgets()
        hint = [w for w in field.children if getattr(w, "hint", False)]
        for widget in hint:
            field.remove_widget(widget)
        if form.loaded and not form.shown:
            note = Factory.KioskLabel(text=tr("complaint_no_numbers", lang))
            note.hint = True
            field.add_widget(note, index=1)
        for choice in form.shown:
            button = Factory.ChoiceButton(text=choice.number)
            button.chosen = form.ticket is not None and choice.ticket_id == form.ticket.ticket_id
            button.bind(on_release=lambda _b, t=choice.ticket_id: self.complaint.pick_ticket(t))
            grid.add_widget(button)

    # --- input ----------------------------------------------------------------------------

    def _typed(self, entry: Any, text: str) -> None:
        self.complaint.edit(entry.field, text)

    def _focused(self, entry: Any, focused: bool) -> None:
        if focused:
            self.complaint.focus(entry.field)

    def type_key(self, key: str) -> None:
        entry = self.inputs.get(self.complaint.form.focus)
        if entry is not None:
            type_into(entry, self.ids.keyboard, key, _sentence_start)


def _sentence_start(before: str) -> bool:
    before = before.rstrip(" ")
    return not before or before[-1] in ".!?\n"
