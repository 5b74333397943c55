"""Complaints: filed by a visitor, handled by the admin: new -> in progress -> closed."""

from __future__ import annotations

import pytest

from shared.complaints import ComplaintStatus
from shared.errors import IllegalTransition, InvalidInput, NotFound
from shared.feedback import FeedbackOffice
from shared.office import QueueOffice
from tests.support.fakes import FakeClock, make_visitor

TEXT = "Antrian terlalu lama, AC ruang tunggu mati."


def test_a_complaint_is_new_with_optional_contact_and_ticket(
    office: QueueOffice, feedback: FeedbackOffice
) -> None:
    ticket = office.issue_ticket("KONSULTASI", make_visitor(1), True).ticket
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
