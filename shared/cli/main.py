"""``pst-antrian``: run the queue server and manage its users and devices."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from shared.cli.app_commands import AppCommand, app_commands

if TYPE_CHECKING:
    from shared.core.access.auth import Gatekeeper


def _data_dir(text: str | None) -> Path:
    return Path(text) if text else Path(user_data_dir("pst-antrian", appauthor=False))


# The commands of shared itself: running one of them needs no look at the apps' entry points
# (reading every installed package's metadata costs the server ~35 ms of its start).
BUILT_IN = frozenset({"server", "user", "device", "data"})


def _parser(
    wanted: str | None = None, installed: Sequence[AppCommand] = ()
) -> argparse.ArgumentParser:
    """The whole command line with the ``installed`` app commands; only the one ``wanted``
    (if any) loads its module."""
    parser = argparse.ArgumentParser(prog="pst-antrian", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    server = commands.add_parser("server", help="run the queue server")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8000)
    server.add_argument("--data-dir", help="where the SQLite file and keys live")
    server.add_argument("--config", type=Path, help="TOML settings (see config.example.toml)")
    server.add_argument("--log-level", default="info")
    server.add_argument("--clock-start", type=datetime.fromisoformat, metavar="ISO_TIME",
                        help="rehearsals and tests: start the office clock at this moment"
                        " (e.g. 2026-12-23T09:00+08:00) and let it run from there")

    user = commands.add_parser("user", help="manage officer and admin accounts")
    user_commands = user.add_subparsers(dest="action", required=True)
    add_user = user_commands.add_parser("add", help="add an officer or admin")
    add_user.add_argument("--data-dir")
    add_user.add_argument("--username", required=True)
    add_user.add_argument("--role", choices=("officer", "admin"), required=True)
    add_user.add_argument("--password-stdin", action="store_true", required=True,
                          help="read the password from standard input (never from argv)")

    password = user_commands.add_parser(
        "password", help="set a new password (the user's open sessions end)")
    password.add_argument("--data-dir")
    password.add_argument("--username", required=True)
    password.add_argument("--password-stdin", action="store_true", required=True,
                          help="read the password from standard input (never from argv)")
    disable = user_commands.add_parser(
        "disable", help="disable an account; its sessions end at once, also in a running server")
    disable.add_argument("--data-dir")
    disable.add_argument("--username", required=True)

    device = commands.add_parser("device", help="manage kiosk and display devices")
    device_commands = device.add_subparsers(dest="action", required=True)
    add_device = device_commands.add_parser("add", help="register a device; prints its token")
    add_device.add_argument("--data-dir")
    add_device.add_argument("--name", required=True)
    add_device.add_argument("--role", choices=("kiosk", "display"), required=True)
    revoke = device_commands.add_parser(
        "revoke", help="revoke a device's token; refused at once, also by a running server")
    revoke.add_argument("--data-dir")
    revoke.add_argument("--name", required=True)

    from shared.cli import data as data_cli

    data_cli.register(commands)

    # A module may hold several commands (display and announce): it registers all of them.
    loaded = {c.module for c in installed if c.name == wanted}
    for module in loaded:
        next(c for c in installed if c.module == module).load().register(commands)
    for command in installed:
        if command.module not in loaded:
            commands.add_parser(command.name, help=command.help)
    return parser


def _serve(args: argparse.Namespace) -> int:
    from shared.server import create_app
    from shared.server.serve import serve
    from shared.settings_file import ConfigError, load_settings

    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"pst-antrian: {exc}", file=sys.stderr)
        return 2
    from shared.core.calendar.clock import clock_starting_at, system_clock
    from shared.storage.backup import BackupError, hold_server_lock

    clock = system_clock if args.clock_start is None else clock_starting_at(args.clock_start)
    data_dir = _data_dir(args.data_dir)
    try:
        lock = hold_server_lock(data_dir)  # one server per data directory; restore waits
    except BackupError as exc:
        print(f"pst-antrian: {exc}", file=sys.stderr)
        return 2
    with lock:
        app = create_app(data_dir, settings, clock)
        serve(app, args.host, args.port, args.log_level, settings.http)
    return 0


def _accounts(data_dir: Path) -> Gatekeeper:
    from shared.core.access.auth import Gatekeeper
    from shared.storage.sqlite.store import SqliteStore

    return Gatekeeper(SqliteStore(data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    wanted = arguments[0] if arguments else None
    installed = () if wanted in BUILT_IN else tuple(app_commands())
    args = _parser(wanted, installed).parse_args(arguments)
    if args.command == "server":
        return _serve(args)
    for command in installed:
        if args.command == command.name:
            return command.load().run(args)
    if args.command == "data":
        from shared.cli import data as data_cli

        return data_cli.run(args, _data_dir(args.data_dir))
    return _manage_accounts(args)


def _manage_accounts(args: argparse.Namespace) -> int:
    from shared.core.access.auth import username_for
    from shared.core.errors import DomainError

    now = datetime.now(UTC)
    gate = _accounts(_data_dir(args.data_dir))
    try:
        if (args.command, args.action) == ("user", "add"):
            gate.add_user(args.username, args.role, _password_from_stdin(), now)
            print(f"user {username_for(args.username)} ({args.role}) added")
        elif (args.command, args.action) == ("user", "password"):
            gate.set_password(args.username, _password_from_stdin())
            print(f"user {args.username}: password changed, open sessions ended")
        elif (args.command, args.action) == ("user", "disable"):
            gate.disable_user(args.username)
            print(f"user {args.username} disabled, open sessions ended")
        elif (args.command, args.action) == ("device", "revoke"):
            gate.revoke_device(args.name)
            print(f"device {args.name} revoked")
        else:
            token = gate.add_device(args.name, args.role, now)
            print(f"device {args.name} ({args.role}) added; its token:")
            print(token)
    except DomainError as exc:
        errors = getattr(exc, "errors", None) or [exc]
        for error in errors:
            print(f"pst-antrian: {error.message_en}", file=sys.stderr)
        return 2
    return 0


def _password_from_stdin() -> str:
    return sys.stdin.readline().rstrip("\r\n")

if __name__ == "__main__":
    sys.exit(main())
