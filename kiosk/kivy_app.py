"""The Kivy ``App``: one window, the screens, the overlays; it forwards and draws, no more.

Every screen draws ``app.view`` (the presenter's :class:`~kiosk.presenters.KioskView`) and is
given the presenters its taps go to and the window's shape when it is made (the root its
overlays' presenters when it is loaded): no screen, widget or kv rule calls the presenter
through the App. kv rules bind to ``app.lang`` so switching the language redraws every
string.

Drawing and memory (docs/performance.md, kiosk): Mesa renders in software here, so every
label's texture lives in RAM and every frame costs CPU in proportion to the pixels it covers. A
screen is built when it is first shown and dropped when the visitor leaves it (only the home
screen stays), and collected half a second later (what the start made is set aside first, so a
collection is short); hidden overlays are out of the window (``root.py``); the window is
cleared to the screens' paper instead of each screen painting it. Each frame is finished
(``glFinish``) before the next, which also lets llvmpipe free the textures deleted meanwhile;
once a second ``malloc_trim`` gives the freed memory back.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.animation import Animation
from kivy.app import App
from kivy.cache import Cache
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import NoTransition, ScreenManager

from shared.gui.software_gl import finish_without_gil

from .presenters import KioskFlow, KioskView, Step
from .root import KioskRoot  # noqa: F401 - registers the kv root class
from .screens import SCREENS, KioskScreen
from .text_input import let_go_of_fields
from .texts import tr
from .widgets.keyboard import OnScreenKeyboard  # noqa: F401 - used in kv
from .widgets.office_name import OfficeName  # noqa: F401 - used in kv
from .widgets.overlay import IdleOverlay, KioskInput, Overlay, PinPad  # noqa: F401 - used in kv
from .widgets.top_bar import TopBar  # noqa: F401 - used in kv
from .worker import Worker

HERE = Path(__file__).resolve().parent

# The screens' background (PAPER in common.kv): the window is cleared to it before every frame,
# so no screen paints a whole-window rectangle of its own (one pass less per frame in software).
PAPER = (1.0, 1.0, 1.0, 1.0)

# The screen built while the visitor is on another, so that the tap leading to it only fills it
# in: "Ambil Nomor" on Confirm shows the ticket without building its screen first.
BUILT_AHEAD = {Step.CONFIRM: Step.TICKET}

TEXT_INPUT_CACHES = ("textinput.label", "textinput.width")

# Seconds after a switch at which the screens it dropped are collected: the new screen has been
# drawn by then (a tap's frames take ~0.2 s), so the collection (~20-50 ms) does not delay it.
COLLECT_AFTER = 0.5

# 15 mm at the ~100 dpi of 21-24" monitors and kiosk panels is about 60 px; never smaller.
MIN_TOUCH_PX = 64


class KioskApp(App):
    lang = StringProperty("id")
    # rebind: kv rules like `app.view.busy` follow each new view (it is not a Kivy object)
    view = ObjectProperty(KioskView(), rebind=True)
    portrait = BooleanProperty(True)
    scale = NumericProperty(1.0)
    touch = NumericProperty(96)
    logo = StringProperty("")
    title = "PST Antrian - Kiosk"
    use_kivy_settings = False  # no panel of Kivy's own settings (log level, keyboard, ...)

    def __init__(self, flow: KioskFlow, worker: Worker, logo: Path | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flow = flow
        self.worker = worker
        self.logo = str(logo) if logo else ""
        self.view = flow.view
        self.lang = flow.view.lang
        self._ticker: Any = None
        self._finish: Callable[[], None] = lambda: None
        self._leaving = False
        self._home = flow.view.step  # the one screen kept built: the others are rebuilt

    def open_settings(self, *_: Any) -> bool:
        """Kivy opens its settings panel on F1 (a kiosk may have a keyboard): a visitor would
        see and change the window's and Kivy's settings. The kiosk has none to open."""
        return False

    # kv helpers
    def t(self, key: str, lang: str, **values: object) -> str:
        return tr(key, lang, **values)

    def build(self) -> Any:
        common = str(HERE / "widgets" / "common.kv")
        if common not in Builder.files:  # rules stay loaded when a second app starts (tests)
            Builder.load_file(common)
        self._resize(Window, Window.size)
        Window.clearcolor = PAPER
        Builder.unload_file(str(HERE / "root.kv"))
        root = Builder.load_file(str(HERE / "root.kv"))
        root.give(self.flow)
        manager: ScreenManager = root.ids.screens
        manager.transition = NoTransition()
        manager.add_widget(self._screen(self._home))
        self.flow.listen(self._draw)
        self.flow.admin.on_exit(self.leave)
        Window.bind(size=self._resize, on_key_down=self._key_down,
                    on_request_close=self._request_close)
        Window.fbind("on_touch_down", self._touched)
        self._finish = finish_without_gil()  # libGL is loaded once the window exists
        Window.fbind("on_draw", self._drawing)
        Window.fbind("on_flip", self._drawn)
        self._ticker = Clock.schedule_interval(self._tick, 1.0)
        return root

    def on_start(self) -> None:
        self.flow.start()
        Clock.schedule_once(lambda _dt: _set_aside_the_start(), 0)  # once Welcome is drawn

    def on_stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        Window.unbind(size=self._resize, on_key_down=self._key_down,
                      on_request_close=self._request_close)
        Window.funbind("on_touch_down", self._touched)
        Window.funbind("on_draw", self._drawing)
        Window.funbind("on_flip", self._drawn)
        self.worker.stop(timeout=0.5)
        gc.unfreeze()  # a stopped kiosk's objects can be collected again (tests start many)

    def _holding(self) -> bool:
        """The first moments of a wait for the server ("mohon tunggu" not yet up): the screen
        keeps its last frame (the button just pressed) rather than drawing one that changes
        nothing a visitor needs, so the answer's screen is drawn without waiting for it."""
        root = self.root
        return root is not None and root.holding()

    def _drawing(self, *_: Any) -> bool:
        return self._holding()  # True: this frame is not drawn (nor shown, below)

    def _drawn(self, *_: Any) -> bool:
        if self._holding():
            return True
        # Each frame is finished before the next is started, as a window on a screen is (its
        # buffer is copied out once drawn): offscreen, Mesa would otherwise queue frames
        # without limit, keep every texture they used, and make any later wait (a screenshot,
        # the next frame) pay for all of them at once. Without the GIL: the worker's answers
        # arrive meanwhile.
        self._finish()
        return False

    def _tick(self, _dt: float) -> None:
        _give_back_freed_memory()
        self.flow.tick()

    def leave(self) -> None:
        """The office's PIN was entered: close the kiosk."""
        self._leaving = True
        self.stop()

    # --- drawing --------------------------------------------------------------------------

    def _draw(self, view: KioskView) -> None:
        self.view = view
        self.lang = view.lang
        manager: ScreenManager = self.root.ids.screens
        if manager.current != view.step and view.step in SCREENS:
            self._switch(manager, view.step)
        screen = manager.current_screen
        screen.show(view)

    def _screen(self, step: Step) -> KioskScreen:
        """``step``'s screen, given the presenters its taps go to and the window's shape."""
        return SCREENS[step](self.flow, name=str(step), **self._shape())

    def _shape(self) -> dict[str, Any]:
        """What a screen draws by, besides the view: the window's orientation, its scale and
        a button's height (``_resize`` keeps the screens' up to date)."""
        return {"portrait": self.portrait, "scale": self.scale, "touch": self.touch}

    def _switch(self, manager: ScreenManager, step: Step) -> None:
        """Show ``step``'s screen, built now unless it was built ahead; drop the others (their
        widgets and textures) except the home screen and the one ``BUILT_AHEAD`` of this one,
        and collect them once this one is drawn."""
        if not manager.has_screen(step):
            manager.add_widget(self._screen(step))
        manager.current = step
        # Even "no transition" is a zero-length animation that ends on the next frame: until
        # then both screens are drawn, then one more frame is drawn without the old one.
        # Ending it now draws the new screen alone, once.
        Animation.stop_all(manager.transition)
        # The switch is over; the transition would otherwise keep the screen it hid until the
        # next switch (its properties take no None): it now points at the screen shown.
        manager.transition.screen_out = manager.current_screen
        ahead = BUILT_AHEAD.get(step)
        dropped = [s for s in manager.screens if s.name not in (step, self._home, ahead)]
        for screen in dropped:
            let_go_of_fields(screen)
            manager.remove_widget(screen)
        # The dropped screens' widgets live in reference cycles, which only a collection frees
        # (with their textures): once this screen has been drawn and shown, and before a
        # screen is built ahead (the kiosk's memory is its largest moment's: welcome, this
        # screen and the one ahead, not also the one left).
        if ahead is not None and ahead in SCREENS:
            # on the next frame, once this screen has been drawn
            Clock.schedule_once(lambda _dt: self._build_ahead(manager, step, ahead), 0)
        elif step == self._home:
            Clock.schedule_once(lambda _dt: _forget_the_visit(), COLLECT_AFTER)
        elif dropped:
            Clock.schedule_once(lambda _dt: gc.collect(), COLLECT_AFTER)

    def _build_ahead(self, manager: ScreenManager, step: Step, ahead: Step) -> None:
        if manager.current == step and not manager.has_screen(ahead):
            gc.collect()  # the screens just left go first
            manager.add_widget(self._screen(ahead))  # not shown: only made

    def _resize(self, _window: Any, size: tuple[int, int]) -> None:
        width, height = size
        self.portrait = height > width
        # 1.2 on a 1080x1920 kiosk; landscape monitors are limited by their height.
        self.scale = min(width / 900, height / 960)
        self.touch = max(MIN_TOUCH_PX, round(96 * self.scale))
        if self.root is not None:
            for screen in self.root.ids.screens.screens:
                for name, value in self._shape().items():
                    setattr(screen, name, value)

    # --- input ----------------------------------------------------------------------------

    def _touched(self, *_: Any) -> None:
        self.flow.touched()

    def _key_down(self, _window: Any, key: int, *_: Any) -> bool:
        self.flow.touched()
        if key in (13, 271):  # Enter: the screen's main action
            step = self.flow.view.step
            if step == Step.NOTICE:
                self.flow.guest_book.agree()
            elif step == Step.GUEST:
                self.flow.guest_book.next()
            elif step == Step.CONFIRM:
                self.flow.ticket.take()
            return True
        return False

    def _request_close(self, *_: Any, **__: Any) -> bool:
        return not self._leaving  # Alt+F4 and the like do not close the kiosk


def _set_aside_the_start() -> None:
    """What exists once the kiosk has started (the libraries, the home screen, the overlays)
    lives as long as the kiosk: set it aside, so that collecting a dropped screen looks only at
    what was made since (~20 ms instead of ~300 ms at 1080x1920). The start's garbage first."""
    gc.collect()
    gc.freeze()


def _forget_the_visit() -> None:
    """Back home: collect the dropped screens' widgets (kept alive by reference cycles), which
    frees their textures; then empty Kivy's cache of text-field lines, which keeps the last
    visitor's typed name, email and number for 60 s (never shown again, but in memory)."""
    gc.collect()
    for category in TEXT_INPUT_CACHES:
        Cache.remove(category)


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # glibc only
    except (AttributeError, OSError):
        return None
    return trim


_TRIM = _malloc_trim()


def _give_back_freed_memory() -> None:
    """Return the C heap's free pages to the system (1-20 ms): the textures Mesa has just
    freed would otherwise stay in the kiosk's resident memory."""
    if _TRIM is not None:
        _TRIM(0)
