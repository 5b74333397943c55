"""The kiosk's settings: a TOML file (``kiosk.example.toml``) under command-line overrides."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .pin import MIN_DIGITS, is_pin_hash
from .printer import PrinterConfig, PrinterConfigError

_SIZE = re.compile(r"^(\d{3,5})x(\d{3,5})$")
PIN_COMMAND = (f"write it with `pst-antrian kiosk pin --config kiosk.toml` (type a PIN of"
               f" {MIN_DIGITS} or more digits)")


class KioskSettingsError(Exception):
    """The settings cannot work; the message names the setting."""


class KioskSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    server: str = "http://127.0.0.1:8000"
    token_file: Path | None = None
    lang: Literal["id", "en"] = "id"
    size: str = "1080x1920"  # the window (or, full screen, the expected screen) in pixels
    fullscreen: bool = True
    idle_seconds: int = Field(default=60, ge=15, le=600)
    # The hash of the digits an officer enters to leave full screen (5 taps on the office name
    # open the pad), written by ``pst-antrian kiosk pin`` (kiosk/pin.py). Empty: the kiosk
    # cannot be left from the screen (only by stopping the program).
    admin_pin_hash: str = ""
    logo: Path | None = None  # default: assets/logo.png when the office put one there
    printer: dict[str, Any] = Field(default_factory=dict)
    # Desk mode (``--mode rating --desk 1``): a tablet at that desk that only shows the rating
    # of the visitor the desk just finished. None: the kiosk of the waiting room.
    desk: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,16}$")

    @field_validator("size")
    @classmethod
    def _size(cls, value: str) -> str:
        if not _SIZE.match(value):
            raise ValueError(f"{value!r} is not a size like 1080x1920")
        return value

    @field_validator("admin_pin_hash")
    @classmethod
    def _admin_pin_hash(cls, value: str) -> str:
        if value and not is_pin_hash(value):
            raise ValueError(f"is not a PIN hash: {PIN_COMMAND}")
        return value

    @field_validator("server")
    @classmethod
    def _server(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def window_size(self) -> tuple[int, int]:
        match = _SIZE.match(self.size)
        assert match is not None
        return int(match.group(1)), int(match.group(2))

    def printer_config(self) -> PrinterConfig:
        known = {f.name for f in fields(PrinterConfig)}
        unknown = sorted(set(self.printer) - known)
        if unknown:
            raise KioskSettingsError(f"printer: unknown setting(s) {', '.join(unknown)}")
        values = dict(self.printer)
        for key in ("path", "logo"):
            if values.get(key) is not None:
                values[key] = Path(values[key])
        try:
            return PrinterConfig(**values)
        except PrinterConfigError as exc:
            raise KioskSettingsError(f"printer.{exc.field}: {exc.message_en}") from exc
        except TypeError as exc:
            raise KioskSettingsError(f"printer: {exc}") from exc


def load_kiosk_settings(path: Path | None, overrides: dict[str, Any]) -> KioskSettings:
    """Settings from ``path`` (TOML, optional) with ``overrides`` (non-None CLI values) on top."""
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise KioskSettingsError(f"{path}: file not found") from exc
        except tomllib.TOMLDecodeError as exc:
            raise KioskSettingsError(f"{path}: not valid TOML: {exc}") from exc
    if "admin_pin" in raw:
        raise KioskSettingsError(
            f"{path}: admin_pin keeps the PIN in clear (and may be too short); the kiosk keeps"
            f" only its hash now, as admin_pin_hash: {PIN_COMMAND}, which replaces the"
            " admin_pin line")
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        settings = KioskSettings.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise KioskSettingsError(f"{path or 'settings'}: {problems}") from exc
    settings.printer_config()  # fail at start, not at the first ticket
    return settings
