"""The kiosk's ``pst-antrian`` subcommands, registered as entry points (see pyproject.toml)."""

from shared.cli.app_commands import AppCommand

KIOSK = AppCommand("kiosk", "run the visitor's touchscreen", "kiosk.cli")
# The printer library costs memory and start-up time and configures logging at import:
# loaded only for this command.
PRINTER = AppCommand(
    "printer", "print a sample ticket or show the printer status", "kiosk.printer.cli")
