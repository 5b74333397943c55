"""One visitor's rights and the retention purge (UU PDP No. 27/2022, art. 16, 32, 42-44).

- export: everything kept about a visitor, found by identity number;
- erase: their name, contact and identity gone from the guest book, their comments and
  complaint texts gone; tickets, occupation, purpose, scores and so every count and the
  IKM stay, without anything that points to the person;
- purge: what is older than ``retention_days`` (guest-book data, rating comments, complaint
  texts, contacts and replies), on demand or dry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from shared.core.calendar.clock import OfficeCalendar
from shared.core.errors import NotFound
from shared.core.ports.personal_data import PersonalDataStore, PersonalDataTransaction
from shared.core.queue.model import GuestEntry
from shared.core.settings import Settings
from shared.core.visitors.identity import IdentityKeyring
from shared.core.visitors.identity_numbers import ID_TYPES, normalize_id_number
from shared.core.visitors.sentences import VISITOR_ERRORS

log = logging.getLogger("pst_antrian.personal_data")


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    guest_entries: int
    rating_comments: int
    complaints: int
    dry_run: bool


@dataclass(frozen=True)
class Erasure:
    guest_entries: int
    tickets: int
    comments: int
    complaints: int


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


class PersonalData:
    def __init__(self, store: PersonalDataStore, settings: Settings, calendar: OfficeCalendar,
                 keyring: IdentityKeyring):
        self._store = store
        self._settings = settings
        self._calendar = calendar
        self._keyring = keyring

    def purge(self, dry_run: bool = False) -> PurgeResult:
        """Erase what is older than the retention period; with ``dry_run`` only count it."""
        now = self._calendar.now()
        cutoff = now - timedelta(days=self._settings.retention_days)
        with self._store.transaction() as tx:
            guests = tx.guests_created_before(cutoff)
            if dry_run:
                comments = tx.rating_comments_before(cutoff)
                complaints = tx.complaints_before(cutoff)
            else:
                tx.erase_guests_before(cutoff, now)
                comments = tx.erase_rating_comments_before(cutoff)
                complaints = tx.erase_complaints_before(cutoff, now)
        if not dry_run and (guests or comments or complaints):
            log.info("retention: erased %d guest-book entries, %d rating comments,"
                     " %d complaints", guests, comments, complaints)
        return PurgeResult(cutoff, guests, comments, complaints, dry_run)

    def _entries(self, tx: PersonalDataTransaction, id_number: str) -> list[GuestEntry]:
        found: dict[int, GuestEntry] = {}
        for id_type in ID_TYPES:
            number = normalize_id_number(id_type, id_number)
            for entry in tx.guests_by_hash(self._keyring.fingerprint(id_type, number)):
                assert entry.id is not None
                found[entry.id] = entry
        if not found:
            raise NotFound.said("visitor_not_found", field="id_number", words=VISITOR_ERRORS)
        return [found[k] for k in sorted(found)]

    def export(self, id_number: str) -> dict[str, Any]:
        """Everything kept about the visitor with this identity number, JSON-ready: the guest
        book, tickets, ratings, the officers' notes on the visits, complaints."""
        local = self._calendar.local
        with self._store.transaction() as tx:
            entries = self._entries(tx, id_number)
            tickets = tx.tickets_of_guests([e.id for e in entries if e.id is not None])
            ticket_ids = [t.id for t in tickets if t.id is not None]
            ratings = tx.ratings_of(ticket_ids)
            contacts = {c for e in entries for c in (e.email, e.phone) if c}
            complaints = tx.complaints_of(ticket_ids, contacts)
            notes = tx.visit_notes_of(ticket_ids)
        numbers = {t.id: t.number for t in tickets}
        return {
            "exported_at": self._calendar.now().isoformat(),
            "office": self._settings.office.name,
            "guest_book": [
                {
                    "created_at": local(e.created_at).isoformat(), **e.visitor_fields(),
                    "consent_at": local(e.consent_at).isoformat(),
                    "consent_version": e.consent_version,
                }
                for e in entries
            ],
            "tickets": [
                {
                    "number": t.number, "service": t.service, "day": t.day.isoformat(),
                    "status": t.status.value, "issued_at": local(t.issued_at).isoformat(),
                    "called_at": _when(local(t.called_at) if t.called_at else None),
                    "finished_at": _when(local(t.finished_at) if t.finished_at else None),
                    "desk": t.desk,
                }
                for t in tickets
            ],
            "ratings": [
                {"ticket": numbers.get(r.ticket_id), "overall": r.overall,
                 "skm": list(r.skm) if r.skm else None, "comment": r.comment,
                 "rated_at": local(r.rated_at).isoformat()}
                for r in ratings
            ],
            "officers_notes": [{"ticket": numbers.get(tid), "note": text} for tid, text in notes],
            "complaints": [
                {"ticket": numbers.get(c.ticket_id) if c.ticket_id else None,
                 "created_at": local(c.created_at).isoformat(), "text": c.text,
                 "contact_email": c.contact_email, "contact_phone": c.contact_phone,
                 "status": c.status.value, "reply": c.reply}
                for c in complaints
            ],
        }

    def erase(self, id_number: str) -> Erasure:
        now = self._calendar.now()
        with self._store.transaction() as tx:
            entries = self._entries(tx, id_number)
            tickets = tx.tickets_of_guests([e.id for e in entries if e.id is not None])
            ticket_ids = [t.id for t in tickets if t.id is not None]
            contacts = {c for e in entries for c in (e.email, e.phone) if c}
            complaints = [c.id for c in tx.complaints_of(ticket_ids, contacts)
                          if c.id is not None]
            for entry in entries:
                assert entry.id is not None
                tx.erase_guest(entry.id, now)
            comments = tx.erase_rating_comments(ticket_ids)
            tx.erase_visit_notes_of(ticket_ids)
            erased_complaints = tx.erase_complaints(complaints, now) if complaints else 0
        log.info("erasure on request: %d guest-book entries, %d tickets' comments",
                 len(entries), len(ticket_ids))
        return Erasure(len(entries), len(ticket_ids), comments, erased_complaints)
