"""SQLite reads and writes of the queue: tickets, calls, the queue's version (which the
displays poll) and the kiosks' Idempotency-Keys."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from shared.core.queue.model import Call, Ticket, TicketStatus
from shared.storage.sqlite.rows import (
    Queries,
    call_from_row,
    marks,
    stored_time,
    ticket_from_row,
)


class TicketQueries(Queries):
    """The queue's part of a SQLite transaction."""

    def next_sequence(self, service: str, day: date) -> int:
        return self._count(
            "SELECT COALESCE(MAX(sequence), 0) + 1 FROM tickets"  # pragma: no mutate
            " WHERE service = ? AND day = ?",  # pragma: no mutate
            service, day.isoformat(),
        )

    def add_ticket(self, ticket: Ticket) -> Ticket:
        cursor = self._db.execute(
            "INSERT INTO tickets (token, service, day, sequence, number,"  # pragma: no mutate
            " status, priority, guest_entry_id, issued_at, transferred_from,"  # pragma: no mutate
            " rating_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate
            (
                ticket.token, ticket.service, ticket.day.isoformat(), ticket.sequence,
                ticket.number, ticket.status.value, int(ticket.priority),
                ticket.guest_entry_id, stored_time(ticket.issued_at), ticket.transferred_from,
                ticket.rating_code,
            ),
        )
        return Ticket(**{**ticket.__dict__, "id": cursor.lastrowid})

    def save_ticket(self, ticket: Ticket) -> None:
        self._db.execute(
            "UPDATE tickets SET status = ?, desk = ?, called_at = ?,"  # pragma: no mutate
            " recalls = ?, finished_at = ?, transferred_to = ? WHERE id = ?",  # pragma: no mutate
            (
                ticket.status.value, ticket.desk, stored_time(ticket.called_at), ticket.recalls,
                stored_time(ticket.finished_at), ticket.transferred_to, ticket.id,
            ),
        )

    def ticket(self, ticket_id: int) -> Ticket | None:
        row = self._one(
            "SELECT * FROM tickets WHERE id = ?",  # pragma: no mutate
            ticket_id,
        )
        return ticket_from_row(row) if row else None

    def ticket_by_token(self, token: str) -> Ticket | None:
        row = self._one(
            "SELECT * FROM tickets WHERE token = ?",  # pragma: no mutate
            token,
        )
        return ticket_from_row(row) if row else None

    def tickets(
        self,
        day: date,
        status: TicketStatus | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Ticket]:
        page = (-1 if limit is None else limit, offset)
        if status is None:
            rows = self._all(
                "SELECT * FROM tickets WHERE day = ?"  # pragma: no mutate
                " ORDER BY id LIMIT ? OFFSET ?",  # pragma: no mutate
                day.isoformat(), *page,
            )
        else:
            rows = self._all(
                "SELECT * FROM tickets WHERE day = ? AND status = ?"  # pragma: no mutate
                " ORDER BY id LIMIT ? OFFSET ?",  # pragma: no mutate
                day.isoformat(), status.value, *page,
            )
        return [ticket_from_row(r) for r in rows]

    def tickets_between(self, first: date, last: date, limit: int | None = None,
                        offset: int = 0) -> list[Ticket]:
        rows = self._all(
            "SELECT * FROM tickets WHERE day BETWEEN ? AND ?"  # pragma: no mutate
            " ORDER BY day, id LIMIT ? OFFSET ?",  # pragma: no mutate
            first.isoformat(), last.isoformat(), -1 if limit is None else limit, offset,
        )
        return [ticket_from_row(r) for r in rows]

    def waiting(self, services: Collection[str], day: date) -> list[Ticket]:
        rows = self._all(
            f"SELECT * FROM tickets WHERE day = ? AND status = 'waiting'"
            f" AND service IN ({marks(services)}) ORDER BY id",
            day.isoformat(),
            *services,
        )
        return [ticket_from_row(r) for r in rows]

    def front_of_queue(self, services: Collection[str], day: date) -> list[Ticket]:
        # The SQL twin of queue_rules.call_order (ORDER BY issued_at, id): they must agree.
        found = []
        for priority in (1, 0):
            row = self._one(
                f"SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND priority = ?"
                f" AND service IN ({marks(services)}) ORDER BY issued_at, id LIMIT 1",
                day.isoformat(), priority, *services,
            )
            if row is not None:
                found.append(ticket_from_row(row))
        return found

    def count_ahead(self, ticket: Ticket) -> int:
        # The SQL twin of queue_rules.call_order (as is front_of_queue): they must agree.
        # Three index range counts (priority above; same priority issued earlier; same instant,
        # lower id) instead of one OR'd condition, which would scan the whole queue.
        waiting_here = (
            "SELECT COUNT(*) FROM tickets"  # pragma: no mutate
            " WHERE day = ? AND status = 'waiting' AND service = ?"  # pragma: no mutate
        )
        key = (ticket.day.isoformat(), ticket.service)
        priority, issued = int(ticket.priority), stored_time(ticket.issued_at)
        return self._count(
            f"SELECT ({waiting_here} AND priority > ?)"
            f" + ({waiting_here} AND priority = ? AND issued_at < ?)"
            f" + ({waiting_here} AND priority = ? AND issued_at = ? AND id < ?)",
            *key, priority, *key, priority, issued, *key, priority, issued, ticket.id,
        )

    def waiting_counts(self, services: Collection[str], day: date) -> dict[str, int]:
        rows = self._all(
            f"SELECT service, COUNT(*) FROM tickets WHERE day = ? AND status = 'waiting'"
            f" AND service IN ({marks(services)}) GROUP BY service",
            day.isoformat(), *services,
        )
        counts = {service: 0 for service in services}
        counts.update({r[0]: int(r[1]) for r in rows})
        return counts

    def at_desk(self, desk: str, day: date) -> Ticket | None:
        row = self._one(
            "SELECT * FROM tickets WHERE desk = ? AND status = 'called'"  # pragma: no mutate
            " AND day = ? ORDER BY called_at DESC LIMIT 1",  # pragma: no mutate
            desk, day.isoformat(),
        )
        return ticket_from_row(row) if row else None

    def service_minutes(self, service: str, day: date, n: int) -> list[float]:
        rows = self._all(
            "SELECT called_at, finished_at FROM tickets"  # pragma: no mutate
            " WHERE day = ? AND service = ? AND status = 'done'"  # pragma: no mutate
            " AND called_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?",  # pragma: no mutate
            day.isoformat(), service, n,
        )
        return [
            (datetime.fromisoformat(r[1]) - datetime.fromisoformat(r[0])).total_seconds() / 60
            for r in rows
        ]

    def open_tickets_of(self, id_hash: str, day: date) -> int:
        return self._count(
            "SELECT COUNT(*) FROM tickets t"  # pragma: no mutate
            " JOIN guest_entries g ON g.id = t.guest_entry_id"  # pragma: no mutate
            " WHERE g.id_hash = ? AND t.day = ?"  # pragma: no mutate
            " AND t.status IN ('waiting', 'called')",  # pragma: no mutate
            id_hash, day.isoformat(),
        )

    def open_tickets_before(self, day: date) -> list[Ticket]:
        rows = self._all(
            "SELECT * FROM tickets"  # pragma: no mutate
            " WHERE status IN ('waiting', 'called') AND day < ? ORDER BY id",  # pragma: no mutate
            day.isoformat(),
        )
        return [ticket_from_row(r) for r in rows]

    def finished_tickets(self, day: date, desk: str | None = None) -> list[Ticket]:
        sql = "SELECT * FROM tickets WHERE day = ? AND status = 'done'"  # pragma: no mutate
        args: list[object] = [day.isoformat()]
        if desk is not None:
            sql += " AND desk = ?"  # pragma: no mutate
            args.append(desk)
        rows = self._all(
            sql + " ORDER BY finished_at DESC, id DESC",  # pragma: no mutate
            *args,
        )
        return [ticket_from_row(r) for r in rows]

    def day_tickets(self, day: date) -> list[Ticket]:
        rows = self._all(
            "SELECT * FROM tickets WHERE day = ?"  # pragma: no mutate
            " ORDER BY issued_at DESC, id DESC",  # pragma: no mutate
            day.isoformat(),
        )
        return [ticket_from_row(r) for r in rows]

    def tickets_of_guests(self, entry_ids: Collection[int]) -> list[Ticket]:
        rows = self._all(
            f"SELECT * FROM tickets WHERE guest_entry_id IN ({marks(entry_ids)}) ORDER BY id",
            *entry_ids,
        )
        return [ticket_from_row(r) for r in rows]

    # --- calls ----------------------------------------------------------------------------

    def add_call(self, call: Call) -> Call:
        cursor = self._db.execute(
            "INSERT INTO calls (ticket_id, number, service, desk, day,"  # pragma: no mutate
            " called_at, recall, officer) VALUES (?, ?, ?, ?,"  # pragma: no mutate
            " (SELECT day FROM tickets WHERE id = ?), ?, ?, ?)",  # pragma: no mutate
            (
                call.ticket_id, call.number, call.service, call.desk, call.ticket_id,
                stored_time(call.called_at), int(call.recall), call.officer,
            ),
        )
        return Call(**{**call.__dict__, "id": cursor.lastrowid})

    def recent_calls(self, day: date, n: int) -> list[Call]:
        rows = self._all(
            "SELECT * FROM calls WHERE day = ? ORDER BY id DESC LIMIT ?",  # pragma: no mutate
            day.isoformat(), n,
        )
        return [call_from_row(r) for r in rows]

    def first_calls_priority(self, services: Collection[str], day: date, n: int) -> list[bool]:
        rows = self._all(
            f"SELECT t.priority FROM calls c JOIN tickets t ON t.id = c.ticket_id"
            f" WHERE c.day = ? AND c.recall = 0 AND c.service IN ({marks(services)})"
            f" ORDER BY c.id DESC LIMIT ?",
            day.isoformat(),
            *services,
            n,
        )
        return [bool(r[0]) for r in rows]

    # --- the queue's version and the kiosks' retries --------------------------------------

    def bump_version(self) -> int:
        self._db.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1"  # pragma: no mutate
            " WHERE key = 'version'"  # pragma: no mutate
        )
        return self.version()

    def version(self) -> int:
        return self._count(
            "SELECT value FROM meta WHERE key = 'version'"  # pragma: no mutate
        )

    def idempotent_ticket(self, principal: str, key: str) -> tuple[str, int] | None:
        row = self._one(
            "SELECT request_hash, ticket_id FROM idempotency"  # pragma: no mutate
            " WHERE principal = ? AND key = ?",  # pragma: no mutate
            principal, key,
        )
        return (row[0], int(row[1])) if row else None

    def remember_idempotent(
        self, principal: str, key: str, request_hash: str, ticket_id: int, at: datetime
    ) -> None:
        self._db.execute(
            "INSERT INTO idempotency (principal, key, request_hash, ticket_id,"  # pragma: no mutate
            " created_at) VALUES (?, ?, ?, ?, ?)",  # pragma: no mutate
            (principal, key, request_hash, ticket_id, stored_time(at)),
        )

    def forget_idempotency_before(self, cutoff: datetime) -> int:
        cursor = self._db.execute(
            "DELETE FROM idempotency WHERE created_at < ?",  # pragma: no mutate
            (stored_time(cutoff),),
        )
        return cursor.rowcount
