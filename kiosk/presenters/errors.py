"""How the kiosk's presenters log and say a failure. No Kivy."""

from __future__ import annotations

from shared.api.client import ApiError, ClientError

from ..texts import TEXTS, Sentence


def short(error: Exception) -> str:
    """An error for the log, without the request's content (it may carry personal data)."""
    if isinstance(error, ApiError):
        return f"HTTP {error.status} {error.code}"
    if isinstance(error, ClientError):
        return type(error).__name__
    return f"{type(error).__name__}"


def offline() -> Sentence:
    return TEXTS["server_unreachable"]


def refusal(error: Exception) -> Sentence:
    """The server's own sentence (already rated, not finished, too late), or offline."""
    if isinstance(error, ApiError):
        return Sentence(error.message_id, error.message_en)
    if isinstance(error, ClientError):
        return offline()
    raise error
