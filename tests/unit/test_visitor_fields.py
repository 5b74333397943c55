"""The visitor's fields are defined once (``shared.core.visitors.fields``): every shape the
core declares for them holds exactly those fields, in that order, optional where they are."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from shared.core.errors import InvalidInput
from shared.core.queue.model import GuestEntry
from shared.core.visitors.fields import FIELD_NAMES, STORED_AS_TYPED, VISITOR_FIELDS
from shared.core.visitors.guest_form import VisitorDetails, validate_visitor

NOW = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


def optional_fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if "None" in str(f.type)]


def test_the_validated_form_holds_the_fields_in_their_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(VisitorDetails)) == FIELD_NAMES
    assert optional_fields(VisitorDetails) == [f.name for f in VISITOR_FIELDS if not f.required]


def test_a_guest_book_entry_holds_the_fields_the_identity_number_masked_and_hashed() -> None:
    names = [f.name for f in dataclasses.fields(GuestEntry)]
    assert [n for n in names if n in FIELD_NAMES] == list(STORED_AS_TYPED)
    assert {"id_masked", "id_hash"} <= set(names)
    typed = [n for n in optional_fields(GuestEntry) if n in FIELD_NAMES]
    assert typed == [f.name for f in VISITOR_FIELDS if not f.required]


def test_an_empty_form_names_every_required_field_by_its_label() -> None:
    with pytest.raises(InvalidInput) as exc:
        validate_visitor({}, date(2026, 11, 28), prefix="visitor.")
    required = {e.field: e.message_en for e in exc.value.errors if e.code == "required"}
    assert required == {
        f"visitor.{f.name}": f"Please fill in the {f.label_en}."
        for f in VISITOR_FIELDS if f.required
    }


def test_an_entry_shows_an_officer_every_field_in_order_the_identity_number_masked() -> None:
    entry = GuestEntry(
        id_type="KTP", id_masked="7502********0001", id_hash="h", name="Siti Pakaya",
        email="siti@example.com", phone=None, institution="UNG", occupation="Mahasiswa",
        purpose="Konsultasi", consent_at=NOW, consent_version="1", created_at=NOW,
    )
    assert entry.visitor_fields() == {
        "id_type": "KTP", "id_number_masked": "7502********0001", "name": "Siti Pakaya",
        "email": "siti@example.com", "phone": None, "institution": "UNG",
        "occupation": "Mahasiswa", "purpose": "Konsultasi",
    }
    assert list(entry.visitor_fields()) == [
        "id_number_masked" if n == "id_number" else n for n in FIELD_NAMES
    ]
