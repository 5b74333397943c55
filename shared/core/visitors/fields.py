"""The visitor's fields, defined once: what the guest book asks, in the order it asks.

The validated form (``guest_form.VisitorDetails``), the wire shapes (``shared.api.models``),
the office's use cases and the kiosk's form take their names, labels and limits from
:data:`VISITOR_FIELDS`; a test holds every declared shape to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VisitorField:
    """One guest-book field.

    ``required``: a visitor must fill it in (optional ones are ``None`` when left empty);
    ``personal``: it names or reaches the person, so a kiosk sees it only masked
    (``<name>_masked`` in ``VisitorPrefill``) and erasure removes it;
    ``max_length``: the longest free text accepted (None: the field's own rule decides).
    """

    name: str
    label_id: str
    label_en: str
    required: bool = True
    personal: bool = False
    max_length: int | None = None


NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 100
INSTITUTION_MAX_LENGTH = 120
OCCUPATION_MAX_LENGTH = 80
PURPOSE_MAX_LENGTH = 200

VISITOR_FIELDS: tuple[VisitorField, ...] = (
    VisitorField("id_type", "jenis identitas", "ID type"),
    VisitorField("id_number", "nomor identitas", "ID number", personal=True),
    VisitorField("name", "nama", "name", personal=True, max_length=NAME_MAX_LENGTH),
    VisitorField("email", "alamat email", "email address", personal=True),
    VisitorField("phone", "nomor telepon/HP", "phone number", required=False, personal=True),
    VisitorField("institution", "instansi", "institution", required=False,
                 max_length=INSTITUTION_MAX_LENGTH),
    VisitorField("occupation", "pekerjaan", "occupation", max_length=OCCUPATION_MAX_LENGTH),
    VisitorField("purpose", "keperluan kunjungan", "purpose of visit",
                 max_length=PURPOSE_MAX_LENGTH),
)

FIELDS_BY_NAME: dict[str, VisitorField] = {f.name: f for f in VISITOR_FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in VISITOR_FIELDS)
# The fields a guest-book entry stores as typed (the identity number only masked and hashed).
STORED_AS_TYPED: tuple[str, ...] = tuple(n for n in FIELD_NAMES if n != "id_number")
# Free text: checked for its characters and its length only.
FREE_TEXT_FIELDS: tuple[VisitorField, ...] = tuple(
    f for f in VISITOR_FIELDS if f.name in ("institution", "occupation", "purpose")
)
