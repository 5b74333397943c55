"""Settings read from a TOML file: the office's (``config.toml``) and the apps' own.

The settings themselves are plain models in the domain (``shared.core.settings``); reading
the file is here, outside the core, which does no I/O.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from shared.core.settings import Settings

_Model = TypeVar("_Model", bound=BaseModel)


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the setting."""


def load_settings(path: Path | None) -> Settings:
    """Settings from ``path`` (TOML), or the built-in defaults when ``path`` is None."""
    return load_toml_model(path, Settings)


def load_toml_model(path: Path | None, model: type[_Model]) -> _Model:
    """``model`` read from the TOML file ``path`` (its defaults when ``path`` is None); any
    problem is a :class:`ConfigError` naming the file and each bad setting."""
    if path is None:
        return model()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"{path}: {problems}") from exc
