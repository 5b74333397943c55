"""The SQLite file's schema: its numbered migrations, and opening a connection to it.

``PRAGMA user_version`` is the number of migrations applied; opening the store applies the
ones after it, in one transaction, so a database made by any earlier version is brought up to
this one. A migration is never changed once released: a new one is added.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

DB_FILE = "pst-antrian.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: the queue, the guest book, accounts and devices
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('version', '0');
    CREATE TABLE guest_entries (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        id_type TEXT NOT NULL,
        id_masked TEXT,
        id_hash TEXT,
        name TEXT,
        email TEXT,
        phone TEXT,
        institution TEXT,
        occupation TEXT,
        purpose TEXT,
        consent_at TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        erased_at TEXT
    );
    CREATE INDEX guest_entries_hash ON guest_entries (id_hash, id);
    CREATE INDEX guest_entries_created ON guest_entries (created_at);
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        number TEXT NOT NULL,
        status TEXT NOT NULL,
        priority INTEGER NOT NULL,
        guest_entry_id INTEGER REFERENCES guest_entries (id),
        issued_at TEXT NOT NULL,
        desk TEXT,
        called_at TEXT,
        recalls INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT,
        transferred_from INTEGER REFERENCES tickets (id),
        transferred_to INTEGER REFERENCES tickets (id),
        UNIQUE (service, day, sequence)
    );
    CREATE INDEX tickets_day_status ON tickets (day, status, service, priority, issued_at);
    CREATE INDEX tickets_desk ON tickets (desk, status);
    CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id),
        number TEXT NOT NULL,
        service TEXT NOT NULL,
        desk TEXT NOT NULL,
        day TEXT NOT NULL,
        called_at TEXT NOT NULL,
        recall INTEGER NOT NULL
    );
    CREATE INDEX calls_day ON calls (day, id);
    CREATE TABLE idempotency (
        principal TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (principal, key)
    );
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        expires_at TEXT NOT NULL
    );
    CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        last_seen_at TEXT,
        status TEXT
    );
    """,
    # 2: ratings, complaints, and the officer who made each call (reports per officer)
    """
    CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        day TEXT NOT NULL,
        rated_at TEXT NOT NULL,
        overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 4),
        e1 INTEGER, e2 INTEGER, e3 INTEGER, e4 INTEGER, e5 INTEGER,
        e6 INTEGER, e7 INTEGER, e8 INTEGER, e9 INTEGER,
        comment TEXT,
        channel TEXT NOT NULL
    );
    CREATE INDEX ratings_day ON ratings (day);
    CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        ticket_id INTEGER REFERENCES tickets (id),
        text TEXT NOT NULL,
        contact_email TEXT,
        contact_phone TEXT,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        reply TEXT,
        updated_at TEXT,
        updated_by TEXT,
        erased_at TEXT
    );
    CREATE INDEX complaints_status ON complaints (status, id);
    ALTER TABLE calls ADD COLUMN officer TEXT;
    CREATE INDEX tickets_guest ON tickets (guest_entry_id)
""",  # as released: SQLite keeps even the whitespace in its schema
    # 3: request hashes of Idempotency-Keys were plain SHA-256 of the whole request (identity
    # number included): dropped, new ones are keyed. Open tickets found by status for the
    # day's end.
    """
    DELETE FROM idempotency;
    CREATE INDEX tickets_status_day ON tickets (status, day);
    """,
    # 4: the officers' records of a visit: a note, and follow-ups due the next working day
    """
    CREATE TABLE visit_notes (
        ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        due_on TEXT NOT NULL,
        note TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        closing_note TEXT
    );
    CREATE INDEX follow_ups_open ON follow_ups (closed_at, due_on);
    """,
    # complaints found by ticket (the daily limit per status token, an erasure) and by age
    # (the retention purge); ratings by age (the purge of old comments)
    """
    CREATE INDEX complaints_ticket ON complaints (ticket_id, created_at);
    CREATE INDEX complaints_created ON complaints (created_at);
    CREATE INDEX ratings_rated ON ratings (rated_at);
    """,
    # emails and phones in one form (shared.core.visitors.validation.canonical_email /
    # canonical_phone), so
    # a visitor's erasure finds complaints whose contact was typed differently: lower case
    # (SQLite's lower(): ASCII letters only, older non-ASCII addresses keep theirs), +62 as 0
    """
    UPDATE guest_entries SET email = lower(email) WHERE email != lower(email);
    UPDATE guest_entries SET phone = '0' || substr(phone, 4) WHERE phone LIKE '+62%';
    UPDATE complaints SET contact_email = lower(contact_email)
        WHERE contact_email != lower(contact_email);
    UPDATE complaints SET contact_phone = '0' || substr(contact_phone, 4)
        WHERE contact_phone LIKE '+62%'
    """,
    # the ticket's rating code, the proof of the visit a kiosk rating needs (older
    # tickets have none: they can be rated from the phone or the desk tablet only)
    """
    ALTER TABLE tickets ADD COLUMN rating_code TEXT NOT NULL DEFAULT '';
    """,
)


def open_connection(path: Path, durable: bool, timeout: float,
                    read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (the store opens its transactions itself)."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=timeout)
    db.row_factory = sqlite3.Row
    # FULL: a ticket the server acknowledged survives a power cut, not only a crash.
    if durable:
        db.execute("PRAGMA synchronous = FULL")  # pragma: no mutate
    else:
        db.execute("PRAGMA synchronous = NORMAL")  # pragma: no mutate
    db.execute("PRAGMA foreign_keys = ON")  # pragma: no mutate
    # Erased guest-book data is overwritten on disk, not only unlinked from the b-tree.
    db.execute("PRAGMA secure_delete = ON")  # pragma: no mutate
    # Small page caches: the file is in the OS's cache anyway, and each connection's own cache
    # only grows with the file (measured in the soak: server memory grew with it). 1 MiB for
    # the writer, 256 KiB for each reader.
    if read_only:
        db.execute("PRAGMA cache_size = -256")  # pragma: no mutate
        db.execute("PRAGMA query_only = ON")  # pragma: no mutate
    else:
        db.execute("PRAGMA cache_size = -1024")  # pragma: no mutate
    return db


def schema_version(db: sqlite3.Connection) -> int:
    row = db.execute(
        "PRAGMA user_version"  # pragma: no mutate
    ).fetchone()
    return int(row[0])


def migrate(db: sqlite3.Connection) -> None:
    """Applies the migrations the file has not had yet (inside the caller's transaction)."""
    current = schema_version(db)
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        for statement in script.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")


def private_files(data_dir: Path, db_file: Path) -> None:
    """The data directory only its owner can enter (0700); the database files 0600."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)
    if not db_file.exists():
        os.close(os.open(db_file, os.O_WRONLY | os.O_CREAT, 0o600))
    for path in (db_file, db_file.with_name(db_file.name + "-wal"),
                 db_file.with_name(db_file.name + "-shm")):
        if path.exists():
            os.chmod(path, 0o600)
