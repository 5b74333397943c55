"""Finding 8: a stolen kiosk token must not become a guest-book export. Lookups answer
masked values and a short-lived reference; they are rate limited per device."""

from __future__ import annotations

import pytest
import requests

from shared.api.client import ApiError
from tests.support.faults import FaultOffice, visitor
from tests.support.offices import VISITOR
from tests.support.serverproc import add_device


def test_lookup_never_shows_clear_values_to_a_kiosk(fault_office: FaultOffice) -> None:
    fault_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    raw = requests.get(
        f"{fault_office.url}/api/v1/visitors/lookup", timeout=5,
        params={"id_type": "KTP", "id_number": VISITOR["id_number"]},
        headers={"Authorization": f"Bearer {fault_office.kiosk_token}"},
    )
    assert raw.status_code == 200
    for clear in ("Siti", "Aisyah", "Pakaya", "siti.pakaya", "example.com", "081234567890",
                  VISITOR["id_number"]):
        assert clear not in raw.text
    assert raw.json()["name_masked"] == "S*** A***** P*****"


def test_lookups_are_rate_limited_per_device(fault_office: FaultOffice) -> None:
    fault_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    answers = []
    for n in range(1, 16):  # walking through identity numbers, as a thief would
        try:
            answers.append(fault_office.kiosk.lookup_visitor("KTP", visitor(n)["id_number"]))
        except ApiError as exc:
            answers.append(exc)
    limited = [a for a in answers if isinstance(a, ApiError)]
    assert len(answers) - len(limited) == 10
    assert {(e.status, e.code) for e in limited} == {(429, "too_many_lookups")}
    raw = requests.get(
        f"{fault_office.url}/api/v1/visitors/lookup", timeout=5,
        params={"id_type": "KTP", "id_number": VISITOR["id_number"]},
        headers={"Authorization": f"Bearer {fault_office.kiosk_token}"},
    )
    assert raw.status_code == 429 and int(raw.headers["retry-after"]) >= 1
    # another kiosk is not held up by the first one's limit
    other = fault_office.client(add_device(fault_office.data_dir, "kiosk-2", "kiosk"))
    assert other.lookup_visitor("KTP", VISITOR["id_number"]) is not None


def test_a_reference_works_only_for_the_kiosk_that_looked_up(fault_office: FaultOffice) -> None:
    fault_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    found = fault_office.kiosk.lookup_visitor("KTP", VISITOR["id_number"])
    assert found is not None
    other = fault_office.client(add_device(fault_office.data_dir, "kiosk-2", "kiosk"))
    for client, reference in ((other, found.reference), (fault_office.kiosk, "made-up")):
        with pytest.raises(ApiError) as caught:
            client.take_ticket("KONSULTASI", None, consent=True, visitor_reference=reference)
        assert caught.value.status == 422
        assert caught.value.field_errors[0]["field"] == "visitor_reference"
    ticket = fault_office.kiosk.take_ticket("KONSULTASI", None, consent=True,
                                            visitor_reference=found.reference)
    assert ticket.number == "K-002"


def _finished(office: FaultOffice, n: int) -> tuple[int, str]:
    """A visit finished at desk 1: (ticket id, the rating code printed on its paper)."""
    ticket = office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    called = office.officer.call_next("1")
    assert called is not None and called.id == ticket.id
    office.officer.finish(ticket.id)
    return ticket.id, ticket.rating_code


def _rate(office: FaultOffice, body: dict[str, object]) -> requests.Response:
    return requests.post(f"{office.url}/api/v1/ratings", json={"overall": 1, **body},
                         headers={"Authorization": f"Bearer {office.kiosk_token}"}, timeout=5)


def test_a_kiosk_token_rates_a_visit_only_with_the_code_on_its_ticket(
    fault_office: FaultOffice,
) -> None:
    """Issue 17 item 6: a stolen kiosk token (or anyone at the kiosk with a number seen on
    the board) no longer rates any finished visit by its id."""
    first, code = _finished(fault_office, 1)
    second, _ = _finished(fault_office, 2)
    bare = _rate(fault_office, {"ticket_id": first})
    assert bare.status_code == 422
    assert bare.json()["detail"][0]["field"] == "rating_code"
    assert bare.json()["detail"][0]["code"] == "rating_code_required"
    wrong = f"{(int(code) + 1) % 10000:04d}"
    guessed = _rate(fault_office, {"ticket_id": first, "rating_code": wrong})
    assert guessed.status_code == 422
    detail = guessed.json()["detail"][0]
    assert (detail["field"], detail["code"]) == ("rating_code", "wrong_rating_code")
    assert "K-001" in detail["message_id"] and "K-001" in detail["message_en"]
    # the desk's "just finished" proof holds for the desk's last ticket only
    earlier = _rate(fault_office, {"ticket_id": first, "desk": "1"})
    assert earlier.status_code == 409 and earlier.json()["detail"]["code"] == "not_desk_last"
    assert fault_office.kiosk.rateable() != []  # nothing was rated by the refused ones
    rated = _rate(fault_office, {"ticket_id": first, "rating_code": code, "overall": 4})
    assert rated.status_code == 201 and rated.json()["overall"] == 4
    at_desk = _rate(fault_office, {"ticket_id": second, "desk": "1"})
    assert at_desk.status_code == 201
    assert fault_office.kiosk.rateable() == []


def test_guessing_rating_codes_is_stopped_per_kiosk(fault_office: FaultOffice) -> None:
    ticket_id, code = _finished(fault_office, 1)
    wrong = [f"{(int(code) + n) % 10000:04d}" for n in range(1, 7)]
    answers = [_rate(fault_office, {"ticket_id": ticket_id, "rating_code": w}) for w in wrong]
    assert [a.status_code for a in answers] == [422] * 5 + [429]
    assert answers[-1].json()["detail"]["code"] == "too_many_wrong_codes"
    assert int(answers[-1].headers["retry-after"]) >= 1
    # the right code too waits out the limit on this kiosk...
    assert _rate(fault_office, {"ticket_id": ticket_id, "rating_code": code}).status_code == 429
    # ...while another kiosk is not held up by the first one's guesses
    other = fault_office.client(add_device(fault_office.data_dir, "kiosk-2", "kiosk"))
    assert other.rate(ticket_id, 4, rating_code=code).overall == 4
