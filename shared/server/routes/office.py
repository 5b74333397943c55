"""``GET /office``: what the kiosk tells a visitor about the office itself: its name, the
complaint channels, the opening hours, and how long the guest book keeps personal data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from shared.api import models as schemas
from shared.core.queue.office import QueueOffice
from shared.server.deps import office as office_dependency

router = APIRouter(prefix="/api/v1")


@router.get("/office", tags=["public"])
def office(queue: Annotated[QueueOffice, Depends(office_dependency)]) -> schemas.OfficeOut:
    settings = queue.settings
    about = settings.office
    return schemas.OfficeOut(
        name=about.name,
        short_name=about.short_name,
        address=about.address,
        phone=about.phone,
        website=about.website,
        complaint_channels=list(about.complaint_channels),
        hours=None if settings.hours is None else {
            day: list(ranges) for day, ranges in settings.hours.items()
        },
        close_on_holidays=settings.close_on_holidays,
        timezone=settings.timezone,
        retention_days=settings.retention_days,
        privacy_notice_version=settings.privacy_notice_version,
    )
