"""The JSON shapes of the HTTP API: the contract the server, the client and the apps share.

Pure pydantic, no FastAPI: the kiosk and the display import these through ``shared.client``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictBool

__all__ = [
    "VisitorIn",
    "TicketRequest",
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
]


class VisitorIn(BaseModel):
    """Guest-book fields as typed on the kiosk; checked by shared.validation, not here,
    so every field gets the same specific Indonesian/English message everywhere."""

    id_type: str = ""
    id_number: str = ""
    name: str = ""
    email: str = ""
    phone: str | None = None
    institution: str | None = None
    occupation: str = ""
    purpose: str = ""


class TicketRequest(BaseModel):
    """``visitor`` as typed, or ``visitor_reference`` from ``GET /visitors/lookup`` (then
    ``visitor`` may carry only the fields the visitor changed). Only JSON ``true`` is consent."""

    service: str = Field(examples=["KONSULTASI"])
    visitor: VisitorIn | None = None
    visitor_reference: str | None = Field(default=None, max_length=100)
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
    status_url: str
    desk: str | None = None
    desk_name: str | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    recalls: int = 0
    transferred_from: int | None = None
    transferred_to: int | None = None


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
    username: str
    password: str


class LoginOut(BaseModel):
    token: str
    role: str
    expires_at: datetime


class TransferRequest(BaseModel):
    service: str


class DeviceStatusIn(BaseModel):
    """A device reports its own state, e.g. ``{"printer": {"state": "paper_out", ...}}``."""

    model_config = ConfigDict(extra="allow")


class DeviceOut(BaseModel):
    name: str
    role: str
    last_seen_at: datetime | None
    status: dict[str, object] | None
    # Heard from (a request or a status report) within the last two minutes.
    online: bool = False


class Health(BaseModel):
    status: str
