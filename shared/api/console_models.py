"""The JSON shapes of the officer console's endpoints: the desk, notes, follow-ups, the
guest book, and the admin's users and devices."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from shared.api.models import TicketRecordOut


class MeOut(BaseModel):
    username: str
    role: str
    expires_at: datetime | None


class DeskSetupOut(BaseModel):
    id: str
    name: str
    name_en: str
    services: list[str]


class ServiceSetupOut(BaseModel):
    code: str
    name: str
    name_en: str
    letter: str
    enabled: bool


class ConsoleSetupOut(BaseModel):
    """What the console needs once: the office, its desks and services, who is logged in."""

    office: str
    today: date
    me: MeOut
    desks: list[DeskSetupOut]
    services: list[ServiceSetupOut]


class NoteIn(BaseModel):
    text: str = Field(max_length=4000)


class NoteOut(BaseModel):
    text: str
    author: str
    updated_at: datetime


class FollowUpIn(BaseModel):
    note: str = Field(default="", max_length=4000)


class FollowUpCloseIn(BaseModel):
    note: str = Field(max_length=4000)


class FollowUpOut(BaseModel):
    id: int
    ticket_id: int
    number: str
    service: str
    visit_day: date
    due_on: date
    overdue: bool
    open: bool
    note: str
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    closing_note: str | None
    visitor_name: str | None
    institution: str | None


class VisitOut(TicketRecordOut):
    note: NoteOut | None
    follow_up: FollowUpOut | None


class WaitingOut(BaseModel):
    id: int
    number: str
    priority: bool
    issued_at: datetime
    minutes_waited: int


class ServiceQueueOut(BaseModel):
    service: str
    name: str
    name_en: str
    total: int
    tickets: list[WaitingOut]


class DeskViewOut(BaseModel):
    version: int
    now: datetime
    desk: DeskSetupOut
    current: VisitOut | None
    waiting: list[ServiceQueueOut]
    follow_ups_open: int
    follow_ups_overdue: int


class UserIn(BaseModel):
    username: str = Field(max_length=200)
    role: str
    password: str = Field(max_length=4000)


class UserOut(BaseModel):
    username: str
    role: str
    active: bool
    created_at: datetime


class PasswordIn(BaseModel):
    password: str = Field(max_length=4000)


class DeviceIn(BaseModel):
    name: str = Field(max_length=200)
    role: str


class DeviceCreatedOut(BaseModel):
    """A new device and its token: shown once, never stored in clear."""

    name: str
    role: str
    token: str
