"""Runs the real display app in this process, headless, and obeys one JSON command per line
on stdin (answers one JSON line on stdout). A UI test starts it as a subprocess, so each
window size gets its own process (Kivy sizes its window once).

    python -m tests.support.display.harness --server URL --size 1920x1080 --audio FILE \
        [--token-file F]

Commands: {"do": "texts"} | {"do": "wait", "key": K, "equals": V} | {"do": "said"} |
{"do": "wait_said", "count": N} | {"do": "clipped"} | {"do": "changes"} |
{"do": "screenshot", "path": P} | {"do": "redrawn_whole", "frames": N} | {"do": "trace"} |
{"do": "quit"}
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WAIT_LIMIT = 30.0  # seconds a "wait" may pump frames before it answers with what it sees


def _environment(audio: Path) -> None:
    os.environ.pop("DISPLAY", None)  # offscreen EGL: no X server needed
    os.environ.update(
        KIVY_NO_ARGS="1", KIVY_NO_CONSOLELOG="1", KIVY_HOME=tempfile.mkdtemp(prefix="kivy-"),
        SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(audio),
    )


def texts(app: Any) -> dict[str, Any]:
    """What a visitor can read on the board, widget by widget."""
    ids = app.screen.ids

    def rows(container: Any, *names: str) -> list[list[str]]:
        return [[str(getattr(w, n)) for n in names] for w in reversed(container.children)
                if all(getattr(w, n) for n in names)]

    return {
        "office": ids.office_name.text,
        "date": ids.date.text,
        "clock": ids.clock.text,
        "caption": ids.caption.text,
        "latest_number": ids.latest_number.text,
        "latest_desk": app.screen.latest_desk,
        "highlighted": app.screen.highlighted,
        "offline_badge": ids.offline_badge.text if ids.offline_badge.opacity else "",
        "desks": rows(ids.desks, "desk_name", "number"),
        "recent": rows(ids.recent, "number", "desk_name"),
        "waiting": rows(ids.waiting, "service", "count"),
        "ticker": ids.ticker.text,
    }


def clipped(app: Any) -> list[str]:
    """Texts on the board that do not fit their box (Kivy would cut them short with "...").
    The running text is meant to be wider than the screen and is left out."""
    from kivy.core.text import Label as CoreLabel
    from kivy.core.text.markup import MarkupLabel
    from kivy.uix.label import Label

    found = []
    for widget in app.screen.walk():
        if not isinstance(widget, Label) or not widget.text or widget.opacity == 0:
            continue
        if widget is app.screen.ids.ticker:
            continue
        kind = MarkupLabel if widget.markup else CoreLabel
        natural = kind(text=widget.text, font_size=widget.font_size, bold=widget.bold,
                       font_name=widget.font_name)
        natural.refresh()
        width, height = natural.texture.size
        # Kivy cuts lines short sideways; a line a little taller than its box still shows
        if width > widget.width + 1 or height > widget.height * 1.15:
            found.append(f"{natural.text!r}: {width}x{height} in {widget.width:.0f}x"
                         f"{widget.height:.0f}")
    return found


def screenshot(window: Any, path: Path) -> None:
    """The window as PNG. Not ``Window.screenshot``: it shears images whose RGB rows are
    not a multiple of 4 bytes wide (1366 pixels); RGBA rows always are."""
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
    from PIL import Image

    width, height = window.size
    data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
    image = Image.frombytes("RGBA", (width, height), data)
    image.transpose(Image.Transpose.FLIP_TOP_BOTTOM).convert("RGB").save(path)


def pixels(window: Any) -> bytes:
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels

    data: bytes = glReadPixels(0, 0, window.width, window.height, GL_RGBA, GL_UNSIGNED_BYTE)
    return data


def redrawn_whole(app: Any, window: Any) -> dict[str, Any]:
    """The picture on screen (after frames that redrew only the running text's band) against
    the same board drawn whole at once: how many pixels differ."""
    from kivy.graphics.opengl import glFinish

    redraw = app.band_redraw
    shown = pixels(window)
    redraw.draw_whole_next()
    window.dispatch("on_draw")
    glFinish()
    whole = pixels(window)
    differing = sum(1 for i in range(0, len(shown), 4) if shown[i:i + 4] != whole[i:i + 4])
    return {"differing_pixels": differing}


def said(app: Any) -> list[list[Any]]:
    return [[a.number, a.desk_name, a.recall] for a in app.announcer.said]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--size", required=True)
    parser.add_argument("--audio", type=Path, required=True)
    parser.add_argument("--token-file", type=Path)
    parser.add_argument("--config", type=Path)
    args = parser.parse_args()
    _environment(args.audio)
    width, height = (int(v) for v in args.size.split("x"))

    from display.app import DisplayApp, prepare_kivy
    from display.settings import load_display_settings, read_token

    prepare_kivy((width, height), windowed=True)
    from kivy.base import EventLoop, runTouchApp
    from kivy.core.window import Window

    app = DisplayApp(args.server, read_token(args.token_file),
                     load_display_settings(args.config))
    app._run_prepare()
    runTouchApp(embedded=True)

    from kivy.graphics.opengl import glFinish

    from tests.support.display.tracing import Tracer

    tracer = Tracer(app, Window)

    # [number, when the label's text changed, when the frame showing it was drawn] (wall clock)
    changes: list[list[Any]] = []
    pending: list[list[Any]] = []
    app.screen.bind(latest_number=lambda _screen, number: pending.append([number, time.time()]))

    def frame() -> None:
        """One frame, drawn to the end. Offscreen, nothing waits for Mesa's software renderer
        as a screen's buffer swap does: without glFinish frames queue up for minutes."""
        tracer.frame(EventLoop.idle, glFinish)
        if pending:
            drawn = time.time()
            changes.extend(change + [drawn] for change in pending)
            pending.clear()

    def pump_until(check: Any) -> bool:
        deadline = time.monotonic() + WAIT_LIMIT
        while time.monotonic() < deadline:
            frame()
            if check():
                return True
        return False

    def handle(command: dict[str, Any]) -> Any:
        what = command["do"]
        if what == "texts":
            return texts(app)
        if what == "wait":
            key, value = command["key"], command["equals"]
            return {"ok": pump_until(lambda: texts(app)[key] == value), "texts": texts(app)}
        if what == "said":
            return said(app)
        if what == "changes":
            return changes
        if what == "redrawn_whole":
            band_frames = app.band_redraw.band_frames
            for _ in range(command["frames"]):
                frame()
            return {"band_frames": app.band_redraw.band_frames - band_frames,
                    "last_was_band": app.band_redraw.last_was_band} | redrawn_whole(app, Window)
        if what == "trace":
            return tracer.report()
        if what == "clipped":
            return clipped(app)
        if what == "wait_said":
            count = command["count"]
            return {"ok": pump_until(lambda: len(app.announcer.said) >= count),
                    "said": said(app)}
        if what == "screenshot":
            frame()
            screenshot(Window, Path(command["path"]))
            return {"ok": True}
        return {"error": f"unknown command {what!r}"}

    print(json.dumps({"ready": list(Window.size)}), flush=True)
    while True:
        frame()
        if not select.select([sys.stdin], [], [], 0)[0]:
            continue
        line = sys.stdin.readline()
        command = json.loads(line) if line.strip() else {"do": "quit"}
        if command["do"] == "quit":
            print(json.dumps({"ok": True}), flush=True)
            break
        print(json.dumps(handle(command)), flush=True)
    app.stop()
    EventLoop.close()
    shutil.rmtree(os.environ["KIVY_HOME"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
