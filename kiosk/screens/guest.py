"""The guest book, a page at a time; the on-screen keyboard beside or below the fields.

The fields of a page are built when the page (or the language) changes; afterwards each new
view only updates their text, errors and choices. Typing (on screen or on a keyboard) goes to
the focused field and from there to the presenter.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory

from ..guest_form import PAGES, TEXT_FIELDS
from ..presenters import KioskFlow, KioskView
from ..text_input import let_go_of_fields
from ..texts import ID_TYPE_LABELS, OCCUPATIONS, PURPOSES, Sentence, tr
from ..widgets.keyboard import type_into
from ..widgets.tick_box import tick_box
from .base import KioskScreen, kv_beside

LABEL_KEYS = {
    "id_type": "id_type",
    "id_number": "id_number",
    "name": "name",
    "email": "email",
    "phone": "phone_optional",
    "institution": "institution",
    "occupation": "occupation",
    "purpose": "purpose",
}
CHOICES: dict[str, list[tuple[str, Sentence]]] = {
    "id_type": list(ID_TYPE_LABELS.items()),
    "occupation": [(c.message_id, c) for c in OCCUPATIONS],
    "purpose": [(c.message_id, c) for c in PURPOSES],
}
CAPITALISED = ("name", "institution")


class GuestScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        super().__init__(flow, **kwargs)
        self._view = flow.view
        self._built: tuple[Any, ...] | None = None
        self.inputs: dict[str, Any] = {}
        self.errors: dict[str, Any] = {}
        self.choices: dict[str, list[Any]] = {}
        self._priority: Any = None

    def give(self, flow: KioskFlow) -> None:
        self.guest_book = flow.guest_book

    # --- drawing --------------------------------------------------------------------------

    def show(self, view: KioskView) -> None:
        self._view = view
        key = (view.page, view.lang, view.offer, view.form.reused is not None, self.portrait)
        if key != self._built:
            self._built = key
            self._build(view)
        self._update(view)

    def _build(self, view: KioskView) -> None:
        box = self.ids.fields
        let_go_of_fields(box)
        box.clear_widgets()
        self.inputs, self.errors, self.choices, self._priority = {}, {}, {}, None
        if view.offer is not None:
            self._build_offer(view)
            return
        for name in PAGES[view.page]:
            if name == "priority":
                self._priority = Factory.ChoiceButton(markup=True)
                self._priority.bind(on_release=lambda _b: self.guest_book.toggle_priority())
                box.add_widget(self._priority)
                continue
            field = Factory.FieldBox()
            field.add_widget(Factory.KioskLabel(text=tr(LABEL_KEYS[name], view.lang), bold=True))
            if name in TEXT_FIELDS:
                entry = Factory.KioskInput(field=name)
                entry.bind(text=self._typed, focus=self._focused,
                           on_enter=lambda _e: self.guest_book.next(),
                           on_tab=lambda _e: self.guest_book.next_field())
                field.add_widget(entry)
                self.inputs[name] = entry
            else:
                grid = Factory.ChoiceGrid(cols=_columns(name, self.portrait))
                self.choices[name] = []
                for value, label in CHOICES[name]:
                    button = Factory.ChoiceButton(text=label.message(view.lang))
                    button.value = value
                    button.bind(on_release=lambda b, n=name: self.guest_book.select(n, b.value))
                    grid.add_widget(button)
                    self.choices[name].append(button)
                field.add_widget(grid)
            error = Factory.ErrorLabel()
            field.add_widget(error)
            self.errors[name] = error
            box.add_widget(field)

    def _build_offer(self, view: KioskView) -> None:
        offer = view.offer
        assert offer is not None
        box = self.ids.fields
        lang = view.lang
        box.add_widget(Factory.Heading(text=tr("returning_title", lang)))
        box.add_widget(Factory.KioskLabel(text=tr("returning_body", lang)))
        lines = [
            f"{tr('id_number', lang)}: {offer.id_number_masked}",
            f"{tr('name', lang)}: {offer.name_masked}",
            f"{tr('email', lang)}: {offer.email_masked}",
        ]
        if offer.institution:
            lines.append(f"{tr('institution', lang)}: {offer.institution}")
        box.add_widget(Factory.KioskLabel(text="\n".join(lines), bold=True))
        yes = Factory.MainButton(text=tr("reuse", lang))
        yes.bind(on_release=lambda _b: self.guest_book.accept_offer())
        no = Factory.QuietButton(text=tr("fresh", lang))
        no.bind(on_release=lambda _b: self.guest_book.decline_offer())
        box.add_widget(yes)
        box.add_widget(no)

    def _update(self, view: KioskView) -> None:
        form = view.form
        for name, entry in self.inputs.items():
            value = form.value(name)
            if entry.text != value:
                entry.text = value
            entry.wrong = name in form.errors
        for name, label in self.errors.items():
            error = form.errors.get(name)
            label.text = error.message(view.lang) if error else ""
        for name, buttons in self.choices.items():
            for button in buttons:
                button.chosen = form.value(name) == button.value
        if self._priority is not None:
            self._priority.text = tick_box(form.priority, tr("priority", view.lang))
            self._priority.chosen = form.priority
        focused = self.inputs.get(view.focus or "")
        if focused is not None and not focused.focus:
            focused.focus = True

    # --- input ----------------------------------------------------------------------------

    def _typed(self, entry: Any, text: str) -> None:
        self.guest_book.edit(entry.field, text)

    def _focused(self, entry: Any, focused: bool) -> None:
        if focused:
            self.guest_book.focus(entry.field)

    def type_key(self, key: str) -> None:
        entry = self.inputs.get(self._view.focus or "")
        if entry is None:
            return

        def capital(before: str) -> bool:
            word_start = not before or before[-1] in " -'."
            return entry.field == "id_number" or (entry.field in CAPITALISED and word_start)

        type_into(entry, self.ids.keyboard, key, capital)


def _columns(name: str, portrait: bool) -> int:
    """Two columns of big buttons in portrait; in landscape one row of identity types and
    of purposes, two of occupations, so the page fits 768 pixels."""
    if portrait:
        return 2
    return {"id_type": 4, "purpose": 5}.get(name, 4)
