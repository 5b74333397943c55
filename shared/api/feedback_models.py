"""The JSON shapes of ratings, complaints and reports (pure pydantic, no FastAPI), shared by
the server, the client and the kiosk."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.api.models import RowId

__all__ = [
    "RatingIn",
    "RatingOut",
    "RateableOut",
    "ComplaintIn",
    "ComplaintOut",
    "ComplaintUpdate",
    "ComplaintList",
    "ElementOut",
    "IkmOut",
    "SpreadOut",
    "ReportOut",
]


class RatingIn(BaseModel):
    """``overall``, ``skm`` and ``comment`` are checked by ``shared.core.feedback.ratings``, so
    every bad
    value gets the same specific Indonesian/English message as on the kiosk."""

    ticket_id: RowId | None = Field(None, description="may be left out with a status-page token")
    rating_code: str | None = Field(
        None, max_length=16, examples=["4821"],
        description="a kiosk's proof of the visit: the code printed on the ticket")
    desk: str | None = Field(
        None, max_length=16,
        description="the desk tablet's proof instead of a code: the ticket this desk has"
                    " just finished")
    overall: Any = Field(examples=[4], description="the face tapped: 1-4")
    skm: Any = Field(None, examples=[[4, 3, 4, 4, 3, 4, 4, 3, 3]],
                     description="nine answers 1-4 in element order (1..9), or null")
    comment: Any = None


class RatingOut(BaseModel):
    id: int
    ticket_id: int
    overall: int
    skm: list[int] | None
    comment: str | None
    rated_at: datetime
    channel: str


class RateableOut(BaseModel):
    """A finished ticket of today that can still be rated: its number, nothing personal."""

    ticket_id: int
    number: str
    service: str
    desk: str | None


class ComplaintIn(BaseModel):
    text: Any = None
    contact_email: Any = None
    contact_phone: Any = None
    ticket_id: RowId | None = None


class ComplaintOut(BaseModel):
    id: int
    created_at: datetime
    text: str
    contact_email: str | None
    contact_phone: str | None
    ticket_id: int | None
    ticket_number: str | None = None
    channel: str
    status: str
    status_name: str
    reply: str | None
    updated_at: datetime | None
    updated_by: str | None


class ComplaintUpdate(BaseModel):
    status: str = Field(examples=["in_progress"], description="new, in_progress or closed")
    reply: Any = None


class ComplaintList(BaseModel):
    open: int
    counts: dict[str, int]
    complaints: list[ComplaintOut]


class ElementOut(BaseModel):
    element: int
    name: str
    name_en: str
    mean: float | None


class IkmOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    ikm: float | None
    grade: str | None
    label: str | None
    label_en: str | None
    respondents: int
    elements: list[ElementOut]
    weighting: str


class SpreadOut(BaseModel):
    count: int
    median_minutes: float | None
    p90_minutes: float | None


class ReportOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    tickets: int
    visitors: int
    per_service: dict[str, int]
    per_purpose: dict[str, int]
    per_occupation: dict[str, int]
    per_day: dict[str, int]
    per_hour: dict[str, int]
    waiting: SpreadOut
    service_time: SpreadOut
    waiting_bands: dict[str, int]
    calls_per_desk: dict[str, int]
    calls_per_officer: dict[str, int]
    no_shows: int
    referrals: int
    faces: list[int]
    ratings: int
    satisfaction: IkmOut
    follow_ups_open: int | None = None  # as of now, not of the range
    follow_ups_overdue: int | None = None
