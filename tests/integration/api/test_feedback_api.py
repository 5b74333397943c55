"""Ratings, complaints and reports over HTTP (the app in-process, a real SQLite file)."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.api.client import ApiError
from shared.core.queue.office import QueueOffice, TicketView
from tests.support.offices import Office, local_office, visitor

SKM = [4, 3, 4, 4, 3, 4, 4, 3, 3]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    with local_office(tmp_path / "data") as started:
        yield started


def served(office: Office, n: int = 1) -> tuple[int, str, str]:
    """A visit taken at the kiosk and finished at desk 1: (ticket id, status-page token,
    the rating code printed on the ticket)."""
    ticket = office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    called = office.officer.call_next("1")
    assert called is not None and called.id == ticket.id
    office.officer.finish(ticket.id)
    return ticket.id, ticket.status_url.rsplit("/", 1)[1], ticket.rating_code


def test_kiosk_rates_a_finished_visit_and_a_second_rating_is_409(office: Office) -> None:
    ticket_id, _, code = served(office)
    rating = office.kiosk.rate(ticket_id, 4, SKM, "Pelayanan cepat", rating_code=code)
    assert (rating.overall, rating.skm, rating.channel) == (4, SKM, "kiosk")
    with pytest.raises(ApiError) as again:
        office.kiosk.rate(ticket_id, 1, rating_code=code)
    assert again.value.status == 409 and again.value.code == "already_rated"
    assert again.value.detail["message_id"].startswith("Tiket K-001 sudah dinilai")
    assert "rated already" in again.value.detail["message_en"]
    assert again.value.detail["field"] == "ticket_id"


def test_an_unfinished_ticket_is_409(office: Office) -> None:
    ticket = office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    with pytest.raises(ApiError) as refused:
        office.kiosk.rate(ticket.id, 3, rating_code=ticket.rating_code)
    assert refused.value.status == 409 and refused.value.code == "not_finished"


@pytest.mark.parametrize(("body", "fields"), [
    ({"overall": 5}, ["overall"]),
    ({"overall": "empat"}, ["overall"]),
    ({"overall": 4, "skm": [4, 4]}, ["skm"]),
    ({"overall": 4, "skm": "4444"}, ["skm"]),
    ({"overall": 4, "skm": [4, 4, 4, 4, 4, 4, 4, 4, 0]}, ["skm.8"]),
    ({"overall": 4, "comment": 12}, ["comment"]),
    ({"ticket_id": "satu", "overall": 4}, ["ticket_id"]),
    ({}, ["overall"]),
])
def test_out_of_range_or_malformed_values_are_422(office: Office, body: dict[str, object],
                                                  fields: list[str]) -> None:
    ticket_id, _, code = served(office)
    response = office.web.post(f"{office.url}/api/v1/ratings",
                               json={"ticket_id": ticket_id, "rating_code": code, **body},
                               headers={"Authorization": f"Bearer {office.kiosk_token}",
                                        "Accept-Language": "en"})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert [d["field"] for d in detail] == fields
    assert all(d["message_id"] and d["message_en"] and d["code"] for d in detail)


def test_the_phone_rates_with_its_own_status_token_only(office: Office) -> None:
    mine, token, _ = served(office, 1)
    other, _, _ = served(office, 2)
    phone = office.client(token)
    with pytest.raises(ApiError) as not_mine:
        phone.rate(other, 4)
    assert not_mine.value.status == 404
    rating = phone.rate(None, 3, SKM)
    assert rating.ticket_id == mine and rating.channel == "phone"
    with pytest.raises(ApiError) as rated:
        phone.rate(mine, 3)
    assert rated.value.status == 409
    with pytest.raises(ApiError) as no_rater:
        office.client("not-a-token").rate(mine, 3)
    assert no_rater.value.status == 401


def test_rating_window_closes_after_the_configured_days(office: Office) -> None:
    ticket_id, _, code = served(office)
    assert office.clock is not None
    office.clock.advance(days=8)
    with pytest.raises(ApiError) as late:
        office.kiosk.rate(ticket_id, 4, rating_code=code)
    assert late.value.status == 409 and late.value.code == "rating_closed"


def test_rateable_lists_only_numbers(office: Office) -> None:
    first, _, code = served(office, 1)
    response = office.web.get(f"{office.url}/api/v1/ratings/rateable?desk=1",
                              headers={"Authorization": f"Bearer {office.kiosk_token}"})
    assert response.json() == [{"ticket_id": first, "number": "K-001",
                                "service": "KONSULTASI", "desk": "1"}]
    office.kiosk.rate(first, 4, rating_code=code)
    assert office.kiosk.rateable() == []


def test_todays_numbers_for_a_complaints_link(office: Office) -> None:
    first, _, _ = served(office, 1)
    waiting = office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    response = office.web.get(f"{office.url}/api/v1/complaints/tickets",
                              headers={"Authorization": f"Bearer {office.kiosk_token}"})
    assert response.json() == [  # numbers only, the latest first, whatever their state
        {"ticket_id": waiting.id, "number": "K-002", "service": "KONSULTASI", "desk": None},
        {"ticket_id": first, "number": "K-001", "service": "KONSULTASI", "desk": "1"}]
    filed = office.kiosk.file_complaint("Antrian terlalu lama hari ini.",
                                        contact_phone="0812 3456 7890", ticket_id=waiting.id)
    assert (filed.ticket_id, filed.contact_phone) == (waiting.id, "081234567890")
    assert office.admin.complaints().complaints[0].ticket_number == "K-002"
    office.clock.advance(days=1)
    assert office.kiosk.todays_tickets() == []


def test_ikm_report_for_a_range(office: Office) -> None:
    for n, answers in enumerate(([4] * 9, [3] * 9, [3] * 9, [4] * 9), start=1):
        ticket_id, _, code = served(office, n)
        office.kiosk.rate(ticket_id, 4, answers, rating_code=code)
    ikm = office.admin.ikm("2026-11-01", "2026-11-30")
    assert (ikm.ikm, ikm.grade, ikm.label, ikm.respondents) == (87.5, "B", "Baik", 4)
    assert [(e.element, e.mean) for e in ikm.elements][:2] == [(1, 3.5), (2, 3.5)]
    assert ikm.elements[8].name == "Sarana dan Prasarana"
    assert "1/9" in ikm.weighting
    raw = office.web.get(f"{office.url}/api/v1/reports/ikm?from=2026-11-01&to=2026-11-30",
                         headers={"Authorization": f"Bearer {office.admin.token}"}).json()
    assert set(raw) >= {"ikm", "grade", "label", "respondents", "elements", "weighting"}
    assert raw["from"] == "2026-11-01"
    empty = office.admin.ikm("2026-10-01", "2026-10-31")
    assert empty.ikm is None and empty.respondents == 0


def test_bad_date_ranges_are_422(office: Office) -> None:
    auth = {"Authorization": f"Bearer {office.admin.token}"}
    reversed_range = office.web.get(
        f"{office.url}/api/v1/reports/ikm?from=2026-12-01&to=2026-11-01", headers=auth)
    assert reversed_range.status_code == 422
    assert reversed_range.json()["detail"][0]["field"] == "to"
    not_a_date = office.web.get(f"{office.url}/api/v1/reports/ikm?from=kemarin&to=2026-11-01",
                                headers=auth)
    assert not_a_date.status_code == 422
    assert not_a_date.json()["detail"][0]["field"] == "from"


def test_skm_csv_one_row_per_respondent(office: Office) -> None:
    for n, skm in enumerate((SKM, None, [1] * 9), start=1):
        ticket_id, _, code = served(office, n)
        office.kiosk.rate(ticket_id, 2 + (n % 2), skm, "nama saya Budi", rating_code=code)
    response = office.web.get(f"{office.url}/api/v1/reports/skm.csv?from=2026-11-30&to=2026-11-30",
                              headers={"Authorization": f"Bearer {office.admin.token}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["responden", "tanggal_kunjungan", "kepuasan_umum", "U1 Persyaratan"]
    assert rows[0][-1] == "U9 Sarana dan Prasarana"
    assert rows[1:] == [["1", "2026-11-30", "3", *map(str, SKM)],
                        ["2", "2026-11-30", "3", *["1"] * 9]]
    assert "Budi" not in response.text


def test_complaints_filed_then_handled_by_the_admin(office: Office) -> None:
    ticket_id, token, _ = served(office)
    from_kiosk = office.kiosk.file_complaint("Ruang tunggu terlalu panas siang hari.",
                                            contact_email="warga@example.com")
    from_phone = office.client(token).file_complaint("Petugas datang terlambat pagi ini.")
    assert from_phone.ticket_id == ticket_id and from_phone.channel == "phone"
    listed = office.admin.complaints()
    assert listed.open == 2 and [c.id for c in listed.complaints] == [from_phone.id,
                                                                       from_kiosk.id]
    assert listed.complaints[0].ticket_number == "K-001"
    moved = office.admin.update_complaint(from_kiosk.id, "in_progress", "AC diperbaiki besok.")
    assert moved.status == "in_progress" and moved.updated_by == "kepala"
    office.admin.update_complaint(from_kiosk.id, "closed")
    assert office.admin.complaints().open == 1
    assert [c.id for c in office.admin.complaints("closed").complaints] == [from_kiosk.id]
    with pytest.raises(ApiError) as back:
        office.admin.update_complaint(from_kiosk.id, "new")
    assert back.value.status == 409
    with pytest.raises(ApiError) as unknown:
        office.admin.update_complaint(from_kiosk.id, "selesai")
    assert unknown.value.status == 422 and unknown.value.detail[0]["field"] == "status"
    with pytest.raises(ApiError) as short:
        office.kiosk.file_complaint("jelek")
    assert short.value.status == 422 and short.value.detail[0]["code"] == "too_short"


def test_report_summary_counts_calls_per_officer(office: Office) -> None:
    first, _, code = served(office, 1)
    office.kiosk.rate(first, 4, [4] * 9, rating_code=code)
    office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True)
    called = office.officer.call_next("2")
    assert called is not None
    office.officer.no_show(called.id)
    report = office.admin.report("2026-11-30", "2026-11-30")
    assert (report.tickets, report.visitors, report.no_shows) == (2, 2, 1)
    assert report.calls_per_desk == {"1": 1, "2": 1}
    assert report.calls_per_officer == {"petugas1": 2}
    assert report.faces == [0, 0, 0, 1] and report.satisfaction.ikm == 100.0



def test_the_phone_forms_read_the_database_off_the_event_loop(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17, item 13: the pages the phone's forms answer with read the database on the
    thread pool, never on the event loop every request shares."""
    _, token, _ = served(office)
    on_the_loop: list[bool] = []
    read = QueueOffice.ticket_status

    def watched(queue: QueueOffice, ticket_token: str) -> TicketView:
        try:
            asyncio.get_running_loop()
            on_the_loop.append(True)
        except RuntimeError:
            on_the_loop.append(False)
        return read(queue, ticket_token)

    monkeypatch.setattr(QueueOffice, "ticket_status", watched)
    incomplete = office.web.post(f"{office.url}/t/{token}/rating",
                                 data={"overall": "4", "u1": "4"})
    assert incomplete.status_code == 422
    filed = office.web.post(f"{office.url}/t/{token}/pengaduan",
                            data={"text": "Antrian terlalu lama hari ini."})
    assert filed.status_code == 200 and "sudah kami terima" in filed.text
    assert on_the_loop == [False, False]
