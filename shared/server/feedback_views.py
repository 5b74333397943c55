"""Ratings, complaints and reports -> API shapes."""

from __future__ import annotations

from datetime import date

from shared.api import feedback_models as out
from shared.core.calendar.clock import OfficeCalendar
from shared.core.feedback.complaints import STATUS_NAMES, Complaint
from shared.core.feedback.ratings import Rating
from shared.core.feedback.report_figures import OfficeReport, Spread
from shared.core.feedback.satisfaction import SatisfactionIndex


def rating_out(rating: Rating, calendar: OfficeCalendar) -> out.RatingOut:
    assert rating.id is not None
    return out.RatingOut(
        id=rating.id, ticket_id=rating.ticket_id, overall=rating.overall,
        skm=list(rating.skm) if rating.skm else None, comment=rating.comment,
        rated_at=calendar.local(rating.rated_at), channel=rating.channel,
    )


def complaint_out(complaint: Complaint, calendar: OfficeCalendar,
                  ticket_number: str | None = None) -> out.ComplaintOut:
    assert complaint.id is not None
    return out.ComplaintOut(
        id=complaint.id, created_at=calendar.local(complaint.created_at), text=complaint.text,
        contact_email=complaint.contact_email, contact_phone=complaint.contact_phone,
        ticket_id=complaint.ticket_id, ticket_number=ticket_number, channel=complaint.channel,
        status=complaint.status.value, status_name=STATUS_NAMES[complaint.status][0],
        reply=complaint.reply,
        updated_at=calendar.local(complaint.updated_at) if complaint.updated_at else None,
        updated_by=complaint.updated_by,
    )


def ikm_out(first: date, last: date, index: SatisfactionIndex) -> out.IkmOut:
    return out.IkmOut(
        from_=first, to=last,
        ikm=float(index.ikm) if index.ikm is not None else None,
        grade=index.grade.letter if index.grade else None,
        label=index.grade.label if index.grade else None,
        label_en=index.grade.label_en if index.grade else None,
        respondents=index.respondents,
        elements=[
            out.ElementOut(element=e.element.number, name=e.element.name,
                           name_en=e.element.name_en,
                           mean=round(float(e.mean), 3) if index.respondents else None)
            for e in index.elements
        ],
        weighting=index.weighting,
    )


def _spread(spread: Spread) -> out.SpreadOut:
    return out.SpreadOut(
        count=spread.count,
        median_minutes=round(spread.median, 1) if spread.median is not None else None,
        p90_minutes=round(spread.p90, 1) if spread.p90 is not None else None,
    )


def report_out(report: OfficeReport) -> out.ReportOut:
    return out.ReportOut(
        from_=report.first, to=report.last, tickets=report.tickets, visitors=report.visitors,
        per_service=report.per_service, per_purpose=dict(report.per_purpose),
        per_occupation=dict(report.per_occupation),
        per_day={d.isoformat(): n for d, n in report.per_day.items()},
        per_hour={f"{h:02d}": n for h, n in report.per_hour.items()},
        waiting=_spread(report.waiting), service_time=_spread(report.service_time),
        waiting_bands=dict(report.waiting_bands), calls_per_desk=report.calls_per_desk,
        calls_per_officer=report.calls_per_officer, no_shows=report.no_shows,
        referrals=report.referrals, faces=list(report.faces), ratings=report.ratings,
        satisfaction=ikm_out(report.first, report.last, report.satisfaction),
        follow_ups_open=report.follow_ups_open, follow_ups_overdue=report.follow_ups_overdue,
    )
