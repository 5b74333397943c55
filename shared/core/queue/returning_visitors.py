"""A returning visitor's earlier guest-book entry, lent to a kiosk under a short-lived
reference instead of its clear values.

The kiosk shows the masked values; the visitor confirms (or retypes some fields) and the
kiosk sends the reference back with ``POST /tickets``. The clear values never leave the
server towards a kiosk, so a stolen kiosk token does not export the guest book. References
live in the server's memory only: a restart forgets them (the visitor then types again).
A reference takes one ticket: the request that used it (and only a retry of that request,
with the same Idempotency-Key) may use it again.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.core.errors import FieldError, InvalidInput
from shared.core.queue.sentences import QUEUE_ERRORS

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


class ReferenceUsed(InvalidInput):
    """The reference has taken its ticket already."""

    def __init__(self) -> None:
        super().__init__([FieldError.said("visitor_reference", "reference_used",
                                          words=QUEUE_ERRORS)])


class VisitorReferences:
    def __init__(self) -> None:
        self._held: dict[str, VisitorReference] = {}
        # reference -> the Idempotency-Key of the request that took it (a random one if none)
        self._taken: dict[str, str] = {}
        self._lock = threading.Lock()  # tickets are issued on several threads at once

    def lend(self, principal: str, id_type: str, id_number: str, guest_entry_id: int,
             now: datetime) -> tuple[str, VisitorReference]:
        with self._lock:
            self._drop_expired(now)
            if len(self._held) >= _MAX_REFERENCES:
                self._drop(next(iter(self._held)))
            reference = secrets.token_urlsafe(18)
            held = VisitorReference(principal, id_type, id_number, guest_entry_id,
                                    now + REFERENCE_LIFETIME)
            self._held[reference] = held
            return reference, held

    def take(self, reference: str, principal: str, now: datetime,
             idempotency_key: str | None) -> tuple[VisitorReference, bool] | None:
        """The entry behind ``reference`` if it is still valid for ``principal``, and whether
        this call took it (False: a retry of the request that did). Raises
        :class:`ReferenceUsed` if another request took it; None if it is not (or no longer)
        valid. A request that fails after taking it gives it back (:meth:`give_back`)."""
        with self._lock:
            held = self._held.get(reference)
            if held is None or held.principal != principal or held.expires_at <= now:
                return None
            taker = self._taken.get(reference)
            if taker is None:
                self._taken[reference] = idempotency_key or secrets.token_hex(16)
                return held, True
            if idempotency_key and taker == idempotency_key:
                return held, False
            raise ReferenceUsed()

    def give_back(self, reference: str) -> None:
        """The request that took ``reference`` failed: it may be used again."""
        with self._lock:
            self._taken.pop(reference, None)

    def _drop(self, reference: str) -> None:
        del self._held[reference]
        self._taken.pop(reference, None)

    def _drop_expired(self, now: datetime) -> None:
        for reference in [r for r, held in self._held.items() if held.expires_at <= now]:
            self._drop(reference)
