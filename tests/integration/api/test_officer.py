"""Officers call, recall, finish, mark no-shows and refer visitors, through the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from shared.api.client import ApiError
from tests.support.offices import LIBRARY, Office, visitor


def test_call_recall_finish_and_no_show(api_office: Office) -> None:
    for n in range(1, 4):
        api_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    first = api_office.officer.call_next("1")
    assert first is not None
    assert (first.number, first.status, first.desk) == ("K-001", "called", "1")
    assert first.desk_name == "Meja Konsultasi 1"
    second = api_office.officer.call_next("2")
    assert second is not None and second.number == "K-002"

    again = api_office.officer.recall(first.id)
    again = api_office.officer.recall(first.id)
    assert again.recalls == 2 and again.status == "called"

    with pytest.raises(ApiError) as busy:
        api_office.officer.call_next("1")
    assert busy.value.status == 409 and busy.value.code == "desk_busy"
    assert "K-001" in busy.value.message("id")

    done = api_office.officer.finish(first.id)
    assert done.status == "done" and done.finished_at
    missed = api_office.admin.no_show(second.id)
    assert missed.status == "no_show"

    with pytest.raises(ApiError) as illegal:
        api_office.officer.finish(first.id)
    assert illegal.value.status == 409 and illegal.value.code == "illegal_transition"
    assert "selesai" in illegal.value.message("id")

    third = api_office.officer.call_next("1")
    assert third is not None and third.number == "K-003"
    api_office.officer.finish(third.id)
    assert api_office.officer.call_next("1") is None  # nobody waits: 404 queue_empty
    statuses = {t.number: t.status for t in api_office.officer.tickets()}
    assert statuses == {"K-001": "done", "K-002": "no_show", "K-003": "done"}


def test_unknown_desk_and_ticket_are_404(api_office: Office) -> None:
    with pytest.raises(ApiError) as desk:
        api_office.officer.call_next("99")
    assert desk.value.status == 404 and desk.value.code == "desk_not_found"
    with pytest.raises(ApiError) as ticket:
        api_office.officer.finish(12345)
    assert ticket.value.status == 404


def test_priority_visitor_goes_first(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    api_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True, priority=True)
    called = api_office.officer.call_next("1")
    assert called is not None and called.number == "K-002"


def test_referral_to_another_service_keeps_the_guest_entry(
    api_office_with: Callable[[str], Office],
) -> None:
    office = api_office_with(LIBRARY)
    office.kiosk.take_ticket("KONSULTASI", visitor(7), consent=True)
    called = office.officer.call_next("1")
    assert called is not None
    referred = office.officer.transfer(called.id, "PERPUSTAKAAN")
    assert referred.number == "P-001" and referred.status == "waiting"
    assert referred.transferred_from == called.id
    tickets = {t.number: t for t in office.officer.tickets()}
    assert tickets["K-001"].status == "done"
    assert tickets["K-001"].transferred_to == referred.id
    assert tickets["P-001"].guest == tickets["K-001"].guest
    at_library = office.officer.call_next("3")
    assert at_library is not None and at_library.number == "P-001"
    with pytest.raises(ApiError) as same:
        office.officer.transfer(at_library.id, "PERPUSTAKAAN")
    assert same.value.status == 422 and same.value.field_errors[0]["field"] == "service"
