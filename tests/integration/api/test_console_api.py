"""The console's endpoints on the real server: the desk's view, notes, follow-ups due the
next working day, the guest book and its CSV export."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from shared.api.client import ApiError
from tests.support.fakes import FakeClock
from tests.support.offices import (
    LIBRARY,
    OFFICER,
    VISITOR,
    Office,
    local_office,
    settings_from,
    visitor,
)

# Wednesday 23 December 2026, 10:00 WITA: Thursday is cuti bersama, Friday Christmas.
BEFORE_CHRISTMAS = datetime.fromisoformat("2026-12-23T10:00:00+08:00")


@pytest.fixture
def christmas_office(tmp_path: Path) -> Iterator[Office]:
    """A consultation desk and a library desk, on the Wednesday before Christmas."""
    with local_office(tmp_path / "data", settings_from(tmp_path, LIBRARY),
                      FakeClock(BEFORE_CHRISTMAS)) as started:
        yield started


def test_the_desk_shows_the_visitor_at_the_desk_and_the_waiting_lists(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", visitor(1), consent=True)
    api_office.kiosk.take_ticket("KONSULTASI", visitor(2), consent=True, priority=True)
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    called = api_office.officer.call_next("1")
    assert called is not None and called.number == "K-002"  # priority first

    view = api_office.officer.desk_view("1")

    assert view.current is not None and view.current.number == "K-002"
    assert view.current.guest is not None
    assert view.current.guest.id_number_masked.startswith("7502")
    assert "*" in view.current.guest.id_number_masked
    queue = view.waiting[0]
    assert (queue.service, queue.total) == ("KONSULTASI", 2)
    assert [w.number for w in queue.tickets] == ["K-001", "K-003"]
    assert all(w.minutes_waited >= 0 for w in queue.tickets)
    assert view.desk.name == "Meja Konsultasi 1"


def test_the_desk_view_long_polls_until_a_kiosk_issues_a_ticket(api_office: Office) -> None:
    first = api_office.officer.desk_view("1")
    answers: list[int] = []
    waiter = threading.Thread(target=lambda: answers.append(
        api_office.officer.desk_view("1", since=first.version, wait=20).waiting[0].total))
    waiter.start()

    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)

    waiter.join(25)
    assert answers == [1]


def test_a_note_on_the_visit_is_kept_and_cleared(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    called = api_office.officer.call_next("1")
    assert called is not None

    noted = api_office.officer.set_note(called.id, "  Perlu data kemiskinan 2020-2025  ")

    assert noted.note is not None and noted.note.text == "Perlu data kemiskinan 2020-2025"
    assert noted.note.author == "petugas1"
    view = api_office.officer.desk_view("1")
    assert view.current is not None and view.current.note is not None
    cleared = api_office.officer.set_note(called.id, "")
    assert cleared.note is not None and cleared.note.text == ""


def test_a_long_note_is_refused_naming_the_field(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    called = api_office.officer.call_next("1")
    assert called is not None

    with pytest.raises(ApiError) as caught:
        api_office.officer.set_note(called.id, "x" * 1001)

    assert caught.value.status == 422
    assert caught.value.field_errors[0]["field"] == "text"
    assert caught.value.code == "too_long"


def test_a_note_with_a_lone_surrogate_is_refused(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    called = api_office.officer.call_next("1")
    assert called is not None

    response = api_office.web.request(
        "PUT", f"{api_office.url}/api/v1/tickets/{called.id}/note", content=b'{"text": "\\ud800"}',
        headers={"Authorization": f"Bearer {api_office.officer.token}",
                 "Content-Type": "application/json"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "text"


def test_a_note_on_an_unknown_ticket_is_404(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.officer.set_note(999, "catatan")
    assert caught.value.status == 404 and caught.value.code == "ticket_not_found"


def test_follow_up_is_due_after_cuti_bersama_christmas_and_the_weekend(
    christmas_office: Office,
) -> None:
    office = christmas_office
    office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    called = office.officer.call_next("1")
    assert called is not None

    follow_up = office.officer.mark_follow_up(called.id, "Kirim tabel kemiskinan per kecamatan")

    assert follow_up.visit_day.isoformat() == "2026-12-23"
    assert follow_up.due_on.isoformat() == "2026-12-28"  # Monday
    assert not follow_up.overdue and follow_up.open
    assert follow_up.visitor_name == VISITOR["name"]
    listed = office.officer.follow_ups()
    assert [f.number for f in listed] == [called.number]
    with pytest.raises(ApiError) as again:
        office.officer.mark_follow_up(called.id)
    assert again.value.status == 409 and again.value.code == "follow_up_exists"


def test_an_open_follow_up_becomes_overdue_after_its_day(christmas_office: Office) -> None:
    office = christmas_office
    office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    called = office.officer.call_next("1")
    assert called is not None
    office.officer.finish(called.id)
    office.officer.mark_follow_up(called.id)
    assert office.clock is not None
    office.clock.set(datetime.fromisoformat("2026-12-28T15:00:00+08:00"))  # due today
    officer = office.client()
    officer.login(*OFFICER)  # a new working day, a new session
    assert not officer.follow_ups()[0].overdue

    office.clock.set(datetime.fromisoformat("2026-12-29T08:30:00+08:00"))
    officer.login(*OFFICER)

    (late,) = officer.follow_ups()
    assert late.overdue
    assert officer.desk_view("1").follow_ups_overdue == 1
    with pytest.raises(ApiError) as empty:
        officer.close_follow_up(late.id, "   ")
    assert empty.value.status == 422 and empty.value.field_errors[0]["field"] == "note"
    closed = officer.close_follow_up(late.id, "Tabel dikirim lewat email")
    assert not closed.open and closed.closed_by == "petugas1"
    assert officer.follow_ups() == []
    assert [f.closing_note for f in officer.follow_ups("closed")] == [
        "Tabel dikirim lewat email"]
    with pytest.raises(ApiError) as twice:
        officer.close_follow_up(late.id, "lagi")
    assert twice.value.status == 409


def test_a_session_ends_with_its_working_day(api_office: Office) -> None:
    api_office.officer.tickets()
    assert api_office.clock is not None
    api_office.clock.advance(hours=11, minutes=59)
    api_office.officer.tickets()

    api_office.clock.advance(minutes=1)

    with pytest.raises(ApiError) as caught:
        api_office.officer.tickets()
    assert caught.value.status == 401


def test_a_waiting_visitor_cannot_be_marked_for_follow_up(api_office: Office) -> None:
    ticket = api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    with pytest.raises(ApiError) as caught:
        api_office.officer.mark_follow_up(ticket.id)
    assert caught.value.status == 409 and caught.value.code == "not_served_yet"


def test_the_guest_book_searches_name_and_institution(api_office: Office) -> None:
    api_office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    api_office.kiosk.take_ticket("KONSULTASI", visitor(2, institution="Bappeda Boalemo"),
                                 consent=True)

    assert len(api_office.officer.guest_book()) == 2
    assert [v.guest.name for v in api_office.officer.guest_book(search="siti")  # type: ignore[union-attr]
            ] == [VISITOR["name"]]
    assert [v.number for v in api_office.officer.guest_book(search="BAPPEDA")] == ["K-002"]
    assert api_office.officer.guest_book(search="tidak ada") == []


def test_the_guest_book_answers_a_page_at_a_time(api_office: Office) -> None:
    """A long range never comes back whole: at most 200 visits an answer; the pages together
    are every visit once, in issue order, with or without a search."""
    for n in range(1, 206):
        api_office.kiosk.take_ticket("KONSULTASI", visitor(n), consent=True)
    everyone = [f"K-{n:03d}" for n in range(1, 206)]

    assert [v.number for v in api_office.officer.guest_book()] == everyone[:200]
    with pytest.raises(ApiError) as caught:
        api_office.officer.guest_book(limit=201)
    assert caught.value.status == 422
    [error] = caught.value.detail
    assert error["field"] == "limit" and "200" in error["message_en"]
    paged = [v.number for offset in range(0, 300, 100)
             for v in api_office.officer.guest_book(limit=100, offset=offset)]
    assert paged == everyone
    searched = [v.number for offset in range(0, 300, 60)
                for v in api_office.officer.guest_book(search="pengunjung", limit=60,
                                                       offset=offset)]
    assert searched == everyone


def _csv(office: Office, query: str, token: str | None) -> Any:
    return office.web.get(f"{office.url}/api/v1/guest-book.csv?{query}", timeout=10,
                        headers={"Authorization": f"Bearer {token}"})


def test_csv_export_of_a_date_range_masks_identity_numbers(christmas_office: Office) -> None:
    office = christmas_office
    office.kiosk.take_ticket("KONSULTASI", VISITOR, consent=True)
    office.kiosk.take_ticket("KONSULTASI", visitor(2, purpose="=HYPERLINK(\"http://x\")"),
                             consent=True)
    called = office.officer.call_next("1")
    assert called is not None
    office.officer.set_note(called.id, "Catatan petugas")
    office.officer.transfer(called.id, "PERPUSTAKAAN")

    response = _csv(office, "from=2026-12-01&to=2026-12-31", office.officer.token)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="buku-tamu_2026-12-01_2026-12-31.csv"' in response.headers[
        "content-disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["nomor"] for r in rows] == ["K-001", "K-002", "P-001"]
    assert rows[0]["nomor_identitas"] == "7502********0001"
    assert VISITOR["id_number"] not in text
    assert rows[0]["catatan"] == "Catatan petugas"
    assert rows[0]["status"] == "selesai" and rows[2]["layanan"] == "Perpustakaan"
    assert rows[2]["nama"] == VISITOR["name"]  # the referral keeps the guest-book entry
    assert rows[1]["keperluan"].startswith("'=")
    assert rows[0]["tanggal"] == "2026-12-23"
    empty = _csv(office, "from=2026-11-01&to=2026-11-30", office.officer.token)
    assert len(list(csv.reader(io.StringIO(empty.content.decode("utf-8-sig"))))) == 1


@pytest.mark.parametrize(("query", "code"), [
    ("from=2026-12-31&to=2026-12-01", "range_reversed"),
    ("from=2025-01-01&to=2026-12-31", "range_too_long"),
    ("from=kemarin", "date_from_datetime_parsing"),
])
def test_csv_export_refuses_a_bad_range(api_office: Office, query: str, code: str) -> None:
    response = _csv(api_office, query, api_office.officer.token)
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == code


def test_setup_tells_the_console_the_desks_services_and_who_is_logged_in(
    api_office: Office,
) -> None:
    answer = api_office.web.get(f"{api_office.url}/api/v1/console/setup", timeout=10,
                          headers={"Authorization": f"Bearer {api_office.officer.token}"}).json()
    assert answer["me"]["username"] == "petugas1" and answer["me"]["role"] == "officer"
    assert [d["id"] for d in answer["desks"]] == ["1", "2"]
    assert answer["office"] == "PST BPS Kabupaten Boalemo"


def test_an_unknown_desk_is_404(api_office: Office) -> None:
    with pytest.raises(ApiError) as caught:
        api_office.officer.desk_view("9")
    assert caught.value.status == 404 and caught.value.code == "desk_not_found"
