"""``pst-antrian data ...``: personal data on demand (UU PDP) on the office's SQLite file.

    data purge --data-dir DIR [--config FILE] [--dry-run]   the retention purge, now
    data export --data-dir DIR --id-number-stdin              everything kept about a visitor
    data erase --data-dir DIR --id-number-stdin               their personal data gone
    data backup --data-dir DIR --out FILE                    a consistent copy, server running
    data restore --data-dir DIR --from FILE [--force]        put a backup back, server stopped

The identity number is read (from standard input with ``--id-number-stdin``, which keeps it
out of shell history and ``ps``; ``--id-number N`` still works) only to be hashed: it is never
stored or printed. The office's statistics and ratings are kept without the person.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    data = commands.add_parser("data", help="personal data: retention purge, export, erase")
    actions = data.add_subparsers(dest="action", required=True)
    purge = actions.add_parser("purge", help="erase guest-book data older than retention_days")
    purge.add_argument("--dry-run", action="store_true", help="only say what would be erased")
    export = actions.add_parser("export", help="print everything kept about one visitor (JSON)")
    erase = actions.add_parser("erase", help="erase one visitor's personal data")
    for action in (purge, export, erase):
        action.add_argument("--data-dir", help="where the SQLite file and keys live")
        action.add_argument("--config", type=Path, help="TOML settings (retention, time zone)")
    for action in (export, erase):
        number = action.add_mutually_exclusive_group(required=True)
        number.add_argument("--id-number-stdin", action="store_true",
                            help="read the visitor's identity number from the first line of"
                            " standard input (kept out of shell history and ps)")
        number.add_argument("--id-number",
                            help="the visitor's KTP, SIM, passport or other identity number"
                            " (visible in shell history and ps: prefer --id-number-stdin)")
    backup = actions.add_parser("backup", help="copy the database and identity.key into FILE"
                                " (safe while the server runs)")
    backup.add_argument("--data-dir")
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write")
    restore = actions.add_parser("restore", help="put a backup back (the server stopped)")
    restore.add_argument("--data-dir")
    restore.add_argument("--from", dest="source", type=Path, required=True,
                         help="a file made by data backup")
    restore.add_argument("--force", action="store_true",
                         help="replace the database there (it is moved aside, not deleted)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.action in ("backup", "restore"):
        return _backup_or_restore(args, data_dir)
    from shared.core.calendar.clock import OfficeCalendar
    from shared.core.errors import NotFound
    from shared.core.visitors.personal_data import PersonalData
    from shared.settings_file import ConfigError, load_settings
    from shared.storage.identity_key import KEY_FILE, keyring_in
    from shared.storage.sqlite.store import DB_FILE, SqliteStore

    if not (data_dir / DB_FILE).exists():
        print(f"pst-antrian: no database in {data_dir}", file=sys.stderr)
        return 2
    if args.action != "purge" and not (data_dir / KEY_FILE).exists():
        print(f"pst-antrian: {data_dir / KEY_FILE} is missing: visitors cannot be found by"
              " identity number without it", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"pst-antrian: {exc}", file=sys.stderr)
        return 2
    store = SqliteStore(data_dir)
    try:
        rights = PersonalData(store, settings, OfficeCalendar(settings),
                              keyring_in(data_dir))
        if args.action == "purge":
            result = rights.purge(dry_run=args.dry_run)
            verb = "would erase" if result.dry_run else "erased"
            print(f"retention {settings.retention_days} days (before"
                  f" {result.cutoff.astimezone(settings.zone):%Y-%m-%d %H:%M}): {verb}"
                  f" {result.guest_entries} guest-book entries,"
                  f" {result.rating_comments} rating comments and the text and contact of"
                  f" {result.complaints} complaints")
            return 0
        id_number = sys.stdin.readline().strip() if args.id_number_stdin else args.id_number
        if not id_number:
            print("pst-antrian: no identity number on standard input", file=sys.stderr)
            return 2
        try:
            if args.action == "export":
                print(json.dumps(rights.export(id_number), ensure_ascii=False, indent=2))
            else:
                erased = rights.erase(id_number)
                print(f"erased: {erased.guest_entries} guest-book entries, comments of"
                      f" {erased.tickets} tickets ({erased.comments} comments),"
                      f" {erased.complaints} complaints; counts and ratings kept")
        except NotFound as exc:
            print(f"pst-antrian: {exc.message_en}", file=sys.stderr)
            return 1
        return 0
    finally:
        store.close()


def _backup_or_restore(args: argparse.Namespace, data_dir: Path) -> int:
    from shared.storage.backup import BackupError, backup, restore

    try:
        if args.action == "backup":
            made = backup(data_dir, args.out)
            print(f"backup of {data_dir} written to {args.out}: {made['tickets']} tickets,"
                  f" schema {made['schema_version']}")
        else:
            put = restore(args.source, data_dir, force=args.force)
            print(f"restored {args.source} into {data_dir}: {put['tickets']} tickets,"
                  f" schema {put['schema_version']}")
    except BackupError as exc:
        print(f"pst-antrian: {exc}", file=sys.stderr)
        return 2
    return 0
