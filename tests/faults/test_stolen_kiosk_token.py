"""Finding 8: a stolen kiosk token must not become a guest-book export. Lookups answer
masked values and a short-lived reference; they are rate limited per device."""

from __future__ import annotations

import pytest
import requests

from shared.client import ApiError
from tests.support.faults import FaultOffice, visitor
from tests.support.offices import VISITOR
from tests.support.serverproc import add_device


def test_lookup_never_shows_clear_values_to_a_kiosk(office: FaultOffice) -> None:
    office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    raw = requests.get(
        f"{office.url}/api/v1/visitors/lookup", timeout=5,
        params={"id_type": "KTP", "id_number": VISITOR["id_number"]},
        headers={"Authorization": f"Bearer {office.kiosk_token}"},
    )
    assert raw.status_code == 200
    for clear in ("Siti", "Aisyah", "Pakaya", "siti.pakaya", "example.com", "081234567890",
                  VISITOR["id_number"]):
        assert clear not in raw.text
    assert raw.json()["name_masked"] == "S*** A***** P*****"


def test_lookups_are_rate_limited_per_device(office: FaultOffice) -> None:
    office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    answers = []
    for n in range(1, 16):  # walking through identity numbers, as a thief would
        try:
            answers.append(office.kiosk.lookup_visitor("KTP", visitor(n)["id_number"]))
        except ApiError as exc:
            answers.append(exc)
    limited = [a for a in answers if isinstance(a, ApiError)]
    assert len(answers) - len(limited) == 10
    assert {(e.status, e.code) for e in limited} == {(429, "too_many_lookups")}
    raw = requests.get(
        f"{office.url}/api/v1/visitors/lookup", timeout=5,
        params={"id_type": "KTP", "id_number": VISITOR["id_number"]},
        headers={"Authorization": f"Bearer {office.kiosk_token}"},
    )
    assert raw.status_code == 429 and int(raw.headers["retry-after"]) >= 1
    # another kiosk is not held up by the first one's limit
    other = office.client(add_device(office.data_dir, "kiosk-2", "kiosk"))
    assert other.lookup_visitor("KTP", VISITOR["id_number"]) is not None


def test_a_reference_works_only_for_the_kiosk_that_looked_up(office: FaultOffice) -> None:
    office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    found = office.kiosk.lookup_visitor("KTP", VISITOR["id_number"])
    assert found is not None
    other = office.client(add_device(office.data_dir, "kiosk-2", "kiosk"))
    for client, reference in ((other, found.reference), (office.kiosk, "made-up")):
        with pytest.raises(ApiError) as caught:
            client.take_ticket("KONSULTASI", None, consent=True, visitor_reference=reference)
        assert caught.value.status == 422
        assert caught.value.field_errors[0]["field"] == "visitor_reference"
    ticket = office.kiosk.take_ticket("KONSULTASI", None, consent=True,
                                      visitor_reference=found.reference)
    assert ticket.number == "K-002"
