"""The office's figures for a day, a month or any range: pure arithmetic over counted visits.

What counts as what (the issue was silent; stated here so a reader of the report knows):
- *tickets* are every number issued, including the new tickets of referrals; *visitors* are
  guest-book visits (a referral keeps the visitor's entry, so it is not a second visitor).
  Visitors per service count tickets (a referred visitor is served by two services); per
  purpose and per occupation count visitors.
- waiting time: from the ticket's issue to its first call; service time: from the first call
  to the finish (finished visits only). Median, and p90 by the nearest-rank method (the
  smallest value that at least 90 % of the visits do not exceed).
- calls per desk and per officer count first calls; recalls are not new visitors.
- ratings and the IKM belong to the day of the visit rated, not the day the rating came.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from shared.core.feedback.satisfaction import SatisfactionIndex
from shared.core.queue.model import TicketStatus

# Waiting-time chart bands, in minutes: [0, 5), [5, 10), ... [60, inf).
WAIT_BANDS = (0, 5, 10, 15, 30, 60)


class VisitFact(NamedTuple):
    """One ticket as the reports need it: no name, no contact, no identity number."""

    ticket_id: int
    day: date
    service: str
    status: TicketStatus
    issued_at: datetime
    wait_minutes: float | None  # issue to first call; None if never called
    service_minutes: float | None  # first call to finish; None unless finished
    desk: str | None
    referred_out: bool  # the visitor was referred from this ticket to another service
    from_referral: bool  # this ticket was issued by a referral
    purpose: str | None
    occupation: str | None


@dataclass(frozen=True)
class CallCount:
    desk: str
    officer: str | None  # None: called before calls named their officer
    calls: int


@dataclass(frozen=True)
class Spread:
    count: int
    median: float | None  # minutes
    p90: float | None


@dataclass(frozen=True)
class OfficeReport:
    first: date
    last: date
    tickets: int
    visitors: int
    per_service: dict[str, int]
    per_purpose: list[tuple[str, int]]
    per_occupation: list[tuple[str, int]]
    per_day: dict[date, int]
    per_hour: dict[int, int]
    waiting: Spread
    service_time: Spread
    waiting_bands: list[tuple[str, int]]
    calls_per_desk: dict[str, int]
    calls_per_officer: dict[str, int]
    no_shows: int
    referrals: int
    faces: tuple[int, int, int, int]
    satisfaction: SatisfactionIndex
    follow_ups_open: int | None = None
    follow_ups_overdue: int | None = None

    @property
    def ratings(self) -> int:
        return sum(self.faces)


def nearest_rank(values: Sequence[float], share: float) -> float | None:
    """The smallest value that at least ``share`` of ``values`` do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def spread(minutes: Sequence[float]) -> Spread:
    if not minutes:
        return Spread(0, None, None)
    return Spread(len(minutes), float(statistics.median(minutes)), nearest_rank(minutes, 0.9))


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def waiting_bands(minutes: Iterable[float]) -> list[tuple[str, int]]:
    ordered = sorted(minutes)
    edges = [bisect.bisect_left(ordered, low) for low in WAIT_BANDS[1:]]
    counts = [b - a for a, b in zip([0, *edges], [*edges, len(ordered)], strict=True)]
    labels = [f"{low}-{high}" for low, high in zip(WAIT_BANDS, WAIT_BANDS[1:], strict=False)]
    labels.append(f"{WAIT_BANDS[-1]}+")
    return list(zip(labels, counts, strict=True))


def quarter_hour(moment: datetime) -> datetime:
    """The UTC start of the quarter hour holding ``moment``: the unit visitors are counted
    in by time of day (every time zone's offset is a whole number of quarter hours, so a
    quarter hour falls in one local hour wherever the office is)."""
    utc = moment.astimezone(UTC)
    return utc.replace(minute=utc.minute - utc.minute % 15, second=0, microsecond=0)


@dataclass(frozen=True)
class VisitTally:
    """A range's visits counted: what the report needs, small whatever the range's size.

    Storage counts it (SQLite with ``GROUP BY``); :func:`tally` is the same counting over
    :class:`VisitFact` rows, the definition the stores are tested against."""

    per_service: dict[str, int]  # tickets
    per_day: dict[date, int]  # visitors (tickets not issued by a referral), as below
    per_quarter_hour: dict[datetime, int]  # see quarter_hour
    per_purpose: dict[str | None, int]  # None: the guest-book entry was erased
    per_occupation: dict[str | None, int]
    no_shows: int
    referrals: int  # finished tickets the visitor was referred on from
    waits: list[float]  # minutes, every ticket called
    service_times: list[float]  # minutes, every ticket finished

    @property
    def tickets(self) -> int:
        return sum(self.per_service.values())

    @property
    def visitors(self) -> int:
        return sum(self.per_day.values())


def tally(visits: Iterable[VisitFact]) -> VisitTally:
    per_service: Counter[str] = Counter()
    per_day: Counter[date] = Counter()
    per_quarter: Counter[datetime] = Counter()
    per_purpose: Counter[str | None] = Counter()
    per_occupation: Counter[str | None] = Counter()
    waits: list[float] = []
    services: list[float] = []
    no_shows = referrals = 0
    for visit in visits:
        per_service[visit.service] += 1
        if not visit.from_referral:
            per_day[visit.day] += 1
            per_quarter[quarter_hour(visit.issued_at)] += 1
            per_purpose[visit.purpose] += 1
            per_occupation[visit.occupation] += 1
        if visit.wait_minutes is not None:
            waits.append(visit.wait_minutes)
        if visit.status is TicketStatus.NO_SHOW:
            no_shows += 1
        elif visit.status is TicketStatus.DONE:
            if visit.referred_out:
                referrals += 1
            if visit.service_minutes is not None:
                services.append(visit.service_minutes)
    return VisitTally(dict(per_service), dict(per_day), dict(per_quarter), dict(per_purpose),
                      dict(per_occupation), no_shows, referrals, waits, services)


def _named(counts: dict[str | None, int]) -> Counter[str]:
    named: Counter[str] = Counter()
    for name, n in counts.items():
        named[name or "(terhapus / erased)"] += n
    return named


def office_report(
    first: date,
    last: date,
    visits: VisitTally,
    calls: Sequence[CallCount],
    faces: Sequence[int],
    satisfaction: SatisfactionIndex,
    zone: ZoneInfo,
) -> OfficeReport:
    """The figures of the days ``first`` to ``last``; ``faces[i]`` = ratings with face i+1."""
    per_hour: Counter[int] = Counter()
    for start, n in visits.per_quarter_hour.items():
        per_hour[start.astimezone(zone).hour] += n
    per_desk: Counter[str] = Counter()
    per_officer: Counter[str] = Counter()
    for count in calls:
        per_desk[count.desk] += count.calls
        per_officer[count.officer or "(tidak tercatat / not recorded)"] += count.calls
    face_counts = (list(faces) + [0, 0, 0, 0])[:4]
    return OfficeReport(
        first=first,
        last=last,
        tickets=visits.tickets,
        visitors=visits.visitors,
        per_service=dict(sorted(visits.per_service.items())),
        per_purpose=_ranked(_named(visits.per_purpose)),
        per_occupation=_ranked(_named(visits.per_occupation)),
        per_day=dict(sorted(visits.per_day.items())),
        per_hour=dict(sorted(per_hour.items())),
        waiting=spread(visits.waits),
        service_time=spread(visits.service_times),
        waiting_bands=waiting_bands(visits.waits),
        calls_per_desk=dict(sorted(per_desk.items())),
        calls_per_officer=dict(sorted(per_officer.items())),
        no_shows=visits.no_shows,
        referrals=visits.referrals,
        faces=(face_counts[0], face_counts[1], face_counts[2], face_counts[3]),
        satisfaction=satisfaction,
    )
