"""``pst-antrian kiosk``: start the visitor's touchscreen.

    pst-antrian kiosk --server http://127.0.0.1:8000 --token-file kiosk.token --windowed
    echo 24681357 | pst-antrian kiosk pin --config kiosk.toml   # the office's PIN, hashed
"""

from __future__ import annotations

import argparse
import getpass
import logging
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from .pin import PinError, check_pin, hash_pin
from .settings import KioskSettingsError, load_kiosk_settings


def register(subparsers: Any) -> None:
    kiosk = subparsers.add_parser("kiosk", help="run the visitor's touchscreen (Kivy)")
    kiosk.add_argument("--server", help="the queue server, e.g. http://127.0.0.1:8000")
    kiosk.add_argument("--token-file", type=Path,
                       help="file holding this kiosk's device token (pst-antrian device add)")
    kiosk.add_argument("--config", type=Path, help="TOML settings (see kiosk.example.toml)")
    kiosk.add_argument("--lang", choices=("id", "en"), help="language at start (default id)")
    kiosk.add_argument("--size", help="window size WxH, e.g. 1080x1920 or 1366x768")
    kiosk.add_argument("--windowed", action="store_true", help="a window, not full screen")
    kiosk.add_argument("--position", help="window position X,Y (windowed)")
    kiosk.add_argument("--mode", choices=("ticket", "rating"), default="ticket",
                       help="ticket: the waiting room's kiosk; rating: a tablet at a desk"
                       " showing the rating of the visitor that desk just finished")
    kiosk.add_argument("--desk", help="the desk of a rating tablet (with --mode rating)")
    actions = kiosk.add_subparsers(dest="kiosk_action")
    pin = actions.add_parser(
        "pin", help="set the office's PIN that leaves the kiosk: its hash goes to kiosk.toml")
    pin.add_argument("--config", type=Path, required=True, dest="pin_config",
                     help="the kiosk's TOML settings; admin_pin_hash is written into it")


def run(args: argparse.Namespace) -> int:
    if args.kiosk_action == "pin":
        return set_pin(args.pin_config)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.mode == "rating" and not args.desk:
        print("pst-antrian kiosk: --mode rating needs --desk (the desk the tablet stands at)",
              file=sys.stderr)
        return 2
    overrides: dict[str, Any] = {
        "desk": args.desk if args.mode == "rating" else None,
        "server": args.server,
        "token_file": args.token_file,
        "lang": args.lang,
        "size": args.size,
        "fullscreen": False if args.windowed else None,
    }
    try:
        settings = load_kiosk_settings(args.config, overrides)
    except KioskSettingsError as exc:
        print(f"pst-antrian kiosk: {exc}", file=sys.stderr)
        return 2
    if settings.token_file is None:
        print("pst-antrian kiosk: --token-file is needed (make one with "
              "`pst-antrian device add --role kiosk`)", file=sys.stderr)
        return 2
    try:
        token = settings.token_file.read_text(encoding="utf-8").strip().splitlines()[-1]
    except (OSError, IndexError) as exc:
        print(f"pst-antrian kiosk: cannot read the token file {settings.token_file}: {exc}",
              file=sys.stderr)
        return 2
    from .app import run_kiosk  # Kivy loads only now, after the window settings are known

    return run_kiosk(settings, token, position=args.position)


# A top-level ``admin_pin`` or ``admin_pin_hash`` line, as kiosk.example.toml has it.
_PIN_LINE = re.compile(r"^[ \t]*admin_pin(_hash)?[ \t]*=.*$", re.MULTILINE)
_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def set_pin(path: Path) -> int:
    """Read the PIN from standard input (asked twice, unseen, on a terminal), write its hash
    into ``path`` as ``admin_pin_hash`` in place of an ``admin_pin`` or older hash line; the
    rest of the file (comments too) stays as it is."""
    try:
        if sys.stdin.isatty():
            pin = getpass.getpass("PIN (6-12 digits): ")
            if getpass.getpass("The same PIN again: ") != pin:
                print("pst-antrian kiosk pin: the two PINs differ; nothing written",
                      file=sys.stderr)
                return 2
        else:
            pin = sys.stdin.readline().strip()
        check_pin(pin)
    except PinError as exc:
        print(f"pst-antrian kiosk pin: {exc}; nothing written", file=sys.stderr)
        return 2
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        print(f"pst-antrian kiosk pin: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    line = f'admin_pin_hash = "{hash_pin(pin)}"'
    found = list(_PIN_LINE.finditer(text))
    table = _FIRST_TABLE.search(text)
    end = table.start() if table else len(text)
    if any(match.start() > end for match in found):
        print(f"pst-antrian kiosk pin: {path}: admin_pin stands inside a [table]; move it"
              " to the top of the file", file=sys.stderr)
        return 2
    if found:
        first = found[0]
        rest = _PIN_LINE.sub("", text[first.end():end])
        text = text[:first.start()] + line + rest + text[end:]
    else:
        prefix = text[:end]
        if prefix and not prefix.endswith("\n"):
            prefix += "\n"
        text = prefix + line + "\n" + ("\n" if table else "") + text[end:]
    if tomllib.loads(text).get("admin_pin_hash") is None:  # never leave a broken file
        print(f"pst-antrian kiosk pin: could not write into {path}", file=sys.stderr)
        return 2
    path.write_text(text, encoding="utf-8")
    print(f"{path}: admin_pin_hash written; the kiosk asks for this PIN from its next start")
    return 0
