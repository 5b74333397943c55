"""The ``pst-antrian`` subcommands that belong to the apps (kiosk, printer, display, announce).

``shared`` never imports ``kiosk`` or ``display``: each app names its commands as entry points
(group ``pst_antrian.commands`` in ``pyproject.toml``) pointing at a small :class:`AppCommand`.
Only the command being run loads its module, so the server never pays for Kivy or the printer
library.
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from typing import Any, Protocol, cast

GROUP = "pst_antrian.commands"


class CommandModule(Protocol):
    def register(self, subparsers: Any) -> None: ...
    def run(self, args: argparse.Namespace) -> int: ...


@dataclass(frozen=True)
class AppCommand:
    """One subcommand: its name and help line, and the module that parses and runs it."""

    name: str
    help: str
    module: str  # has register(subparsers) and run(args)

    def load(self) -> CommandModule:
        return cast(CommandModule, importlib.import_module(self.module))


def app_commands() -> list[AppCommand]:
    """Every app command installed, in name order."""
    # Imported here: the server's own commands never need the packages' metadata.
    from importlib.metadata import entry_points

    found = [ep.load() for ep in entry_points(group=GROUP)]
    return sorted((c for c in found if isinstance(c, AppCommand)), key=lambda c: c.name)
