"""A virtual X screen (Xvfb) for one test, seen and worked as a person would: read the
screen (a screenshot read by tesseract), click on words, type on a keyboard (xdotool).

Needs the Debian packages xvfb, xdotool and tesseract-ocr(-ind) (scripts/setup installs them);
the screenshot is Pillow's own X grab (XCB), so no ImageMagick or xwd.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import io
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageGrab, ImageOps

from tests.support.serverproc import end_process

# Reading a 1080x1920 screen takes tesseract 1-3 s; a busy machine draws slowly. Roomy on
# purpose: a limit only turns a hang into a failure with the last picture saved.
SEE_LIMIT = 120.0
# Shorter than a button's side (~110 px at 1080x1920), longer than a letter's stroke.
_LINE = re.compile(rb"\x00{80,}")


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.left + self.width // 2, self.top + self.height // 2


class XScreen:
    """``Xvfb`` on a free display number (``-displayfd``), stopped by :meth:`close`."""

    def __init__(self, size: str, workdir: Path, lang: str = "ind") -> None:
        self.workdir = workdir
        self.lang = lang  # tesseract's language(s) for reading the screen: "ind", "eng"
        self.shots = 0
        read_end, write_end = os.pipe()
        with open(workdir / "xvfb.log", "wb") as log:
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size}x24",
                 "-nolisten", "tcp"],
                pass_fds=(write_end,), stdout=log, stderr=log)
        os.close(write_end)
        number = b""
        with os.fdopen(read_end, "rb") as answer:
            number = answer.readline().strip()
        if not number:
            self.process.wait(10)
            raise RuntimeError(f"Xvfb did not start: {(workdir / 'xvfb.log').read_text()}")
        self.display = f":{number.decode()}"

    @property
    def env(self) -> dict[str, str]:
        """The environment of a program shown on this screen."""
        return {**os.environ, "DISPLAY": self.display}

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                              text=True, timeout=60)
        if done.returncode != 0 and args[0] != "search":
            raise RuntimeError(f"xdotool {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def window_of(self, pid: int, limit: float = SEE_LIMIT) -> str:
        """The X window the process ``pid`` opened (never ``--sync``: it can hang for ever)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--pid", str(pid)).split()
            if found:
                return found[0]
            time.sleep(0.5)
        raise AssertionError(f"no window of process {pid} on {self.display}")

    # --- seeing ---------------------------------------------------------------------------

    def screenshot(self, path: Path) -> Path:
        ImageGrab.grab(xdisplay=self.display).convert("RGB").save(path)
        return path

    def words(self, picture: Path) -> list[Word]:
        """The words tesseract reads on ``picture``, with their boxes, in reading order.
        Read in black and white (dark text on the orange buttons reads badly in colour;
        tesseract turns light-on-dark text round by itself), without the buttons' outlines
        (tesseract takes a framed word for a picture)."""
        source = picture.with_suffix(".ocr.png")
        grey = ImageOps.grayscale(Image.open(picture))
        _without_lines(grey.point(lambda v: 255 if v > 128 else 0)).save(source)
        done = subprocess.run(
            ["tesseract", str(source), "-", "-l", self.lang, "--psm", "11", "tsv"],
            capture_output=True, text=True, check=True, timeout=300,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # 2-4x faster on a busy machine
        source.unlink()
        found = []
        for row in csv.DictReader(io.StringIO(done.stdout), delimiter="\t",
                                  quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if text and float(row["conf"]) > 30:
                found.append(Word(text, int(row["left"]), int(row["top"]),
                                  int(row["width"]), int(row["height"])))
        return found

    def look(self, name: str) -> tuple[Path, list[Word]]:
        """A screenshot saved in the work directory as ``NN-name.png``, and its words."""
        self.shots += 1
        picture = self.screenshot(self.workdir / f"{self.shots:02d}-{name}.png")
        return picture, self.words(picture)

    def wait_for(self, phrase: str, name: str, limit: float = SEE_LIMIT) -> Word:
        """Look until ``phrase`` (one or more words, in a row) is on screen; its box."""
        deadline = time.monotonic() + limit
        while True:
            picture, words = self.look(name)
            box = find_phrase(words, phrase)
            if box is not None:
                return box
            if time.monotonic() > deadline:
                raise AssertionError(f"{phrase!r} never showed on screen; last seen: "
                                     f"{picture} reading {' '.join(w.text for w in words)}")
            time.sleep(0.5)

    # --- hands ----------------------------------------------------------------------------

    def click(self, window: str, x: int, y: int) -> None:
        """A left click at (x, y) of ``window`` (a real pointer: XTEST, not a sent event)."""
        self.xdotool("mousemove", "--window", window, str(x), str(y))
        self.xdotool("click", "1")

    def click_on(self, window: str, phrase: str, name: str) -> None:
        """Wait for ``phrase`` on screen, then click in its middle."""
        self.click(window, *self.wait_for(phrase, name).centre)

    def type(self, text: str) -> None:
        """Typed on the keyboard, into whatever has the focus."""
        self.xdotool("type", "--delay", "60", text)

    def key(self, *keys: str) -> None:
        """Keys by their X names: "Tab", "Return", "Escape", "alt+F4"."""
        self.xdotool("key", "--delay", "60", *keys)

    def ask_to_close(self, window: str) -> None:
        """What a window manager sends on Alt+F4 or the title bar's close button: the
        ICCCM ``WM_DELETE_WINDOW`` message (there is no window manager on this screen, so
        the keys alone would reach the window as plain keys)."""
        _send_delete_window(self.display, int(window))

    def close(self) -> None:
        end_process(self.process)


def find_phrase(words: list[Word], phrase: str) -> Word | None:
    """The box around ``phrase``'s words where they stand in a row (case and punctuation
    aside), the first of its occurrences."""
    wanted = [_plain(w) for w in phrase.split()]
    plain = [_plain(w.text) for w in words]
    for start in range(len(words) - len(wanted) + 1):
        if plain[start:start + len(wanted)] == wanted:
            run = words[start:start + len(wanted)]
            left = min(w.left for w in run)
            top = min(w.top for w in run)
            right = max(w.left + w.width for w in run)
            bottom = max(w.top + w.height for w in run)
            return Word(phrase, left, top, right - left, bottom - top)
    return None


def _without_lines(picture: Image.Image) -> Image.Image:
    """``picture`` (black on white) with every straight black run of LINE pixels or more,
    across or down, made white: frames and outlines go, letters stay (their strokes are
    shorter, but for a giant ticket number, which nobody needs to click)."""
    for turned in (False, True):
        if turned:
            picture = picture.transpose(Image.Transpose.ROTATE_90)
        pixels = bytearray(picture.tobytes())
        for run in _LINE.finditer(pixels):
            pixels[run.start():run.end()] = b"\xff" * (run.end() - run.start())
        picture = Image.frombytes("L", picture.size, bytes(pixels))
        if turned:
            picture = picture.transpose(Image.Transpose.ROTATE_270)
    return picture


def _plain(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


def _send_delete_window(display_name: str, window: int) -> None:
    """Xlib through ctypes (libX11 is on any machine with xdotool): XSendEvent of a
    ClientMessage WM_PROTOCOLS / WM_DELETE_WINDOW, as window managers do."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                               ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(display_name.encode())
    if not display:
        raise RuntimeError(f"cannot open the X display {display_name}")
    try:
        event = _XEvent()
        message = event.xclient
        message.type = 33  # ClientMessage
        message.display = display
        message.window = window
        message.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
        message.format = 32
        message.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        message.data[1] = 0  # CurrentTime
        if not x11.XSendEvent(display, window, 0, 0, ctypes.byref(event)):
            raise RuntimeError("XSendEvent refused the close request")
        x11.XFlush(display)
    finally:
        x11.XCloseDisplay(display)
