"""A returning visitor's earlier guest-book entry, lent to a kiosk under a short-lived
reference instead of its clear values.

The kiosk shows the masked values; the visitor confirms (or retypes some fields) and the
kiosk sends the reference back with ``POST /tickets``. The clear values never leave the
server towards a kiosk, so a stolen kiosk token does not export the guest book. References
live in the server's memory only: a restart forgets them (the visitor then types again).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

REFERENCE_LIFETIME = timedelta(minutes=10)
_MAX_REFERENCES = 2000


@dataclass(frozen=True)
class VisitorReference:
    """What a reference stands for: who may use it, until when, for which entry."""

    principal: str
    id_type: str
    id_number: str  # as typed at the lookup; held in memory only, never stored
    guest_entry_id: int
    expires_at: datetime


class VisitorReferences:
    def __init__(self) -> None:
        self._held: dict[str, VisitorReference] = {}

    def lend(self, principal: str, id_type: str, id_number: str, guest_entry_id: int,
             now: datetime) -> tuple[str, VisitorReference]:
        self._drop_expired(now)
        if len(self._held) >= _MAX_REFERENCES:
            del self._held[next(iter(self._held))]
        reference = secrets.token_urlsafe(18)
        held = VisitorReference(principal, id_type, id_number, guest_entry_id,
                                now + REFERENCE_LIFETIME)
        self._held[reference] = held
        return reference, held

    def redeem(self, reference: str, principal: str, now: datetime) -> VisitorReference | None:
        """The entry behind ``reference`` if it is still valid for ``principal``."""
        held = self._held.get(reference)
        if held is None or held.principal != principal or held.expires_at <= now:
            return None
        return held

    def _drop_expired(self, now: datetime) -> None:
        for reference in [r for r, held in self._held.items() if held.expires_at <= now]:
            del self._held[reference]
