"""The kiosk presenter's kernel: the view and its listeners, the visitor's session, the clock,
the once-a-second timers and the idle timeout. No Kivy, and nothing of any one part of the
visit: the presenters (``welcome.py``, ``guest_book.py``, ``ticket.py``, ``rating.py``,
``complaint.py``, ``admin_pin.py``) each name what they need of it in a ``Protocol``.

Slow work (the server, the printer) goes to ``tasks``, which runs it off the UI thread and calls
back on it; ``clock`` gives the time for the idle timeout, the countdowns and the retries, so
the unit tests drive all of it without a window or a real clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from ..texts import LANGUAGES
from .view import KioskView, Step

T = TypeVar("T")

# The step "Kembali" returns to, where it is not the presenter's own (the guest book's pages,
# the rating's stages).
STEPS_BACK = {Step.NOTICE: Step.WELCOME, Step.CONFIRM: Step.GUEST, Step.FEEDBACK: Step.WELCOME}


class Tasks(Protocol):
    """Runs ``job`` off the UI thread; ``done`` gets its result or the exception it raised,
    back on the UI thread."""

    def submit(self, job: Callable[[], T], done: Callable[[T | Exception], None]) -> None: ...


@dataclass(frozen=True)
class Timing:
    idle_seconds: float = 60.0  # no touch for this long: the "still there?" countdown
    idle_warning_seconds: int = 15  # ... which lasts this long, then everything is wiped
    ticket_seconds: int = 30  # the ticket screen returns to Welcome after this
    retry_seconds: float = 5.0  # the server is asked again this often while unreachable
    refresh_seconds: float = 60.0  # services and opening re-read this often on Welcome
    heartbeat_seconds: float = 60.0  # the printer's state (and so the kiosk's) reported


class Kernel:
    """One visitor after another: the view, who listens, the session a wipe ends."""

    def __init__(self, tasks: Tasks, clock: Callable[[], float], timing: Timing, lang: str,
                 home: Step) -> None:
        self._tasks = tasks
        self._clock = clock
        self.timing = timing
        self._default_lang = lang
        self._home = home  # where a wipe returns: Welcome, or a desk tablet's rating
        self._view = KioskView(lang=lang, step=home)
        self._listeners: list[Callable[[KioskView], None]] = []
        self._timers: list[Callable[[float], None]] = []
        self._resting: list[Callable[[KioskView], bool]] = []
        self._wipes: list[Callable[[], None]] = []
        self._session = 0  # a wipe starts a new one; late answers for an old one are dropped
        self._last_touch = clock()

    # --- wiring ---------------------------------------------------------------------------

    @property
    def view(self) -> KioskView:
        return self._view

    def listen(self, listener: Callable[[KioskView], None]) -> None:
        self._listeners.append(listener)

    def on_tick(self, timer: Callable[[float], None]) -> None:
        """``timer(now)`` once a second, after the timers registered before it."""
        self._timers.append(timer)

    def not_idle_when(self, rule: Callable[[KioskView], bool]) -> None:
        """A step with its own timeout (or none): while ``rule(view)``, no idle countdown."""
        self._resting.append(rule)

    def on_wipe(self, forget: Callable[[], None]) -> None:
        """``forget()`` when a visitor is wiped: a part's own state of that visitor."""
        self._wipes.append(forget)

    def start(self) -> None:
        """The screens exist: they draw the view as it is."""
        for listener in self._listeners:
            listener(self._view)

    # --- for the presenters ---------------------------------------------------------------

    def now(self) -> float:
        return self._clock()

    def idle_for(self, now: float) -> float:
        """Seconds since the visitor's last touch."""
        return now - self._last_touch

    def show(self, view: KioskView) -> None:
        """The new view, to every listener, unless nothing changed."""
        if view != self._view:
            self._view = view
            for listener in self._listeners:
                listener(view)

    def submit(self, job: Callable[[], T], done: Callable[[T | Exception], None]) -> None:
        """``job`` on the worker; ``done`` gets its answer whoever is at the kiosk by then."""
        self._tasks.submit(job, done)

    def submit_for_visitor(self, job: Callable[[], T],
                           done: Callable[[T | Exception], None]) -> None:
        """``job`` on the worker; ``done`` gets its answer only if the visitor who asked is
        still there (not wiped meanwhile)."""
        session = self._session

        def answer(result: T | Exception) -> None:
            if session == self._session:
                done(result)

        self._tasks.submit(job, answer)

    # --- every screen ---------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        self.touched()
        if lang in LANGUAGES:
            self.show(replace(self._view, lang=lang))

    def toggle_lang(self) -> None:
        self.set_lang("en" if self._view.lang == "id" else "id")

    def touched(self) -> None:
        """Any touch or key: the visitor is still there."""
        self._last_touch = self._clock()
        if self._view.idle_countdown is not None:
            self.show(replace(self._view, idle_countdown=None))

    def go(self, step: Step) -> None:
        self.touched()
        self.show(replace(self._view, step=step, problem=None))

    def back(self) -> None:
        """The step before this one (the guest book and the rating know their own)."""
        self.touched()
        view = self._view
        if view.busy or view.step == Step.WELCOME:
            return
        self.show(replace(view, step=STEPS_BACK.get(view.step, Step.WELCOME), problem=None))

    def tick(self) -> None:
        """Called about once a second: every part's timers, then the idle timeout."""
        now = self._clock()
        for timer in self._timers:
            timer(now)
        view = self._view
        if any(rule(view) for rule in self._resting):
            return
        if view.step == Step.WELCOME and not view.admin:
            return
        idle = now - self._last_touch
        if idle >= self.timing.idle_seconds:
            left = int(self.timing.idle_seconds + self.timing.idle_warning_seconds - idle + 0.999)
            if left <= 0:
                self.wipe()
            else:
                self.show(replace(view, idle_countdown=left))

    def wipe(self) -> None:
        """Back to Welcome with nothing of the last visitor left."""
        self._session += 1
        for forget in self._wipes:
            forget()
        self._last_touch = self._clock()
        view = self._view
        self._view = KioskView(step=self._home, lang=self._default_lang, office=view.office,
                               services=view.services, connected=view.connected)
        for listener in self._listeners:
            listener(self._view)
