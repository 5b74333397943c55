"""SQLite storage: one file in the data directory, WAL mode, versioned schema.

Every use case that writes runs in one ``BEGIN IMMEDIATE`` transaction, so two kiosks taking
a ticket at the same instant are serialised and never get the same number, and a ticket is on
disk before the server answers for it. Reads (the phone page, the display, token checks) run
on separate read-only connections in a deferred transaction: WAL readers see a consistent
snapshot and never wait for the write lock, even when another process holds it.

A write waits at most ``WRITE_WAIT_SECONDS`` for the lock (ours, then SQLite's), then gives
up with :class:`StorageBusy`, so the kiosk hears "busy, retry" before its own 5 s timeout.

The store is composed of this package's modules: ``schema`` (migrations, opening a
connection), ``rows`` (rows as domain objects), one query module per area (``tickets``,
``guests``, ``visit_records``, ``feedback``, ``reports``), which together make a
``SqliteTransaction``, and ``accounts``.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shared.core.errors import StorageBusy, StorageFailed, StorageFull
from shared.storage.sqlite.accounts import ACCOUNTS_STAMP_FILE, SqliteAccounts
from shared.storage.sqlite.feedback import FeedbackQueries
from shared.storage.sqlite.guests import GuestBookQueries
from shared.storage.sqlite.reports import ReportQueries
from shared.storage.sqlite.schema import (
    DB_FILE,
    MIGRATIONS,
    migrate,
    open_connection,
    private_files,
    schema_version,
)
from shared.storage.sqlite.tickets import TicketQueries
from shared.storage.sqlite.visit_records import VisitRecordQueries

__all__ = [
    "ACCOUNTS_STAMP_FILE", "DB_FILE", "MIGRATIONS", "READERS_KEPT", "WRITE_WAIT_SECONDS",
    "SqliteStore", "SqliteTransaction",
]

log = logging.getLogger("pst_antrian.storage")

# Below the kiosk client's 5 s timeout, so a busy database is answered, not timed out.
WRITE_WAIT_SECONDS = 3.0
# Read-only connections kept for the server's threads (more are made while all are busy).
READERS_KEPT = 4


class SqliteTransaction(
    TicketQueries, GuestBookQueries, VisitRecordQueries, FeedbackQueries, ReportQueries
):
    """The reads and writes of every area inside one open SQLite transaction."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self.erased = False


class SqliteStore(SqliteAccounts):
    """The SQLite file of one office. Safe to share between the server's threads."""

    def __init__(self, data_dir: Path, durable: bool = True):
        self.path = data_dir / DB_FILE
        self._stamp_path = data_dir / ACCOUNTS_STAMP_FILE
        private_files(data_dir, self.path)
        self._durable = durable
        self._db = self._connect()
        self._db.execute("PRAGMA journal_mode = WAL")  # pragma: no mutate
        self._lock = threading.Lock()
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._closed = False
        with self.transaction():
            migrate(self._db)

    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        return open_connection(self.path, self._durable, WRITE_WAIT_SECONDS, read_only)

    @property
    def schema_version(self) -> int:
        with self._reading() as reader:
            return schema_version(reader)

    @contextmanager
    def transaction(self) -> Iterator[SqliteTransaction]:
        """One write transaction; committed when the block ends, rolled back if it raises
        (or if the COMMIT itself fails, e.g. on a full disk)."""
        deadline = time.monotonic() + WRITE_WAIT_SECONDS
        if not self._lock.acquire(timeout=WRITE_WAIT_SECONDS):
            raise StorageBusy()
        try:
            left_ms = max(1, int((deadline - time.monotonic()) * 1000))
            self._db.execute(f"PRAGMA busy_timeout = {left_ms}")
            try:
                self._db.execute("BEGIN IMMEDIATE")  # pragma: no mutate
            except sqlite3.OperationalError as exc:
                raise _storage_error(exc) from exc
            tx = SqliteTransaction(self._db)
            try:
                yield tx
                self._db.execute("COMMIT")  # pragma: no mutate
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")  # pragma: no mutate
                if isinstance(exc, sqlite3.OperationalError):
                    raise _storage_error(exc) from exc
                raise
            if tx.erased:
                self._checkpoint()
        finally:
            self._lock.release()

    def _checkpoint(self) -> None:
        """After an erasure: the WAL still holds copies of the pages from before it (names,
        contacts) until a checkpoint; copy it into the database file (whose freed content
        secure_delete overwrites) and empty it. Readers in progress may delay this; then the
        next erasure or the server's stop finishes it. (Writers wait meanwhile: at most 1 s.)"""
        self._db.execute("PRAGMA busy_timeout = 1000")  # pragma: no mutate
        busy, _, _ = self._db.execute(
            "PRAGMA wal_checkpoint(TRUNCATE)"  # pragma: no mutate
        ).fetchone()
        if busy:
            log.warning("erased data may stay in the write-ahead log until the next checkpoint")

    @contextmanager
    def snapshot(self) -> Iterator[SqliteTransaction]:
        """A consistent read-only view of the queue that never waits for a writer."""
        try:
            reader = self._readers.get_nowait()
        except queue.Empty:
            reader = self._connect(read_only=True)
        try:
            reader.execute("BEGIN")  # pragma: no mutate
            try:
                yield SqliteTransaction(reader)
            finally:
                if reader.in_transaction:
                    reader.execute("COMMIT")  # pragma: no mutate
        except sqlite3.OperationalError as exc:
            reader.close()
            raise _storage_error(exc) from exc
        except BaseException:
            self._keep_reader(reader)
            raise
        self._keep_reader(reader)

    def _keep_reader(self, reader: sqlite3.Connection) -> None:
        if self._closed or self._readers.qsize() >= READERS_KEPT:
            reader.close()
        else:
            self._readers.put(reader)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()
        while not self._readers.empty():
            self._readers.get_nowait().close()

    # --- the connections the accounts run on ----------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self.transaction():
            yield self._db

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self.snapshot() as tx:
            yield tx._db


def _storage_error(exc: sqlite3.OperationalError) -> Exception:
    """SQLite's failure as the error the edge reports: busy, full, or broken."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageBusy()
    if "full" in text or "disk i/o" in text:
        return StorageFull()
    return StorageFailed()
