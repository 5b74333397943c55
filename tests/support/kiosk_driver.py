"""Drive the real kiosk app in this process: Kivy running, touches on widgets, typing,
screenshots. Used by the UI tests, the screenshot tour and the benchmark.

Call :func:`prepare_kivy` before anything imports Kivy (the window's size is fixed when it is
made). With no ``DISPLAY``, the Kivy wheel's SDL2 renders offscreen (EGL): no X server needed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not imported here: the benchmark's bare window must not load the kiosk
    from kiosk.settings import KioskSettings

SIZES = ("1080x1920", "1920x1080", "1366x768")
# Where the kiosk's UI tests save their screenshots (looked at by a person; not in git).
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "kiosk"


def prepare_kivy(size: str = "1080x1920") -> None:
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kivy-home-"))
    os.environ["KIVY_NO_CONSOLELOG"] = "1"
    os.environ["KIVY_NO_FILELOG"] = "1"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.pop("DISPLAY", None)
    os.environ.pop("WAYLAND_DISPLAY", None)
    from kivy.config import Config

    width, height = size.split("x")
    Config.set("graphics", "width", width)
    Config.set("graphics", "height", height)
    Config.set("graphics", "fullscreen", "0")
    Config.set("graphics", "resizable", "0")
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "keyboard_mode", "system")
    Config.set("input", "mouse", "")  # no mouse provider: touches come from the test


class KioskDriver:
    """One running kiosk app; ``stop()`` it before starting the next."""

    def __init__(self, settings: KioskSettings, token: str,
                 backend_factory: Callable[[], Any] | None = None) -> None:
        from kivy.base import EventLoop, runTouchApp

        from kiosk.app import make_app

        self.app: Any = make_app(settings, token, backend_factory)
        self.app._run_prepare()
        runTouchApp(embedded=True)
        self._loop = EventLoop
        self._real_clock: Callable[[], float] = self.app.flow._clock
        self.frames(3)

    @property
    def flow(self) -> Any:
        return self.app.flow

    @property
    def view(self) -> Any:
        return self.app.flow.view

    # --- time -----------------------------------------------------------------------------

    def frames(self, count: int = 2) -> None:
        for _ in range(count):
            self._loop.idle()

    def untouched_for(self, seconds: float) -> None:
        """The presenter's clock set ``seconds`` on (real time goes on beneath it), then one
        tick, as its once-a-second timer would: what a kiosk left untouched does by then."""
        real = self._real_clock
        self.flow._clock = lambda: real() + seconds
        self.flow.tick()

    def clock_back(self) -> None:
        """The presenter's clock is real time again."""
        self.flow._clock = self._real_clock

    def wait_for(self, condition: Callable[[], bool], what: str, limit: float = 60.0) -> None:
        """Step frames until ``condition()`` holds (answers come back from the worker). The
        limit is roomy on purpose: under load, software rendering makes each frame slow."""
        deadline = time.monotonic() + limit
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"kiosk: still waiting for {what}; on {self.view.step}, "
                                     f"showing {self.texts()[:30]}")
            self._loop.idle()
            time.sleep(0.005)
        self.frames(2)

    def settle(self, most_frames: int = 120) -> None:
        """Step frames until no answer is awaited and the layout stops moving (a busy machine
        draws few frames, so a fixed frame count can catch a page mid-layout). Text that is
        still outside its box after this is really clipped."""
        self.wait_for(lambda: not self.view.busy, "the screen to settle")
        previous = None
        for _ in range(most_frames):
            current = self.boxes()
            if current == previous:
                return
            previous = current
            self.frames(1)

    def wait_step(self, step: str, limit: float = 60.0) -> None:
        self.wait_for(lambda: self.view.step == step and not self.view.busy,
                      f"the {step} screen", limit)

    # --- what is on screen ----------------------------------------------------------------

    def visible(self) -> Iterator[Any]:
        """Widgets a visitor can see: on the current screen or a shown overlay."""
        from kivy.uix.screenmanager import Screen

        root = self.app.root

        def walk(widget: Any, hidden: bool) -> Iterator[Any]:
            hidden = hidden or widget.opacity == 0 or widget.width <= 1 or widget.height <= 1
            if isinstance(widget, Screen) and widget is not root.ids.screens.current_screen:
                return
            if not hidden:
                yield widget
            for child in reversed(widget.children):
                yield from walk(child, hidden)

        yield from walk(root, False)

    def texts(self) -> list[str]:
        return [w.text for w in self.visible() if isinstance(getattr(w, "text", None), str)
                and w.text.strip()]

    def find(self, text: str, exact: bool = True) -> Any:
        """The visible widget showing ``text`` (the topmost when several do)."""
        found = [w for w in self.visible() if isinstance(getattr(w, "text", None), str)
                 and (w.text == text if exact else text in w.text)]
        if not found:
            raise AssertionError(f"{text!r} is not on screen; showing {self.texts()}")
        return found[-1]

    def shows(self, text: str) -> bool:
        return any(text in t for t in self.texts())

    def boxes(self) -> list[tuple[str, list[int]]]:
        """Visible texts with their box in the window: left, top (from the top edge), width,
        height, as in a screenshot."""
        from kivy.core.window import Window
        from kivy.uix.label import Label

        found = []
        for widget in self.visible():
            if isinstance(widget, Label) and widget.text.strip():
                x, y = widget.to_window(widget.x, widget.y)
                top = Window.height - (y + widget.height)
                found.append((widget.text, [int(x), int(top), int(widget.width),
                                            int(widget.height)]))
        return found

    def clipped(self) -> list[str]:
        """Texts that do not fit their widget or stick out of the window."""
        from kivy.core.window import Window
        from kivy.uix.label import Label

        problems = []
        for widget in self.visible():
            if not isinstance(widget, Label) or not widget.text.strip():
                continue
            x, y = widget.to_window(widget.x, widget.y)
            if x < -1 or y < -1 or x + widget.width > Window.width + 1 or \
                    y + widget.height > Window.height + 1:
                problems.append(f"outside the window: {widget.text[:40]!r}")
            tw, th = widget.texture_size
            if tw > widget.width + 2 or th > widget.height + 2:
                problems.append(f"text larger than its box: {widget.text[:40]!r} "
                                f"({tw}x{th} in {int(widget.width)}x{int(widget.height)})")
        return problems

    # --- input ----------------------------------------------------------------------------

    def tap(self, target: Any) -> None:
        """A finger on ``target`` (a widget or its text): down and up at its centre."""
        from kivy.tests.common import UnitTestTouch

        widget = self.find(target) if isinstance(target, str) else target
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        self.frames(1)
        touch.touch_up()
        self.frames(2)

    def tap_quickly(self, target: Any, times: int) -> None:
        """``times`` taps on ``target`` in one go (all handled in the same frame): quick
        taps stay quick on a busy machine, where a frame can take half a second."""
        from kivy.tests.common import UnitTestTouch

        widget = self.find(target) if isinstance(target, str) else target
        x, y = widget.to_window(*widget.center)
        for _ in range(times):
            touch = UnitTestTouch(x, y)
            touch.touch_down()
            touch.touch_up()
        self.frames(2)

    def tap_keys(self, text: str) -> None:
        """Type on the on-screen keyboard, one key per character."""
        from kivy.factory import Factory

        keys = {w.key.upper(): w for w in self.visible() if isinstance(w, Factory.KeyButton)}
        for char in text:
            key = keys.get(char.upper()) or keys.get("SPACE" if char == " " else char)
            if key is None:
                raise AssertionError(f"no key {char!r} on the on-screen keyboard")
            self.tap(key)

    def type(self, text: str) -> None:
        """Type on a physical keyboard: goes to the focused field."""
        from kivy.core.window import Window

        for char in text:
            Window.dispatch("on_textinput", char)
        self.frames(2)

    def press(self, key: str) -> None:
        """A special key on a physical keyboard: "enter" or "tab"."""
        from kivy.core.window import Window

        code = {"enter": 13, "tab": 9}[key]
        Window.dispatch("on_key_down", code, 0, None, [])
        Window.dispatch("on_key_up", code, 0)
        self.frames(2)

    def focused_field(self) -> str | None:
        from kiosk.widgets.overlay import KioskInput

        for widget in self.visible():
            if isinstance(widget, KioskInput) and widget.focus:
                return str(widget.field)
        return None

    def screenshot(self, path: Path) -> Path:
        """Save what the window shows as ``path`` (PNG). Read as RGBA: Kivy's own
        ``Window.screenshot`` reads RGB rows, which skew when 3 x width is not a multiple of
        4 (1366 pixels wide)."""
        from kivy.core.window import Window
        from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
        from PIL import Image

        path.parent.mkdir(parents=True, exist_ok=True)
        self.frames(2)
        width, height = Window.size
        pixels = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
        picture = Image.frombytes("RGBA", (width, height), pixels)
        picture.transpose(Image.Transpose.FLIP_TOP_BOTTOM).convert("RGB").save(path)
        return path

    @property
    def closed(self) -> bool:
        """The app has stopped, its event loop has ended or its window no longer holds it:
        any one is a kiosk gone from the screen."""
        from kivy.app import App
        from kivy.base import EventLoop
        from kivy.core.window import Window

        return (App.get_running_app() is not self.app or EventLoop.status != "started"
                or self.app.root not in Window.children)

    def stop(self) -> None:
        from kivy.app import App

        if App.get_running_app() is self.app:  # not already closed by an officer's PIN
            self.app.stop()
            self.frames(2)


NIK = "7502014103030001"  # a Boalemo woman born 1 March 2003


def to_guest_book(kiosk: KioskDriver) -> None:
    """Welcome to the guest book by touch: the service, the notice agreed."""
    kiosk.tap("Konsultasi Statistik")
    kiosk.wait_step("notice")
    kiosk.tap(kiosk.find("Saya setuju", exact=False))
    kiosk.tap("Lanjut")
    kiosk.wait_step("guest")


def fill_guest_book(kiosk: KioskDriver, id_number: str, name: str = "Siti Aisyah",
                    email: str = "siti@example.com", reading: float = 0.0) -> None:
    """Welcome to Confirm through the presenter's own actions (the screens' touches are
    tested in tests/ui/kiosk/test_flow.py). With ``reading`` (seconds), each screen and page
    is drawn and stays that long before the next action, as a person reads it; without,
    the actions follow each other at once."""
    flow = kiosk.flow

    def read() -> None:
        if reading > 0:
            until = time.monotonic() + reading
            kiosk.wait_for(lambda: time.monotonic() > until, "the visitor reading the screen")

    read()  # Welcome
    flow.guest_book.choose_service("KONSULTASI")
    read()
    flow.guest_book.toggle_consent()
    flow.guest_book.agree()
    read()
    flow.guest_book.select("id_type", "KTP")
    flow.guest_book.edit("id_number", id_number)
    flow.guest_book.next()
    kiosk.wait_for(lambda: kiosk.view.page == 1, "page 2 of the guest book")
    read()
    flow.guest_book.edit("name", name)
    flow.guest_book.edit("email", email)
    flow.guest_book.next()
    read()
    flow.guest_book.next()
    read()
    flow.guest_book.select("occupation", "Lainnya")
    flow.guest_book.select("purpose", "Lainnya")
    flow.guest_book.next()
    kiosk.wait_step("confirm")
    read()


def kiosk_settings(server: str, size: str = "1080x1920", **changes: Any) -> KioskSettings:
    from kiosk.settings import KioskSettings

    return KioskSettings(server=server, size=size, fullscreen=False, **changes)
