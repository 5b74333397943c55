"""The JSON shapes of the HTTP API: the contract the server, the client and the apps share.

Pure pydantic, no FastAPI: the kiosk and the display import these through ``shared.client``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "VisitorIn",
    "TicketRequest",
    "TicketOut",
    "VisitorPrefill",
    "GuestOut",
    "TicketRecordOut",
    "ServiceOut",
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
    service: str = Field(examples=["KONSULTASI"])
    visitor: VisitorIn
    consent: bool = False
    priority: bool = False


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
    """A returning visitor's last guest-book entry, to fill the kiosk's form."""

    id_type: str
    id_number_masked: str
    name: str
    email: str
    phone: str | None
    institution: str | None
    occupation: str
    purpose: str


class GuestOut(VisitorPrefill):
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


class Health(BaseModel):
    status: str
