"""The board's state: what it shows, what it highlights, what it announces, offline or not."""

from __future__ import annotations

from display.board import Announcement, Board, CallLine, DeskPanel, WaitingLine
from tests.support.display.fakes import Office


def said(announcements: list[Announcement]) -> list[tuple[str, str, bool]]:
    return [(a.number, a.desk, a.recall) for a in announcements]


def test_before_the_first_answer_the_board_is_empty() -> None:
    view = Board().view(now=0)
    assert not view.connected and view.latest is None and view.desks == ()


def test_first_state_fills_the_board_and_announces_nothing() -> None:
    office = Office()
    office.call("K-001", "1")
    office.call("K-002", "2")
    board = Board()
    board.services_known({"KONSULTASI": "Konsultasi Statistik"})
    assert board.update(office.state(), now=0) == []
    view = board.view(now=0)
    assert view.latest == CallLine("K-002", "Meja Konsultasi 2", False)
    assert not view.highlighted
    assert view.desks == (DeskPanel("Meja Konsultasi 1", "K-001"),
                          DeskPanel("Meja Konsultasi 2", "K-002"))
    assert view.recent == (CallLine("K-001", "Meja Konsultasi 1", False),)
    assert view.waiting == (WaitingLine("Konsultasi Statistik", 3),)


def test_a_new_call_is_announced_and_highlighted_for_a_while() -> None:
    office, board = Office(), Board(highlight_seconds=8)
    board.update(office.state(), now=0)
    office.call("K-001", "1")
    assert said(board.update(office.state(), now=100)) == [("K-001", "1", False)]
    assert board.view(now=107.9).highlighted
    assert board.highlight_ends(now=100) == 108
    assert not board.view(now=108).highlighted
    assert board.highlight_ends(now=108) is None


def test_the_same_state_again_announces_nothing() -> None:
    office, board = Office(), Board()
    board.update(office.state(), now=0)
    office.call("K-001", "1")
    board.update(office.state(), now=1)
    assert board.update(office.state(), now=2) == []


def test_a_recall_is_announced_again_and_highlighted_again() -> None:
    office, board = Office(), Board(highlight_seconds=5)
    board.update(office.state(), now=0)
    office.call("K-001", "1")
    board.update(office.state(), now=10)
    office.call("K-001", "1", recall=True)
    assert said(board.update(office.state(), now=30)) == [("K-001", "1", True)]
    assert board.view(now=34).highlighted
    view = board.view(now=34)
    assert view.latest == CallLine("K-001", "Meja Konsultasi 1", True)
    assert view.recent == ()  # one ticket: shown once, big


def test_two_desks_calling_at_once_are_announced_oldest_first() -> None:
    office, board = Office(), Board()
    board.update(office.state(), now=0)
    office.call("K-001", "1")
    office.call("K-002", "2")
    assert said(board.update(office.state(), now=1)) == [("K-001", "1", False),
                                                         ("K-002", "2", False)]


def test_back_online_announces_what_is_still_current_once() -> None:
    office, board = Office(), Board()
    office.call("K-001", "1")
    board.update(office.state(), now=0)
    board.went_offline()
    assert board.view(now=1).offline
    assert board.view(now=1).latest == CallLine("K-001", "Meja Konsultasi 1", False)  # kept
    # meanwhile: desk 1 serves two more visitors, desk 2 calls one and finishes
    office.finish("1")
    office.call("K-002", "1")
    office.finish("1")
    office.call("K-003", "2")
    office.finish("2")
    office.call("K-004", "1")
    assert said(board.update(office.state(), now=50)) == [("K-004", "1", False)]
    view = board.view(now=50)
    assert not view.offline
    assert view.latest is not None and view.latest.number == "K-004"
    board.went_offline()
    assert board.update(office.state(), now=60) == []  # reconnect again: nothing twice


def test_a_call_already_finished_is_not_announced() -> None:
    office, board = Office(), Board()
    board.update(office.state(), now=0)
    office.call("K-001", "1")
    office.finish("1")
    assert board.update(office.state(), now=1) == []


def test_recent_calls_show_each_ticket_once_up_to_the_limit() -> None:
    office, board = Office(), Board(recent_calls=5)
    office.waiting = 20
    for n in range(1, 10):
        office.finish("1")
        office.call(f"K-{n:03d}", "1")
        if n == 4:
            office.call("K-004", "1", recall=True)
    board.update(office.state(), now=0)
    view = board.view(now=0)
    assert view.latest is not None and view.latest.number == "K-009"
    assert [line.number for line in view.recent] == ["K-008", "K-007", "K-006", "K-005", "K-004"]


def test_no_personal_data_can_reach_the_view() -> None:
    # The view's fields are numbers, desk and service names, counts: nothing else exists.
    fields = {name for cls in (CallLine, DeskPanel, WaitingLine)
              for name in cls.__dataclass_fields__}
    assert fields == {"number", "desk_name", "recall", "name", "current", "service", "count"}
