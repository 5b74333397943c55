"""The visitor checks the guest-book details, then takes the number."""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory

from ..presenters import KioskFlow, KioskView
from ..texts import ID_TYPE_LABELS, OCCUPATIONS, PURPOSES, choice_label, tr
from .base import KioskScreen, kv_beside


class ConfirmScreen(KioskScreen):
    kv_file = kv_beside(__file__)

    def __init__(self, flow: KioskFlow, **kwargs: Any) -> None:
        super().__init__(flow, **kwargs)
        self._drawn: tuple[Any, ...] | None = None

    def give(self, flow: KioskFlow) -> None:
        self.ticket = flow.ticket

    def show(self, view: KioskView) -> None:
        key = (view.lang, view.form, view.service)
        if key == self._drawn:
            return
        self._drawn = key
        rows = self.ids.rows
        rows.clear_widgets()
        for label, value in summary(view):
            row = Factory.SummaryRow()
            row.label, row.value = label, value
            rows.add_widget(row)


def summary(view: KioskView) -> list[tuple[str, str]]:
    """The rows of the confirm screen; a reused visitor's details only as the server masked
    them."""
    lang, form = view.lang, view.form
    id_type = ID_TYPE_LABELS[form.id_type].message(lang) if form.id_type in ID_TYPE_LABELS else ""
    reused = form.reused
    rows = [(tr("service", lang), view.service_name())]
    if reused is not None:
        rows += [
            (tr("id_number", lang), f"{id_type} {reused.id_number_masked}"),
            (tr("name", lang), reused.name_masked),
            (tr("email", lang), reused.email_masked),
            (tr("phone_optional", lang), reused.phone_masked or "-"),
            (tr("institution", lang), reused.institution or "-"),
        ]
    else:
        rows += [
            (tr("id_number", lang), f"{id_type} {form.id_number}"),
            (tr("name", lang), form.name),
            (tr("email", lang), form.email),
            (tr("phone_optional", lang), form.phone or "-"),
            (tr("institution", lang), form.institution or "-"),
        ]
    rows += [
        (tr("occupation", lang), choice_label(form.occupation, OCCUPATIONS, lang)),
        (tr("purpose", lang), choice_label(form.purpose, PURPOSES, lang)),
        (tr("priority", lang), tr("yes", lang) if form.priority else tr("no", lang)),
    ]
    return rows
