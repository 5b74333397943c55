"""The display's own settings (``display.toml``, see ``display.example.toml``); every value
has a default, so the display starts with no file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.settings_file import load_toml_model

__all__ = ["DisplaySettings", "SoundSettings", "load_display_settings", "read_token", "ASSETS"]

ASSETS = Path(__file__).resolve().parent.parent / "assets"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SoundSettings(_Section):
    mute: bool = False
    # 0.0 (silent) .. 1.0 (the clips' own loudness)
    volume: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0
    # 1 = say each announcement once, 2 = say it twice
    repeat: Annotated[int, Field(ge=1, le=2)] = 1
    clips: Path = ASSETS / "sounds" / "id"


class DisplaySettings(_Section):
    # None: as the server's GET /office says (name, time zone, hours and complaint channels)
    office_name: str | None = None
    timezone: str | None = None
    messages: tuple[str, ...] | None = None
    logo: Path | None = ASSETS / "images" / "logo.png"
    # Design pixels (1/1920 of the width) per second; 0 = the messages stand still, one at a
    # time (then nothing is drawn while nothing changes).
    running_text_speed: Annotated[float, Field(ge=0.0, le=1000.0)] = 120.0
    highlight_seconds: Annotated[float, Field(ge=1.0, le=120.0)] = 8.0
    recent_calls: Annotated[int, Field(ge=5, le=8)] = 6
    heartbeat_seconds: Annotated[float, Field(ge=5.0, le=600.0)] = 30.0
    sound: SoundSettings = SoundSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value



def load_display_settings(path: Path | None) -> DisplaySettings:
    """Raises :class:`shared.settings_file.ConfigError` naming the file and each bad setting.
    Relative paths in the file (logo, clips) are relative to the file's folder."""
    settings = load_toml_model(path, DisplaySettings)
    if path is None:
        return settings
    base = path.resolve().parent
    logo = settings.logo if settings.logo is None else base / settings.logo
    clips = base / settings.sound.clips
    return settings.model_copy(
        update={"logo": logo, "sound": settings.sound.model_copy(update={"clips": clips})}
    )


def read_token(path: Path | None) -> str | None:
    """The device token in ``path`` (None without a file); ValueError says what is wrong."""
    if path is None:
        return None
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ValueError(f"--token-file: cannot read {path}: {exc.strerror}") from exc
    if not token:
        raise ValueError(f"--token-file: {path} is empty")
    return token
