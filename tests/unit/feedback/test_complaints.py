"""Complaints: filed by a visitor, handled by the admin: new -> in progress -> closed."""

from __future__ import annotations

import pytest

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import DomainError, IllegalTransition, InvalidInput, NotFound, Throttled
from shared.core.feedback.complaints import ComplaintStatus
from shared.core.feedback.use_cases import FeedbackOffice
from shared.core.ports.feedback import FeedbackStore
from shared.core.queue.office import QueueOffice
from shared.core.settings import Feedback, Settings
from tests.support.fakes import FakeClock, make_visitor

TEXT = "Antrian terlalu lama, AC ruang tunggu mati."


def test_a_complaint_is_new_with_optional_contact_and_ticket(
    queue_office: QueueOffice, feedback: FeedbackOffice
) -> None:
    ticket = queue_office.issue_ticket("KONSULTASI", make_visitor(1), True).ticket
    filed = feedback.file_complaint(f"  {TEXT}  ", "Warga@Example.com ", "0812-3456-7890",
                                    ticket_id=ticket.id)
    assert filed.status is ComplaintStatus.NEW
    assert (filed.text, filed.contact_email, filed.contact_phone, filed.ticket_id) == (
        TEXT, "warga@example.com", "081234567890", ticket.id)
    anonymous = feedback.file_complaint(TEXT, channel="phone", token=ticket.token)
    assert anonymous.contact_email is None and anonymous.ticket_id == ticket.id
    assert [c.id for c in feedback.complaints()] == [anonymous.id, filed.id]


@pytest.mark.parametrize(("text", "email", "phone", "fields"), [
    ("", None, None, ["text"]),
    ("   ", None, None, ["text"]),
    ("buruk", None, None, ["text"]),
    ("x" * 2001, None, None, ["text"]),
    (TEXT, "bukan-email", None, ["contact_email"]),
    (TEXT, None, "12ab", ["contact_phone"]),
    (None, "a@b", "1", ["text", "contact_email", "contact_phone"]),
])
def test_bad_complaints_name_each_field(
    feedback: FeedbackOffice, text: object, email: object, phone: object, fields: list[str]
) -> None:
    with pytest.raises(InvalidInput) as bad:
        feedback.file_complaint(text, email, phone)
    assert [e.field for e in bad.value.errors] == fields
    assert feedback.complaints() == []


def test_complaint_about_an_unknown_ticket_is_not_found(feedback: FeedbackOffice) -> None:
    with pytest.raises(NotFound):
        feedback.file_complaint(TEXT, ticket_id=404)


def test_lifecycle_with_reply_filter_and_open_count(
    feedback: FeedbackOffice, clock: FakeClock
) -> None:
    first = feedback.file_complaint(TEXT)
    second = feedback.file_complaint("Petugas kurang ramah saat melayani.")
    assert first.id is not None and second.id is not None
    assert feedback.open_complaints() == 2
    clock.advance(hours=1)
    taken = feedback.update_complaint(first.id, ComplaintStatus.IN_PROGRESS,
                                      "Teknisi AC sudah dihubungi.", "kepala")
    assert taken.reply == "Teknisi AC sudah dihubungi." and taken.updated_by == "kepala"
    closed = feedback.update_complaint(first.id, ComplaintStatus.CLOSED, None, "kepala")
    assert closed.reply == "Teknisi AC sudah dihubungi."  # kept when no new reply
    assert feedback.open_complaints() == 1
    assert [c.id for c in feedback.complaints(ComplaintStatus.CLOSED)] == [first.id]
    assert [c.id for c in feedback.complaints(ComplaintStatus.NEW)] == [second.id]
    assert feedback.complaint_counts() == {
        ComplaintStatus.NEW: 1, ComplaintStatus.IN_PROGRESS: 0, ComplaintStatus.CLOSED: 1}
    with pytest.raises(IllegalTransition) as back:
        feedback.update_complaint(first.id, ComplaintStatus.NEW, None, "kepala")
    assert "selesai" in back.value.message_id and "closed" in back.value.message_en
    reopened = feedback.update_complaint(first.id, ComplaintStatus.IN_PROGRESS, "Dibuka lagi",
                                         "kepala")
    assert reopened.status is ComplaintStatus.IN_PROGRESS
    assert feedback.open_complaints() == 2


def test_updating_an_unknown_complaint_is_not_found(feedback: FeedbackOffice) -> None:
    with pytest.raises(NotFound):
        feedback.update_complaint(7, ComplaintStatus.CLOSED, None, "kepala")


# --- floods (issue 17, item 4) ------------------------------------------------------------


def _token(office: QueueOffice, serial: int = 1) -> str:
    return office.issue_ticket("KONSULTASI", make_visitor(serial), True).ticket.token


def test_a_status_token_files_three_complaints_a_day(
    queue_office: QueueOffice, feedback: FeedbackOffice, clock: FakeClock
) -> None:
    token, other = _token(queue_office, 1), _token(queue_office, 2)
    for _ in range(3):
        feedback.file_complaint(TEXT, channel="phone", token=token)
        clock.advance(hours=1)
    with pytest.raises(Throttled) as refused:
        feedback.file_complaint(TEXT, channel="phone", token=token)
    # the first of the three is 3 h old: one more may come when it is 24 h old
    assert refused.value.retry_after == 21 * 3600
    assert refused.value.code == "too_many_complaints"
    assert "3 pengaduan" in refused.value.message_id and "21 hours" in refused.value.message_en
    feedback.file_complaint(TEXT, channel="phone", token=other)  # another ticket may
    feedback.file_complaint(TEXT)  # and the kiosk
    assert len(feedback.complaints()) == 5
    clock.advance(hours=21)
    feedback.file_complaint(TEXT, channel="phone", token=token)
    with pytest.raises(Throttled):
        feedback.file_complaint(TEXT, channel="phone", token=token)
    assert len(feedback.complaints()) == 6


def test_a_status_token_stops_taking_complaints_after_complaint_days(
    queue_office: QueueOffice, feedback: FeedbackOffice, clock: FakeClock
) -> None:
    token = _token(queue_office)
    clock.advance(days=feedback.settings.feedback.complaint_days)
    feedback.file_complaint(TEXT, channel="phone", token=token)  # the last day
    clock.advance(days=1)
    with pytest.raises(DomainError) as closed:
        feedback.file_complaint(TEXT, channel="phone", token=token)
    assert closed.value.code == "complaint_closed" and closed.value.status == "conflict"
    assert "30 hari" in closed.value.message_id
    assert "s.bps.go.id/pengaduan_gorontalo" in closed.value.message_en
    assert len(feedback.complaints()) == 1


def test_a_kiosk_files_ten_at_once_then_one_every_two_minutes(
    feedback: FeedbackOffice, clock: FakeClock
) -> None:
    for _ in range(10):
        feedback.file_complaint(TEXT, kiosk="device-1")
    with pytest.raises(Throttled) as refused:
        feedback.file_complaint(TEXT, kiosk="device-1")
    assert refused.value.retry_after == 120
    assert "Terlalu banyak pengaduan" in refused.value.message_id
    feedback.file_complaint(TEXT, kiosk="device-2")  # another kiosk may
    clock.advance(seconds=120)
    feedback.file_complaint(TEXT, kiosk="device-1")
    with pytest.raises(Throttled):
        feedback.file_complaint(TEXT, kiosk="device-1")
    assert len(feedback.complaints()) == 12


def test_phone_complaints_from_one_address_are_limited_across_tokens(
    queue_office: QueueOffice, feedback: FeedbackOffice
) -> None:
    tokens = [_token(queue_office, n) for n in range(1, 13)]
    for token in tokens[:10]:
        feedback.file_complaint(TEXT, channel="phone", token=token, address="10.0.0.7")
    with pytest.raises(Throttled) as refused:
        feedback.file_complaint(TEXT, channel="phone", token=tokens[10], address="10.0.0.7")
    assert refused.value.retry_after == 300
    feedback.file_complaint(TEXT, channel="phone", token=tokens[11], address="10.0.0.8")
    assert len(feedback.complaints()) == 11


def test_complaint_days_comes_from_the_settings(
    queue_office: QueueOffice, store: FeedbackStore, settings: Settings, clock: FakeClock
) -> None:
    same_day = settings.model_copy(update={"feedback": Feedback(complaint_days=0)})
    feedback = FeedbackOffice(store, same_day, OfficeCalendar(same_day, clock))
    token = _token(queue_office)
    feedback.file_complaint(TEXT, channel="phone", token=token)
    clock.advance(days=1)
    with pytest.raises(DomainError) as closed:
        feedback.file_complaint(TEXT, channel="phone", token=token)
    assert "0 hari" in closed.value.message_id
