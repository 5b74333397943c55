"""The JSON shapes of the HTTP API: the contract the server, the client and the apps share.

Pure pydantic, no FastAPI: the kiosk and the display import these through ``shared.api.client``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from shared.core.visitors.fields import VISITOR_FIELDS

__all__ = [
    "VisitorIn",
    "TicketRequest",
    "IssuedTicketOut",
    "TicketOut",
    "VisitorPrefill",
    "GuestOut",
    "TicketRecordOut",
    "ServiceOut",
    "OfficeOut",
    "CallOut",
    "DeskOut",
    "DisplayOut",
    "LoginRequest",
    "LoginOut",
    "TransferRequest",
    "DeviceStatusIn",
    "DeviceOut",
    "Health",
    "SQLITE_MAX_INT",
    "RowId",
]


STATUS_MAX_BYTES = 4096
STATUS_MAX_PARTS = 16
STATUS_MAX_NAME = 40
STATUS_MAX_TEXT = 300


def _check_text(value: str, max_length: int | None = None) -> str:
    """Text must be encodable (no lone surrogate such as ``"\\ud800"``, which JSON allows
    but no database, log or answer can hold) and, if given, not longer than ``max_length``."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError(
            "string_unencodable", "holds a character that is not valid text (lone surrogate)"
        ) from None
    if max_length is not None and len(value) > max_length:
        raise PydanticCustomError("string_too_long", "at most {n} characters",
                                  {"n": max_length})
    return value


# Every text the API accepts: JSON allows lone surrogates, nothing downstream does.
Text = Annotated[str, AfterValidator(_check_text)]

# SQLite's integers are 64-bit: a larger id cannot even be looked up (OverflowError, a 500),
# so every id the API accepts, in a path or a body, is refused beyond it (422, field named).
SQLITE_MAX_INT = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=SQLITE_MAX_INT)]


def _visitor_in() -> type[BaseModel]:
    """``VisitorIn``: one text per field of the guest book (``VISITOR_FIELDS``, in its order),
    ``""`` when left out, ``None`` for the optional ones."""
    fields: dict[str, Any] = {
        f.name: (Text, "") if f.required else (Text | None, None) for f in VISITOR_FIELDS
    }
    return create_model(
        "VisitorIn",
        __doc__="Guest-book fields as typed on the kiosk; checked by "
        "shared.core.visitors.guest_form, not here, so every field gets the same specific "
        "Indonesian/English message everywhere.",
        __module__=__name__,
        **fields,
    )


# Built from the one definition of the visitor's fields, so a field added there reaches the
# wire; type checkers see a plain model (no code reads its fields by name: it is dumped).
if TYPE_CHECKING:
    class VisitorIn(BaseModel):
        pass
else:
    VisitorIn = _visitor_in()


class TicketRequest(BaseModel):
    """``visitor`` as typed, or ``visitor_reference`` from ``GET /visitors/lookup`` (then
    ``visitor`` may carry only the fields the visitor changed). Only JSON ``true`` is consent."""

    service: Text = Field(examples=["KONSULTASI"], max_length=40)
    visitor: VisitorIn | None = None
    visitor_reference: Text | None = Field(default=None, max_length=100)
    consent: StrictBool = False
    priority: StrictBool = False


class TicketOut(BaseModel):
    id: int
    number: str
    service: str
    status: str
    priority: bool
    issued_at: datetime
    waiting_ahead: int
    estimated_wait_minutes: int
    desk: str | None = None
    desk_name: str | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    recalls: int = 0
    transferred_from: int | None = None
    transferred_to: int | None = None


class IssuedTicketOut(TicketOut):
    """The kiosk's ``POST /tickets`` answer, the only one carrying what belongs to the
    visitor's paper alone: the phone page's address (its token is the phone's credential)
    and the rating code (the kiosk's proof of the visit). Staff lists never carry them."""

    status_url: str
    rating_code: str


class VisitorPrefill(BaseModel):
    """A returning visitor's last guest-book entry as a kiosk may see it: personal details
    masked, and a short-lived ``reference`` that ``POST /tickets`` accepts in place of them."""

    reference: str
    expires_at: datetime
    id_type: str
    id_number_masked: str
    name_masked: str
    email_masked: str
    phone_masked: str | None
    institution: str | None
    occupation: str
    purpose: str


class GuestOut(BaseModel):
    """A guest-book entry as an officer sees it (identity number masked)."""

    id_type: str
    id_number_masked: str
    name: str
    email: str
    phone: str | None
    institution: str | None
    occupation: str
    purpose: str
    consent_at: datetime
    consent_version: str


class TicketRecordOut(TicketOut):
    guest: GuestOut | None


class ServiceOut(BaseModel):
    code: str
    name: str
    name_en: str
    letter: str
    enabled: bool
    open: bool
    closed_reason: str | None = None
    closed_reason_en: str | None = None


class OfficeOut(BaseModel):
    """The office as the kiosk presents it; ``hours`` maps a weekday ("monday") to ranges
    like "08:00-15:30", None = open at all hours."""

    name: str
    short_name: str
    address: str
    phone: str
    website: str
    complaint_channels: list[str]
    hours: dict[str, list[str]] | None
    close_on_holidays: bool
    timezone: str
    retention_days: int
    privacy_notice_version: str


class CallOut(BaseModel):
    number: str
    service: str
    desk: str
    desk_name: str
    called_at: datetime
    recall: bool


class DeskOut(BaseModel):
    id: str
    name: str
    current: str | None


class DisplayOut(BaseModel):
    version: int
    calls: list[CallOut]
    desks: list[DeskOut]
    waiting: dict[str, int]


class LoginRequest(BaseModel):
    username: Text = Field(max_length=64)
    password: Text = Field(max_length=1024)


class LoginOut(BaseModel):
    token: str
    role: str
    expires_at: datetime


class TransferRequest(BaseModel):
    service: Text = Field(max_length=40)


class DeviceStatusIn(BaseModel):
    """A device reports its own state, e.g. ``{"printer": {"state": "paper_out", ...}}``:
    an object of parts, each an object of short values (text, numbers, true/false, null);
    at most 4 KiB in all."""

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="after")
    def _small_and_flat(self) -> DeviceStatusIn:
        parts = self.model_extra or {}
        if len(parts) > STATUS_MAX_PARTS:
            raise PydanticCustomError("status_shape", "at most {n} parts",
                                      {"n": STATUS_MAX_PARTS})
        for name, part in parts.items():
            _check_text(name, STATUS_MAX_NAME)
            if not isinstance(part, dict) or len(part) > STATUS_MAX_PARTS:
                raise PydanticCustomError(
                    "status_shape", "{name}: must be an object of at most {n} values",
                    {"name": name[:STATUS_MAX_NAME], "n": STATUS_MAX_PARTS},
                )
            for key, value in part.items():
                _check_text(key, STATUS_MAX_NAME)
                if isinstance(value, str):
                    _check_text(value, STATUS_MAX_TEXT)
                elif value is not None and not isinstance(value, bool | int | float):
                    raise PydanticCustomError(
                        "status_shape", "{name}.{key}: must be text, a number, true/false or"
                        " null", {"name": name[:STATUS_MAX_NAME], "key": key[:STATUS_MAX_NAME]},
                    )
        if len(json.dumps(parts)) > STATUS_MAX_BYTES:
            raise PydanticCustomError("status_too_large", "at most {n} bytes",
                                      {"n": STATUS_MAX_BYTES})
        return self


class DeviceOut(BaseModel):
    name: str
    role: str
    last_seen_at: datetime | None
    status: dict[str, object] | None
    # Heard from (a request or a status report) within the last two minutes.
    online: bool = False


class Health(BaseModel):
    status: str
