"""Announcements take turns: never two at once, none dropped, in the order of the calls."""

from __future__ import annotations

from display.announcer import Announcer
from display.board import Announcement
from tests.support.display.fakes import RecordingPlayer

K1 = Announcement("K-001", "1", "Meja Konsultasi 1", False)
K2 = Announcement("K-002", "2", "Meja Konsultasi 2", False)
K1_AGAIN = Announcement("K-001", "1", "Meja Konsultasi 1", True)


def test_a_call_during_an_announcement_waits_its_turn() -> None:
    player = RecordingPlayer()
    announcer = Announcer(player)
    announcer.announce([K1])
    announcer.announce([K2, K1_AGAIN])
    assert player.started == [K1]  # nothing overlaps
    assert announcer.waiting == 2
    player.finish()
    assert player.started == [K1, K2]
    player.finish()
    player.finish()
    assert player.started == [K1, K2, K1_AGAIN]
    assert list(announcer.said) == [K1, K2, K1_AGAIN]
    assert announcer.playing is None and announcer.waiting == 0


def test_after_a_quiet_spell_the_next_call_plays_at_once() -> None:
    player = RecordingPlayer()
    announcer = Announcer(player)
    announcer.announce([K1])
    player.finish()
    announcer.announce([K2])
    assert player.started == [K1, K2]


def test_a_late_second_done_does_not_skip_anything() -> None:
    player = RecordingPlayer()
    announcer = Announcer(player)
    announcer.announce([K1, K2])
    first_done = player.pending[0]
    player.finish()
    first_done()  # the player reports the end of K1 twice
    assert player.started == [K1, K2] and announcer.playing == K2


def test_muted_says_nothing() -> None:
    player = RecordingPlayer()
    Announcer(player, muted=True).announce([K1])
    assert player.started == []
