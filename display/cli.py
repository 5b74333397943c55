"""``pst-antrian display`` (the waiting-room board) and ``pst-antrian announce`` (preview the
voice). Imported only when one of these commands runs: Kivy is heavy."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    display = subparsers.add_parser("display", help="run the waiting-room display")
    display.add_argument("--server", required=True, help="the queue server, http://HOST:PORT")
    display.add_argument("--token-file", type=Path,
                         help="file holding this display's device token (for the heartbeat)")
    display.add_argument("--config", type=Path, help="display TOML (see display.example.toml)")
    display.add_argument("--size", type=_size, help="window size WxH, e.g. 1366x768")
    display.add_argument("--windowed", action="store_true", help="a window, not full screen")

    announce = subparsers.add_parser(
        "announce", help="say a call: print its words and write the WAV the display plays"
    )
    announce.add_argument("--number", required=True, help="ticket number, e.g. K-123")
    announce.add_argument("--desk", required=True, help="desk id, e.g. 1")
    announce.add_argument("--out", type=Path, help="WAV file to write (default NUMBER.wav)")
    announce.add_argument("--config", type=Path,
                          help="the server's TOML, for the desk names (default: built-in desks)")
    announce.add_argument("--display-config", type=Path,
                          help="display TOML, for the clip folder, volume and repetition")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height out of range")
    return width, height


def run(args: argparse.Namespace) -> int:
    if args.command == "announce":
        return _announce(args)
    from display.settings import load_display_settings, read_token
    from shared.settings_file import ConfigError

    # Checked before Kivy loads: once imported, Kivy routes stderr through its logger.
    try:
        settings = load_display_settings(args.config)
        token = read_token(args.token_file)
    except (ConfigError, ValueError) as exc:
        print(f"pst-antrian display: {exc}", file=sys.stderr)
        return 2
    os.environ.setdefault("KIVY_NO_ARGS", "1")  # Kivy must not read our command line
    from display.app import run_display

    return run_display(args.server, token, settings, args.size, args.windowed)


def _announce(args: argparse.Namespace) -> int:
    from display.pcm import SoundFileError, wav_bytes
    from display.settings import load_display_settings
    from display.voice import (
        ClipLibrary,
        MissingClip,
        TicketNumberError,
        announcement_words,
        render,
    )
    from shared.settings_file import ConfigError, load_settings

    try:
        settings = load_settings(args.config)
        sound = load_display_settings(args.display_config).sound
    except ConfigError as exc:
        return _fail(str(exc))
    desk = settings.desk(args.desk)
    if desk is None:
        known = ", ".join(f"{d.id} ({d.name})" for d in settings.desks)
        return _fail(f"--desk: there is no desk {args.desk!r}; desks: {known}")
    try:
        spoken = announcement_words(args.number, desk.name)
        pcm = render(spoken, ClipLibrary(sound.clips), repeat=sound.repeat)
    except TicketNumberError as exc:
        return _fail(f"--number: {exc}")
    except (MissingClip, SoundFileError) as exc:
        return _fail(str(exc))
    out: Path = args.out or Path(f"{args.number.strip().upper()}.wav")
    try:
        out.write_bytes(wav_bytes(pcm.scaled(sound.volume)))
    except OSError as exc:
        return _fail(f"--out: cannot write {out}: {exc.strerror}")
    print(" ".join(s.text for s in spoken))
    print(f"{out}: {pcm.seconds:.1f} s, 16-bit PCM mono {pcm.rate} Hz", file=sys.stderr)
    return 0


def _fail(message: str) -> int:
    print(f"pst-antrian announce: {message}", file=sys.stderr)
    return 2
