"""``pst-antrian kiosk``: start the visitor's touchscreen.

    pst-antrian kiosk --server http://127.0.0.1:8000 --token-file kiosk.token --windowed
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

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


def run(args: argparse.Namespace) -> int:
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
