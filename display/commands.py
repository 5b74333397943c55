"""The display's ``pst-antrian`` subcommands, registered as entry points (see pyproject.toml)."""

from shared.cli.app_commands import AppCommand

# Kivy and the voice load only for these commands.
DISPLAY = AppCommand("display", "run the waiting-room display", "display.cli")
ANNOUNCE = AppCommand("announce", "preview an announcement (words and WAV)", "display.cli")
