"""A ticket's life and a follow-up's, as plain values: what each refusal says, word for word
(an officer reads it on the console, in Indonesian or English)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from shared.core.errors import IllegalTransition
from shared.core.queue.model import FollowUp, Ticket, TicketStatus, ticket_number

AT = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
WAITING = Ticket(service="KONSULTASI", day=date(2026, 11, 30), sequence=7, number="K-007",
                 token="t", issued_at=AT, id=7)
CALLED = replace(WAITING, status=TicketStatus.CALLED, desk="1", called_at=AT)
DONE = replace(CALLED, status=TicketStatus.DONE, finished_at=AT)
NO_SHOW = replace(CALLED, status=TicketStatus.NO_SHOW, finished_at=AT)
EXPIRED = replace(WAITING, status=TicketStatus.EXPIRED, finished_at=AT)

ACTIONS: dict[str, Callable[[Ticket], object]] = {
    "call": lambda t: t.call("2", AT),
    "recall": lambda t: t.recall(),
    "finish": lambda t: t.finish(AT),
    "no_show": lambda t: t.no_show(AT),
    "expire": lambda t: t.expire(AT),
    "transfer": lambda t: t.check_transferable(),
}


@pytest.mark.parametrize(("ticket", "action", "message_id", "message_en"), [
    (CALLED, "call", "Tiket K-007 berstatus dipanggil: tidak dapat dipanggil.",
     "Ticket K-007 is called: it cannot be called."),
    (WAITING, "recall", "Tiket K-007 berstatus menunggu: tidak dapat dipanggil ulang.",
     "Ticket K-007 is waiting: it cannot be recalled."),
    (WAITING, "finish", "Tiket K-007 berstatus menunggu: tidak dapat diselesaikan.",
     "Ticket K-007 is waiting: it cannot be finished."),
    (DONE, "no_show", "Tiket K-007 berstatus selesai: tidak dapat ditandai tidak hadir.",
     "Ticket K-007 is done: it cannot be marked as no-show."),
    (NO_SHOW, "expire", "Tiket K-007 berstatus tidak hadir: tidak dapat ditutup.",
     "Ticket K-007 is no show: it cannot be closed."),
    (EXPIRED, "transfer",
     "Tiket K-007 berstatus ditutup di akhir hari: tidak dapat dirujuk ke layanan lain.",
     "Ticket K-007 is expired: it cannot be referred to another service."),
])
def test_a_refused_transition_says_which_ticket_what_state_and_what_cannot_be_done(
    ticket: Ticket, action: str, message_id: str, message_en: str
) -> None:
    with pytest.raises(IllegalTransition) as refused:
        ACTIONS[action](ticket)

    error = refused.value
    assert (error.code, error.field) == ("illegal_transition", "status")
    assert (error.message_id, error.message_en) == (message_id, message_en)
    assert error.message("en") == message_en and error.message() == message_id


@pytest.mark.parametrize(("ticket", "allowed"), [
    (WAITING, {"call", "expire"}),
    (CALLED, {"recall", "finish", "no_show", "expire", "transfer"}),
    (DONE, set()),
    (NO_SHOW, set()),
    (EXPIRED, set()),
])
def test_each_state_allows_exactly_its_transitions(ticket: Ticket, allowed: set[str]) -> None:
    for action, do in ACTIONS.items():
        if action in allowed:
            do(ticket)
        else:
            with pytest.raises(IllegalTransition):
                do(ticket)


def test_each_transition_returns_the_changed_ticket_and_leaves_the_old_one() -> None:
    later = datetime(2026, 11, 30, 2, 30, tzinfo=UTC)

    called = WAITING.call("2", later)
    assert (called.status, called.desk, called.called_at) == (TicketStatus.CALLED, "2", later)
    assert called.recall().recall().recalls == 2
    assert (CALLED.finish(later, transferred_to=9).status, CALLED.finish(later).finished_at) == (
        TicketStatus.DONE, later)
    assert CALLED.finish(later, transferred_to=9).transferred_to == 9
    assert (CALLED.no_show(later).status, CALLED.no_show(later).finished_at) == (
        TicketStatus.NO_SHOW, later)
    assert (WAITING.expire(later).status, WAITING.expire(later).finished_at) == (
        TicketStatus.EXPIRED, later)
    assert (CALLED.expire(later).status, CALLED.expire(later).desk) == (TicketStatus.EXPIRED, "1")
    assert WAITING.status is TicketStatus.WAITING and CALLED.recalls == 0


def test_service_minutes_only_for_a_finished_visit() -> None:
    done = CALLED.finish(datetime(2026, 11, 30, 2, 12, 30, tzinfo=UTC))

    assert done.service_minutes == 12.5
    assert CALLED.service_minutes is None
    assert CALLED.no_show(datetime(2026, 11, 30, 2, 30, tzinfo=UTC)).service_minutes is None


def test_ticket_numbers_have_three_digits_at_least() -> None:
    assert [ticket_number("K", n) for n in (1, 42, 999, 1000)] == [
        "K-001", "K-042", "K-999", "K-1000"]


FOLLOW_UP = FollowUp(ticket_id=7, due_on=date(2026, 12, 1), opened_by="petugas1", opened_at=AT,
                     note="Kirim tabel kemiskinan per kecamatan", id=3)


def test_a_follow_up_is_overdue_only_after_its_day_and_while_open() -> None:
    closed = FOLLOW_UP.close(AT, "petugas2", "Dikirim lewat email")

    assert FOLLOW_UP.open and not closed.open
    assert [FOLLOW_UP.overdue(date(2026, 12, d)) for d in (1, 2)] == [False, True]
    assert closed.overdue(date(2026, 12, 2)) is False
    assert (closed.closed_at, closed.closed_by, closed.closing_note) == (
        AT, "petugas2", "Dikirim lewat email")
    assert closed.note == FOLLOW_UP.note


def test_a_closed_follow_up_cannot_be_closed_again() -> None:
    closed = FOLLOW_UP.close(AT, "petugas2", "Selesai")

    with pytest.raises(IllegalTransition) as refused:
        closed.close(AT, "petugas1", "lagi")

    error = refused.value
    assert (error.code, error.field) == ("follow_up_closed", "follow_up")
    assert (error.message_id, error.message_en) == (
        "Tindak lanjut ini sudah ditutup.", "This follow-up is already closed.")
