"""The admin's figures: the satisfaction index, the office report, the SKM answers as CSV."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from shared.api import feedback_models as out
from shared.core.errors import NotFound
from shared.core.feedback.reports import OfficeReports
from shared.core.ports.accounts import Account
from shared.server import feedback_views as views
from shared.server.deps import ADMIN, allow
from shared.server.exports.report_charts import CHARTS
from shared.server.exports.skm_csv import skm_csv
from shared.server.state import server_state

router = APIRouter(prefix="/api/v1/reports", tags=["admin"])


def office_reports(request: Request) -> OfficeReports:
    return server_state(request).reports


Reports = Annotated[OfficeReports, Depends(office_reports)]

Admin = Annotated[Account, Depends(allow(*ADMIN))]
From = Annotated[date, Query(alias="from", description="first day, YYYY-MM-DD")]
To = Annotated[date, Query(alias="to", description="last day (inclusive), YYYY-MM-DD")]


@router.get("/ikm", response_model_by_alias=True)
def ikm(reports: Reports, account: Admin, first: From, last: To) -> out.IkmOut:
    """IKM per PermenPAN-RB 14/2017 over the visits of ``from`` .. ``to``."""
    return views.ikm_out(first, last, reports.satisfaction(first, last))


@router.get("/summary", response_model_by_alias=True)
def summary(reports: Reports, account: Admin, first: From, last: To) -> out.ReportOut:
    """Visitors, waiting and service times, calls, no-shows, referrals, faces and IKM."""
    return views.report_out(reports.report(first, last))


@router.get("/skm.csv", response_class=Response)
def skm_answers(reports: Reports, account: Admin, first: From, last: To) -> Response:
    """The SKM answers, one row per respondent, the nine elements as columns."""
    body = skm_csv(reports.skm_answers(first, last))
    name = f"skm-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(
        "\ufeff" + body,  # a BOM, so spreadsheet programs read the names as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/charts/{name}.svg", response_class=Response)
def chart(name: str, reports: Reports, account: Admin, first: From, last: To) -> Response:
    """A chart of the range drawn on the server: ``visitors-per-day``, ``visitors-per-hour``,
    ``waiting-times`` or ``skm-elements``."""
    draw = CHARTS.get(name)
    if draw is None:
        raise NotFound("chart_not_found", f"Grafik {name!r} tidak ada.",
                       f"There is no chart {name!r}.", field="name")
    return Response(draw(reports.report(first, last)), media_type="image/svg+xml")
