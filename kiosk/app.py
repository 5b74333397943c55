"""Wires the kiosk together: settings -> client, printer, worker, presenter, screens, window.

The only module that knows all the parts. Kivy is configured (window size, full screen, no
exit on Escape, no debugging modules) before its window exists, which is why the Kivy imports
sit in functions.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .presenters import KioskFlow, Timing
from .settings import KioskSettings

if TYPE_CHECKING:
    from kivy.app import App

log = logging.getLogger("pst_antrian.kiosk")

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def configure_kivy(settings: KioskSettings, position: str | None = None) -> None:
    """Window settings; must run before ``kivy.core.window`` is imported."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")  # the visitors' data never goes to a log
    from kivy.config import Config

    width, height = settings.window_size
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "fullscreen", "auto" if settings.fullscreen else "0")
    Config.set("graphics", "resizable", "0")
    Config.set("graphics", "borderless", "1" if settings.fullscreen else "0")
    if position and not settings.fullscreen:
        left, _, top = position.partition(",")
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", left)
        Config.set("graphics", "top", top or "0")
    Config.set("kivy", "exit_on_escape", "0")  # leaving needs the office's PIN
    # Kivy's debugging modules (inspector on Ctrl+E, console, screenshot and rotation keys)
    # answer a physical keyboard: none on a public kiosk, even if this PC's Kivy config
    # (~/.kivy/config.ini) switches one on.
    for module in Config.options("modules"):
        Config.remove_option("modules", module)
    Config.set("kivy", "keyboard_mode", "system")  # our own keypads, not Kivy's dock
    Config.set("input", "mouse", "mouse,disable_multitouch")


def office_today(app_flow: Callable[[], Any]) -> Callable[[], date]:
    """Today in the office's time zone (from the server), for the birth-date checks."""

    def today() -> date:
        office = app_flow()
        zone = ZoneInfo(office.timezone) if office is not None else None
        return datetime.now(zone).date()

    return today


def make_app(
    settings: KioskSettings,
    token: str,
    backend_factory: Callable[[], Any] | None = None,
) -> App:
    """The kiosk app, ready to ``run()`` (or to drive from a test)."""
    from kivy.clock import Clock

    # Request lines name the lookup's query (an identity number): never in the kiosk's log.
    logging.getLogger("urllib3").setLevel(logging.WARNING)

    from kivy.core.window import Window

    from shared.api.client import QueueClient
    from shared.gui.label_pixels import free_label_surfaces

    from .backend import ServerBackend
    from .kivy_app import KioskApp
    from .text_input import keep_text_input_on
    from .worker import Worker

    keep_text_input_on(Window)
    free_label_surfaces()

    def deliver(callback: Callable[[], None]) -> None:
        Clock.schedule_once(lambda _dt: callback(), 0)

    if backend_factory is not None:
        backend = backend_factory()
    else:
        backend = ServerBackend(
            QueueClient(settings.server, token, timeout=5.0), settings.printer_config()
        )
    worker = Worker(deliver)
    holder: list[KioskFlow] = []
    flow = KioskFlow(
        backend,
        worker,
        clock=time.monotonic,
        today=office_today(lambda: holder[0].view.office if holder else None),
        timing=Timing(idle_seconds=float(settings.idle_seconds)),
        lang=settings.lang,
        admin_pin_hash=settings.admin_pin_hash,
        desk=settings.desk,
    )
    holder.append(flow)
    logo = settings.logo or ASSETS / "logo.png"
    return KioskApp(flow, worker, logo if logo.is_file() else None)


def run_kiosk(settings: KioskSettings, token: str, position: str | None = None) -> int:
    configure_kivy(settings, position)
    app = make_app(settings, token)
    app.run()
    return 0
