"""The wire shapes and the kiosk's form take the visitor's fields from their one definition
(``shared.core.visitors.fields``): same names, same order, optional where they are."""

from __future__ import annotations

from typing import get_args

from kiosk.guest_form import GuestForm, ReturningVisitor
from shared.api.models import GuestOut, VisitorIn, VisitorPrefill
from shared.core.visitors.fields import FIELD_NAMES, VISITOR_FIELDS


def optional(model: type[VisitorIn] | type[VisitorPrefill] | type[GuestOut]) -> list[str]:
    return [name for name, info in model.model_fields.items()
            if type(None) in get_args(info.annotation)]


def test_the_ticket_request_takes_every_field_text_and_the_optional_ones_as_null() -> None:
    assert tuple(VisitorIn.model_fields) == FIELD_NAMES
    assert optional(VisitorIn) == [f.name for f in VISITOR_FIELDS if not f.required]
    assert VisitorIn().model_dump() == {
        f.name: "" if f.required else None for f in VISITOR_FIELDS
    }


def test_a_kiosk_sees_the_personal_fields_only_masked() -> None:
    shown = [f"{f.name}_masked" if f.personal else f.name for f in VISITOR_FIELDS]
    assert [n for n in VisitorPrefill.model_fields if n not in ("reference", "expires_at")] == shown
    assert [n.removesuffix("_masked") for n in optional(VisitorPrefill)] == [
        f.name for f in VISITOR_FIELDS if not f.required
    ]
    assert ReturningVisitor is VisitorPrefill  # the kiosk keeps no copy of its own


def test_an_officer_sees_every_field_the_identity_number_masked() -> None:
    shown = ["id_number_masked" if n == "id_number" else n for n in FIELD_NAMES]
    assert [n for n in GuestOut.model_fields if not n.startswith("consent")] == shown


def test_the_kiosk_form_holds_every_field_and_sends_them_all() -> None:
    form = GuestForm(id_type="KTP", name="Siti")
    assert all(hasattr(form, name) for name in FIELD_NAMES)
    assert form.visitor_fields() == {
        "id_type": "KTP", "id_number": "", "name": "Siti", "email": "", "phone": None,
        "institution": None, "occupation": "", "purpose": "",
    }
