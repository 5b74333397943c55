"""A kiosk takes tickets from the server (in-process, on a real SQLite file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from shared.api.client import ApiError, QueueClient
from tests.support.offices import PERSONAL, VISITOR, Office, visitor


def test_health_and_services(api_office: Office) -> None:
    assert api_office.public.health().status == "ok"
    services = {s.code: s for s in api_office.public.services()}
    assert services["KONSULTASI"].name == "Konsultasi Statistik"
    assert services["KONSULTASI"].letter == "K"
    assert services["KONSULTASI"].enabled and services["KONSULTASI"].open
    assert not services["PERPUSTAKAAN"].enabled and not services["PERPUSTAKAAN"].open


def test_kiosk_takes_numbered_tickets_with_wait_and_status_page(api_office: Office) -> None:
    first = api_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    second = api_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    assert (first.number, second.number) == ("K-001", "K-002")
    assert first.status == "waiting"
    assert (first.waiting_ahead, second.waiting_ahead) == (0, 1)
    # nothing finished yet today: the default 15 minutes, shared over the 2 desks
    assert second.estimated_wait_minutes == 8
    assert first.issued_at.utcoffset() == timedelta(hours=8)
    assert second.status_url.startswith(f"{api_office.url}/t/")

    page = api_office.web.get(second.status_url, timeout=5)
    assert page.status_code == 200
    assert "K-002" in page.text and "Orang di depan Anda" in page.text
    for secret in PERSONAL + ["Pengunjung"]:
        assert secret not in page.text
    # the rating code printed on the ticket, for rating at the kiosk (issue 17 item 6)
    assert len(second.rating_code) == 4 and second.rating_code.isdigit()
    assert (f"Kode penilaian <span class=\"en\">/ rating code</span>:"
            f" <strong>{second.rating_code}</strong>") in page.text

    called = api_office.officer.call_next("1")
    assert called is not None and called.number == "K-001"
    page = api_office.web.get(first.status_url, timeout=5)
    assert "Silakan menuju Meja Konsultasi 1" in page.text


def test_unknown_status_token_is_a_clear_404_page(api_office: Office) -> None:
    page = api_office.web.get(f"{api_office.url}/t/not-a-real-token", timeout=5)
    assert page.status_code == 404
    assert "Tiket tidak ditemukan" in page.text


def test_invalid_fields_are_named_and_nothing_is_stored(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    bad = {**VISITOR, "id_number": "7502014103030000", "email": "siti@", "name": "S"}
    with pytest.raises(ApiError) as caught:
        api_office.kiosk.take_ticket("KONSULTASI", bad, consent=False)
    error = caught.value
    assert error.status == 422
    fields = {e["field"]: e for e in error.field_errors}
    assert set(fields) == {"consent", "visitor.id_number", "visitor.email", "visitor.name"}
    assert fields["visitor.id_number"]["code"] == "nik_serial"
    assert "0000" in fields["visitor.id_number"]["message_id"]
    assert fields["visitor.id_number"]["message_en"]
    # the earlier ticket is intact and no second one was made
    assert [t.number for t in api_office.officer.tickets()] == ["K-001"]


def test_errors_speak_english_when_asked(api_office: Office) -> None:
    response = api_office.web.post(
        f"{api_office.url}/api/v1/tickets",
        json={"service": "KONSULTASI", "visitor": {**VISITOR, "email": "nope"}, "consent": True},
        headers={"Authorization": f"Bearer {api_office.kiosk_token}", "Accept-Language": "en"},
        timeout=5,
    )
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["field"] == "visitor.email"
    assert detail["message"] == detail["message_en"] != detail["message_id"]


def test_malformed_body_names_the_field(api_office: Office) -> None:
    response = api_office.web.post(
        f"{api_office.url}/api/v1/tickets", json={"visitor": VISITOR, "consent": "maybe"},
        headers={"Authorization": f"Bearer {api_office.kiosk_token}"}, timeout=5,
    )
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["detail"]}
    assert fields == {"service", "consent"}


def test_unknown_service_is_422(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.kiosk.take_ticket("PIZZA", visitor(1), consent=True)
    assert caught.value.status == 422
    assert caught.value.field_errors[0]["field"] == "service"


def test_same_idempotency_key_makes_one_ticket(api_office: Office) -> None:
    key = QueueClient.new_idempotency_key()
    first = api_office.kiosk.take_ticket("KONSULTASI", visitor(1), True, idempotency_key=key)
    again = api_office.kiosk.take_ticket("KONSULTASI", visitor(1), True, idempotency_key=key)
    assert again.id == first.id and again.number == "K-001"
    assert len(api_office.officer.tickets()) == 1
    with pytest.raises(ApiError) as caught:
        api_office.kiosk.take_ticket("KONSULTASI", visitor(2), True, idempotency_key=key)
    assert caught.value.status == 409
    assert caught.value.field_errors[0]["field"] == "Idempotency-Key"
    assert len(api_office.officer.tickets()) == 1


def test_closed_outside_opening_hours_says_why(api_office_with: Callable[[str], Office]) -> None:
    office = api_office_with('[hours]\ntuesday = ["08:00-15:30"]\n')  # and it is Monday
    service = {s.code: s for s in office.public.services()}["KONSULTASI"]
    assert service.open is False and "tutup" in (service.closed_reason or "")
    with pytest.raises(ApiError) as caught:
        office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    assert caught.value.status == 409
    assert caught.value.code == "service_closed"
    assert "tutup" in caught.value.message("id")
    assert office.officer.tickets() == []


def test_disabled_service_is_409(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.kiosk.take_ticket("PERPUSTAKAAN", visitor(1), consent=True)
    assert caught.value.status == 409 and caught.value.code == "service_disabled"


def test_returning_visitor_is_prefilled_by_identity_number(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    found = api_office.kiosk.lookup_visitor("KTP", "7502 0141 0303 0001")
    assert found is not None
    assert found.name_masked == "S*** A***** P*****"
    assert found.email_masked == "s**********@e******.com"
    assert found.phone_masked == "0812******90"
    assert found.id_number_masked == "7502********0001"
    assert found.purpose == VISITOR["purpose"]
    for secret in PERSONAL + [VISITOR["email"]]:
        assert secret not in found.model_dump_json()
    # The reference stands for the clear values; the visitor changed only the purpose.
    again = api_office.kiosk.take_ticket("KONSULTASI", {"purpose": "Data inflasi"}, consent=True,
                                         visitor_reference=found.reference)
    guest = api_office.officer.tickets()[-1].guest
    assert again.number == "K-002" and guest is not None
    assert (guest.name, guest.email, guest.purpose) == (VISITOR["name"], VISITOR["email"],
                                                        "Data inflasi")
    assert api_office.kiosk.lookup_visitor("KTP", "7502014103030002") is None
    with pytest.raises(ApiError) as caught:
        api_office.kiosk.lookup_visitor("KTP", "12345")
    assert caught.value.status == 422 and caught.value.field_errors[0]["field"] == "id_number"


def test_a_visitor_reference_takes_one_ticket(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    found = api_office.kiosk.lookup_visitor("KTP", VISITOR["id_number"])
    assert found is not None
    first = api_office.kiosk.take_ticket("KONSULTASI", None, consent=True, idempotency_key="tap-1",
                                         visitor_reference=found.reference)
    # the kiosk's retry after a lost answer: the same ticket, not an error
    retried = api_office.kiosk.take_ticket("KONSULTASI", None, consent=True,
                                           idempotency_key="tap-1",
                                           visitor_reference=found.reference)
    assert retried.id == first.id

    with pytest.raises(ApiError) as caught:  # a second visitor on the same reference
        api_office.kiosk.take_ticket("KONSULTASI", None, consent=True,
                                     visitor_reference=found.reference)

    assert caught.value.status == 422
    assert [(e["field"], e["code"]) for e in caught.value.field_errors] == [
        ("visitor_reference", "reference_used")]
    assert [t.number for t in api_office.officer.tickets()] == ["K-001", "K-002"]


def test_officer_sees_the_days_guest_book_with_masked_numbers(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    api_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True, priority=True)
    tickets = api_office.officer.tickets()
    assert [t.number for t in tickets] == ["K-001", "K-002"]
    guest = tickets[0].guest
    assert guest.name == VISITOR["name"]
    assert guest.id_number_masked == "7502********0001"
    assert VISITOR["id_number"] not in str(tickets)
    assert guest.consent_version
    assert tickets[1].priority is True
    assert [t.number for t in api_office.officer.tickets(limit=1, offset=1)] == ["K-002"]
    assert api_office.officer.tickets(status="done") == []
    assert api_office.officer.tickets(date="2020-01-01") == []


def test_openapi_document_lists_the_contract(api_office: Office) -> None:
    spec = api_office.web.get(f"{api_office.url}/openapi.json", timeout=5).json()
    for path in ("/api/v1/health", "/api/v1/services", "/api/v1/tickets", "/api/v1/display",
                 "/api/v1/visitors/lookup", "/api/v1/auth/login",
                 "/api/v1/desks/{desk}/call-next", "/api/v1/tickets/{ticket_id}/transfer"):
        assert path in spec["paths"], path


def test_no_page_that_needs_the_internet(api_office: Office) -> None:
    # FastAPI's /docs and /redoc pull JavaScript from a CDN: blank pages on the office LAN.
    for path in ("/docs", "/redoc"):
        assert api_office.web.get(f"{api_office.url}{path}", timeout=5).status_code == 404
