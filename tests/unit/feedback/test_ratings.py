"""Rating a finished visit: once, only when finished, only within the configured days."""

from __future__ import annotations

import pytest

from shared.core.errors import DomainError, InvalidInput, NotFound, Throttled
from shared.core.feedback.reports import OfficeReports
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.queue.model import Ticket
from shared.core.queue.office import QueueOffice
from tests.support.fakes import FakeClock, make_visitor


def served(office: QueueOffice, serial: int = 1, desk: str = "1") -> Ticket:
    ticket = office.issue_ticket("KONSULTASI", make_visitor(serial), True).ticket
    called = office.call_next(desk)
    assert called.id == ticket.id and ticket.id is not None
    return office.finish(ticket.id)


def test_a_finished_visit_is_rated_with_faces_skm_and_comment(
    office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports
) -> None:
    ticket = served(office)
    assert ticket.id is not None
    rating = feedback.rate(ticket.id, 4, [4, 3, 4, 4, 3, 4, 4, 3, 3], "  Petugas  ramah ",
                           "kiosk", rating_code=ticket.rating_code)
    assert (rating.overall, rating.skm, rating.comment) == (4, (4, 3, 4, 4, 3, 4, 4, 3, 3),
                                                            "Petugas ramah")
    day = ticket.day
    index = reports.satisfaction(day, day)
    assert index.respondents == 1
    assert [float(e.mean) for e in index.elements][:3] == [4.0, 3.0, 4.0]


def test_faces_only_counts_as_a_rating_but_not_as_an_skm_respondent(
    office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports
) -> None:
    ticket = served(office)
    assert ticket.id is not None
    feedback.rate(ticket.id, 2, None, None, "kiosk",
                  rating_code=ticket.rating_code)
    assert reports.satisfaction(ticket.day, ticket.day).respondents == 0
    assert reports.report(ticket.day, ticket.day).faces == (0, 1, 0, 0)


def test_a_second_rating_is_refused_with_a_clear_message(
    office: QueueOffice, feedback: FeedbackOffice, reports: OfficeReports
) -> None:
    ticket = served(office)
    assert ticket.id is not None
    feedback.rate(ticket.id, 3, None, None, "kiosk",
                  rating_code=ticket.rating_code)
    with pytest.raises(DomainError) as refused:
        feedback.rate(ticket.id, 1, None, "again", "phone", token=ticket.token)
    assert refused.value.code == "already_rated" and refused.value.status == "conflict"
    assert "K-001 sudah dinilai" in refused.value.message_id
    assert "rated already" in refused.value.message_en
    assert reports.report(ticket.day, ticket.day).faces == (0, 0, 1, 0)


def test_an_unfinished_ticket_cannot_be_rated(
    office: QueueOffice, feedback: FeedbackOffice
) -> None:
    waiting = office.issue_ticket("KONSULTASI", make_visitor(1), True).ticket
    assert waiting.id is not None
    with pytest.raises(DomainError) as refused:
        feedback.rate(waiting.id, 4, None, None, "kiosk",
                      rating_code=waiting.rating_code)
    assert refused.value.code == "not_finished"
    assert "belum selesai" in refused.value.message_id
    office.call_next("1")
    with pytest.raises(DomainError):
        feedback.rate(waiting.id, 4, None, None, "kiosk",
                      rating_code=waiting.rating_code)
    office.no_show(waiting.id)
    with pytest.raises(DomainError) as no_show:
        feedback.rate(waiting.id, 4, None, None, "kiosk",
                      rating_code=waiting.rating_code)
    assert no_show.value.code == "not_finished"


def test_rating_window_is_the_configured_days(
    office: QueueOffice, feedback: FeedbackOffice, clock: FakeClock
) -> None:
    assert feedback.settings.feedback.rating_days == 7
    first, second = served(office, 1), served(office, 2)
    assert first.id is not None and second.id is not None
    clock.advance(days=7)
    feedback.rate(first.id, 4, None, None, "phone", token=first.token)
    clock.advance(days=1)
    with pytest.raises(DomainError) as late:
        feedback.rate(second.id, 4, None, None, "phone", token=second.token)
    assert late.value.code == "rating_closed"
    assert "7 hari" in late.value.message_id


@pytest.mark.parametrize(("overall", "skm", "comment", "fields"), [
    (0, None, None, ["overall"]),
    (5, None, None, ["overall"]),
    ("4", None, None, ["overall"]),
    (True, None, None, ["overall"]),
    (4, [4] * 8, None, ["skm"]),
    (4, [4, 4, 4, 4, 0, 4, 4, 4, 9], None, ["skm.4", "skm.8"]),
    (4, None, "x" * 1001, ["comment"]),
    (9, [4] * 10, "ok", ["overall", "skm"]),
])
def test_bad_values_name_each_field(
    office: QueueOffice, feedback: FeedbackOffice, overall: object, skm: object,
    comment: object, fields: list[str]
) -> None:
    ticket = served(office)
    assert ticket.id is not None
    with pytest.raises(InvalidInput) as bad:
        feedback.rate(ticket.id, overall, skm, comment, "kiosk",
                      rating_code=ticket.rating_code)
    assert [e.field for e in bad.value.errors] == fields
    feedback.rate(ticket.id, 4, None, None, "kiosk",
                  rating_code=ticket.rating_code)  # nothing was stored by the bad ones


def test_a_status_page_token_rates_only_its_own_ticket(
    office: QueueOffice, feedback: FeedbackOffice
) -> None:
    mine, other = served(office, 1), served(office, 2)
    assert mine.id is not None and other.id is not None
    with pytest.raises(NotFound):
        feedback.rate(other.id, 4, None, None, "phone", token=mine.token)
    with pytest.raises(NotFound):
        feedback.rate(None, 4, None, None, "phone", token="no-such-token")
    rating = feedback.rate(None, 4, None, None, "phone", token=mine.token)
    assert rating.ticket_id == mine.id
    assert feedback.rating_of_token(mine.token) == rating
    assert feedback.rating_of_token(other.token) is None


def test_unknown_ticket_is_not_found(feedback: FeedbackOffice) -> None:
    with pytest.raises(NotFound) as missing:
        feedback.rate(999, 4, None, None, "kiosk")
    assert missing.value.field == "ticket_id"


def test_rateable_lists_todays_unrated_finished_numbers_latest_first(
    office: QueueOffice, feedback: FeedbackOffice, clock: FakeClock
) -> None:
    first = served(office, 1, desk="1")
    clock.advance(minutes=5)
    second = served(office, 2, desk="2")
    office.issue_ticket("KONSULTASI", make_visitor(3), True)  # still waiting
    assert [r.number for r in feedback.rateable()] == ["K-002", "K-001"]
    assert [r.number for r in feedback.rateable(desk="1")] == ["K-001"]
    assert second.id is not None and first.id is not None
    feedback.rate(second.id, 3, None, None, "desk", desk="2")
    assert [r.number for r in feedback.rateable()] == ["K-001"]
    clock.advance(days=1)
    assert feedback.rateable() == []


def _other_code(code: str) -> str:
    return f"{(int(code) + 1) % 10000:04d}"


def test_a_kiosk_rating_needs_the_code_printed_on_the_ticket(
    office: QueueOffice, feedback: FeedbackOffice
) -> None:
    ticket = served(office)
    assert ticket.id is not None and len(ticket.rating_code) == 4
    assert ticket.rating_code.isdigit()
    for code, reason in ((None, "rating_code_required"), ("", "rating_code_required"),
                         (_other_code(ticket.rating_code), "wrong_rating_code")):
        with pytest.raises(InvalidInput) as refused:
            feedback.rate(ticket.id, 4, None, None, "kiosk", rating_code=code, kiosk="k1")
        assert [(e.field, e.code) for e in refused.value.errors] == [("rating_code", reason)]
    assert "kode penilaian" in refused.value.message_id.lower()
    assert feedback.rating_of_token(ticket.token) is None  # nothing stored
    rating = feedback.rate(ticket.id, 4, None, None, "kiosk",
                           rating_code=ticket.rating_code, kiosk="k1")
    assert (rating.ticket_id, rating.channel) == (ticket.id, "kiosk")


def test_wrong_codes_are_limited_per_kiosk(
    office: QueueOffice, feedback: FeedbackOffice, clock: FakeClock
) -> None:
    ticket, other = served(office, 1), served(office, 2)
    assert ticket.id is not None and other.id is not None
    wrong = _other_code(ticket.rating_code)
    for _ in range(5):
        with pytest.raises(InvalidInput):
            feedback.rate(ticket.id, 4, None, None, "kiosk", rating_code=wrong, kiosk="k1")
    with pytest.raises(Throttled) as blocked:  # even the right code, for now
        feedback.rate(ticket.id, 4, None, None, "kiosk", rating_code=ticket.rating_code,
                      kiosk="k1")
    assert blocked.value.code == "too_many_wrong_codes" and blocked.value.retry_after == 60
    assert "60 detik" in blocked.value.message_id
    # another kiosk is not held back by this one
    feedback.rate(other.id, 3, None, None, "kiosk", rating_code=other.rating_code,
                  kiosk="k2")
    clock.advance(seconds=60)
    feedback.rate(ticket.id, 4, None, None, "kiosk", rating_code=ticket.rating_code,
                  kiosk="k1")
    assert feedback.rating_of_token(ticket.token) is not None


def test_a_desk_tablet_rates_only_the_ticket_its_desk_has_just_finished(
    office: QueueOffice, feedback: FeedbackOffice, clock: FakeClock
) -> None:
    first = served(office, 1, desk="1")
    clock.advance(minutes=5)
    second = served(office, 2, desk="1")
    third = served(office, 3, desk="2")
    assert first.id is not None and second.id is not None and third.id is not None
    for ticket, desk in ((first, "1"), (third, "1"), (second, "2")):
        assert ticket.id is not None
        with pytest.raises(DomainError) as refused:
            feedback.rate(ticket.id, 4, None, None, "kiosk", desk=desk, kiosk="tablet")
        assert refused.value.code == "not_desk_last"
    clock.advance(minutes=16)
    with pytest.raises(DomainError) as late:
        feedback.rate(second.id, 4, None, None, "kiosk", desk="1", kiosk="tablet")
    assert late.value.code == "not_desk_last"
    clock.advance(minutes=-2)
    rating = feedback.rate(second.id, 4, None, None, "kiosk", desk="1", kiosk="tablet")
    assert rating.ticket_id == second.id
