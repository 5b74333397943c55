"""Wires the waiting-room display: settings, the client, the board presenter, the voice, the
threads that follow the server and send the heartbeat, and the Kivy screen. Nothing else."""

from __future__ import annotations

import logging
import time
from concurrent.futures import wait as wait_futures
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kivy.app import App
from kivy.clock import Clock
from kivy.config import Config

from display.announcer import Announcer
from display.band_redraw import BandRedraw, is_software_renderer
from display.board import Board
from display.follower import (
    Event,
    Follower,
    OfficeKnown,
    ServicesKnown,
    StateArrived,
    WentOffline,
)
from display.heartbeat import Heartbeat
from display.office_text import running_text
from display.settings import DisplaySettings
from display.sound import MIXER_RATE, KivyVoice
from display.voice import ClipLibrary
from shared.api.client import QueueClient
from shared.core.calendar.words import clock_time, long_date

__all__ = ["run_display", "prepare_kivy", "DisplayApp"]

log = logging.getLogger(__name__)
DEFAULT_ZONE = "Asia/Makassar"
DEFAULT_OFFICE_NAME = "Pelayanan Statistik Terpadu"  # until the server names the office
TICKER_FPS = 30
PREPARE_AHEAD = 3  # newest calls of each state whose sound is made before it is announced
SOUND_WAIT_SECONDS = 0.2  # the longest a state waits for those sounds before it is shown
MESSAGE_SECONDS = 10.0  # each message, when the running text stands still


def prepare_kivy(size: tuple[int, int] | None, windowed: bool) -> None:
    """Settings Kivy reads once, before its window exists."""
    width, height = size or (1366, 768)
    # 30 frames a second is plenty for a board and its running text, and halves the work
    # of a PC that draws in software.
    Config.set("graphics", "maxfps", "30")
    Config.set("kivy", "log_level", "info")
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "fullscreen", "0" if windowed else "auto")
    Config.set("graphics", "resizable", "1" if windowed else "0")
    Config.set("kivy", "exit_on_escape", "1" if windowed else "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")


def _renderer() -> str:
    """The OpenGL renderer's name ("llvmpipe (LLVM 15.0.6, 256 bits)": Mesa, in software)."""
    from kivy.graphics.opengl import GL_RENDERER, glGetString

    name = glGetString(GL_RENDERER)
    return name.decode(errors="replace") if isinstance(name, bytes) else str(name)


def run_display(
    server: str,
    token: str | None,
    settings: DisplaySettings,
    size: tuple[int, int] | None,
    windowed: bool,
) -> int:
    prepare_kivy(size, windowed)
    DisplayApp(server, token, settings).run()
    return 0


class DisplayApp(App):  # type: ignore[misc]
    """The Kivy application; ``board``, ``announcer`` and ``screen`` are open to the tests."""

    title = "PST Antrian — Layar Antrian"

    def __init__(self, server: str, token: str | None, settings: DisplaySettings):
        super().__init__()
        self.settings = settings
        sound = settings.sound
        self.board = Board(settings.recent_calls, settings.highlight_seconds)
        self.voice = KivyVoice(ClipLibrary(sound.clips, rate=MIXER_RATE), sound.volume,
                               sound.repeat)
        self.announcer = Announcer(self.voice, muted=sound.mute)
        self.follower = Follower(QueueClient(server), self._from_follower)
        self.heartbeat = (
            Heartbeat(QueueClient(server, token), self._status, settings.heartbeat_seconds)
            if token else None
        )
        self._status_snapshot: dict[str, Any] = {"state": "starting"}
        self._desk_names: tuple[str, ...] = ()
        self._refresh_at: Any = None
        self.zone = ZoneInfo(settings.timezone or DEFAULT_ZONE)

    # --- Kivy -------------------------------------------------------------------------------

    def build(self) -> Any:
        from kivy.core.window import Window  # makes the window: only now

        from display.board_screen import BACKGROUND, BoardScreen
        from shared.gui.label_pixels import free_label_surfaces

        free_label_surfaces()

        logo = self.settings.logo
        self.screen = BoardScreen(
            office_name=self.settings.office_name or DEFAULT_OFFICE_NAME,
            logo=str(logo) if logo and logo.is_file() else "",
            recent_slots=self.settings.recent_calls,
        )
        self._messages: list[str] = list(self.settings.messages or ())
        self._message_index = 0
        self._ticker_at = 0.0
        self.band_redraw: BandRedraw | None = None
        if self.settings.running_text_speed > 0 and is_software_renderer(_renderer()):
            self.band_redraw = BandRedraw(Window, self.screen, self.screen.ids.ticker)
        self.screen.show(self.board.view(time.monotonic()))
        Window.clearcolor = BACKGROUND
        if Window.fullscreen:
            Window.show_cursor = False
        self._tick_clock()
        Clock.schedule_interval(self._tick_clock, 1.0)
        if self.settings.running_text_speed > 0:
            Clock.schedule_interval(self._move_ticker, 1.0 / TICKER_FPS)
        else:
            Clock.schedule_interval(self._next_message, MESSAGE_SECONDS)
        self._show_messages()
        return self.screen

    def on_start(self) -> None:
        self.voice.warm_up([])
        self.follower.start()
        if self.heartbeat:
            self.heartbeat.start()

    def on_stop(self) -> None:
        self.follower.stop()
        if self.heartbeat:
            self.heartbeat.stop()
        self.voice.close()

    # --- the queue --------------------------------------------------------------------------

    def _from_follower(self, event: Event) -> None:
        """Called on the follower's thread: hand the event to the main thread. The sound of
        the newest calls is made first (a few ms; at most ``SOUND_WAIT_SECONDS``), so that an
        announcement starts the moment the main thread applies the call, before it draws."""
        if isinstance(event, StateArrived) and not self.announcer.muted:
            asked = [self.voice.prepare(call.number, call.desk_name,
                                        (call.number, call.desk, call.called_at, call.recall))
                     for call in event.state.calls[:PREPARE_AHEAD]]
            wait_futures([f for f in asked if f is not None], timeout=SOUND_WAIT_SECONDS)
        Clock.schedule_once(lambda _dt: self.apply(event))

    def apply(self, event: Event) -> None:
        now = time.monotonic()
        if isinstance(event, StateArrived):
            announcements = self.board.update(event.state, now)
            names = tuple(d.name for d in event.state.desks)
            if names != self._desk_names:
                self._desk_names = names
                self.voice.warm_up(list(names))
            self.announcer.announce(announcements)
        elif isinstance(event, ServicesKnown):
            self.board.services_known(event.names)
        elif isinstance(event, OfficeKnown):
            self._office_known(event.office)
        elif isinstance(event, WentOffline):
            self.board.went_offline()
        self._show()

    def _office_known(self, office: Any) -> None:
        """What display.toml leaves unset comes from the server's ``GET /office``."""
        if self.settings.office_name is None:
            self.screen.office_name = office.name
        if self.settings.messages is None:
            self._messages = running_text(office)
            self._show_messages()
        if self.settings.timezone is None:
            try:
                self.zone = ZoneInfo(office.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                log.warning("display: unknown time zone %r from the server", office.timezone)
            self._tick_clock()

    def _show(self, *_: Any) -> None:
        now = time.monotonic()
        self.screen.show(self.board.view(now))
        ends = self.board.highlight_ends(now)
        if self._refresh_at is not None:
            self._refresh_at.cancel()
            self._refresh_at = None
        if ends is not None:  # redraw when the highlight is over
            self._refresh_at = Clock.schedule_once(self._show, ends - now + 0.05)
        self._status_snapshot = {
            "state": "offline" if self.board.offline else "ok",
            "board_version": self.board.version,
            "announcing": self.announcer.playing.number if self.announcer.playing else None,
            "announcements_waiting": self.announcer.waiting,
            "muted": self.announcer.muted,
        }

    def _status(self) -> dict[str, Any]:
        return dict(self._status_snapshot)  # read by the heartbeat thread

    # --- clock and running text ---------------------------------------------------------

    def _tick_clock(self, *_: Any) -> None:
        now = datetime.now(self.zone)
        self.screen.date_text = long_date(now.date())
        self.screen.clock_text = f"{clock_time(now)} {now.tzname() or ''}".strip()

    def _show_messages(self) -> None:
        if self.settings.running_text_speed > 0:
            self.screen.ticker_text = "      •      ".join(self._messages)
        else:
            self._message_index %= max(1, len(self._messages))
            self.screen.ticker_text = (
                self._messages[self._message_index] if self._messages else "")
            self.screen.ticker_x = 30 * self.screen.u

    def _next_message(self, _dt: float) -> None:
        self._message_index += 1
        self._show_messages()

    def _move_ticker(self, dt: float) -> None:
        """Moves the running text by whole pixels (no blurred in-between positions)."""
        screen = self.screen
        x = self._ticker_at - self.settings.running_text_speed * screen.u * dt
        if x < -screen.ids.ticker.width:
            x = screen.width
        self._ticker_at = x
        screen.ticker_x = float(round(x))

