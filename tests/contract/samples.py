"""What the contract tests store: guest-book entries, tickets, ratings and complaints of a
Monday in Tilamuta."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Protocol

from shared.core.feedback.complaints import Complaint
from shared.core.feedback.ratings import Rating
from shared.core.ports.feedback import FeedbackTransaction
from shared.core.ports.queue import QueueTransaction
from shared.core.queue.model import GuestEntry, Ticket

WITA = timezone(timedelta(hours=8))
MONDAY = date(2026, 11, 30)
TUESDAY = MONDAY + timedelta(days=1)
SUNDAY = MONDAY - timedelta(days=1)
NINE = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 WITA on Monday
SKM = (4, 3, 4, 2, 4, 4, 3, 4, 1)


def at(minutes: float, start: datetime = NINE) -> datetime:
    return start + timedelta(minutes=minutes)


def guest(serial: int = 1, created_at: datetime = NINE, **changes: object) -> GuestEntry:
    entry = GuestEntry(
        id_type="KTP", id_masked=f"7502********{serial:04d}", id_hash=f"hash-{serial}",
        name=f"Sitti Pakaya {serial}", email=f"sitti{serial}@gmail.com",
        phone="0812 4455 6677", institution="Universitas Negeri Gorontalo",
        occupation="Mahasiswa", purpose="Data kemiskinan Boalemo",
        consent_at=created_at, consent_version="2026-01", created_at=created_at,
    )
    return GuestEntry(**{**entry.__dict__, **changes})


def ticket(
    sequence: int = 1, service: str = "A", day: date = MONDAY, issued_at: datetime = NINE,
    **changes: object,
) -> Ticket:
    made = Ticket(
        service=service, day=day, sequence=sequence, number=f"{service}{sequence:03d}",
        token=f"tok-{service}-{day.isoformat()}-{sequence}", issued_at=issued_at,
    )
    return Ticket(**{**made.__dict__, **changes})


def issue(tx: QueueTransaction, service: str = "A", day: date = MONDAY,
          issued_at: datetime = NINE, **changes: object) -> Ticket:
    """A ticket numbered as the office numbers them: the next sequence of its service's day."""
    return tx.add_ticket(
        ticket(tx.next_sequence(service, day), service, day, issued_at, **changes)
    )


class RatingTransaction(QueueTransaction, FeedbackTransaction, Protocol):
    """A transaction that issues tickets and takes their ratings."""


def rating(tx: RatingTransaction, overall: int, day: date = MONDAY,
           skm: tuple[int, ...] | None = SKM, comment: str | None = "Ramah") -> Rating:
    """A rating of a new ticket of ``day``, given at 09:30."""
    visit = issue(tx, day=day)
    return tx.add_rating(Rating(visit.id or 0, day, at(30), overall, skm, comment, "kiosk"))


def complaint(n: int, **changes: object) -> Complaint:
    """The ``n``-th complaint, filed ``n`` minutes after nine, with an email and a phone."""
    made = Complaint(at(n), f"Antrian terlalu lama {n}", "kiosk",
                     contact_email=f"warga{n}@mail.id", contact_phone=f"0812000{n}")
    return replace(made, **changes)  # type: ignore[arg-type]
