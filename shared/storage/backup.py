"""A copy of an office's data while the server runs, and putting one back.

The backup is one file (a tar archive, mode 0600): the database copied with SQLite's online
backup (a consistent snapshot; tickets keep being issued meanwhile, WAL readers never block
the writer) and ``identity.key``, without which returning visitors are not found again.
Restoring needs the server stopped: a running server holds ``server.lock`` in the data
directory. A database already there is moved aside, never deleted.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from shared.storage.identity_key import KEY_FILE
from shared.storage.sqlite.store import DB_FILE

LOCK_FILE = "server.lock"
MANIFEST = "backup.json"
_MEMBERS = (DB_FILE, KEY_FILE, MANIFEST)


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why and what to do."""


def hold_server_lock(data_dir: Path) -> IO[bytes]:
    """Taken by the server for as long as it runs (keep the returned file open)."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)  # a lock file made 0644 by an older version
    handle = os.fdopen(fd, "ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise BackupError(f"a server is already running on {data_dir}") from None
    return handle


def backup(data_dir: Path, out: Path) -> dict[str, object]:
    """Copy ``data_dir``'s database and identity key into the archive ``out``."""
    db_path, key_path = data_dir / DB_FILE, data_dir / KEY_FILE
    if not db_path.exists():
        raise BackupError(f"no database in {data_dir}")
    if not key_path.exists():
        raise BackupError(f"{key_path} is missing: a backup without it cannot find returning"
                          " visitors")
    with tempfile.TemporaryDirectory(prefix="pst-antrian-backup-") as scratch:
        copy_path = Path(scratch) / DB_FILE
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        copy = sqlite3.connect(copy_path)
        try:
            source.backup(copy)  # all pages in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            manifest = _describe(copy)
        finally:
            copy.close()
            source.close()
        manifest["created_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        partial = out.with_name(out.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(copy_path, DB_FILE, filter=_private)
            archive.add(key_path, KEY_FILE, filter=_private)
            text = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode = len(text), 0o600
            archive.addfile(info, io.BytesIO(text))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, out)
    return manifest


def _private(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """Members are 0600 in the archive, so a manual ``tar x`` gives unreadable files."""
    member.mode = 0o600
    return member


def restore(archive_path: Path, data_dir: Path, force: bool = False) -> dict[str, object]:
    """Put the backup ``archive_path`` into ``data_dir`` (the server must be stopped)."""
    lock = hold_server_lock(data_dir)
    try:
        existing = data_dir / DB_FILE
        if existing.exists() and not force:
            raise BackupError(f"{existing} exists: add --force to replace it (it is kept in a"
                              " replaced-... folder)")
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=data_dir) as scratch:
            staged = Path(scratch)
            _unpack(archive_path, staged)
            check = sqlite3.connect(staged / DB_FILE)
            try:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(f"{archive_path}: the database in it is damaged")
                manifest = _describe(check)
            finally:
                check.close()
            if existing.exists():
                aside = data_dir / f"replaced-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
                aside.mkdir(mode=0o700)
                for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", KEY_FILE):
                    if (data_dir / name).exists():
                        shutil.move(str(data_dir / name), aside / name)
            for name in (KEY_FILE, DB_FILE):
                os.chmod(staged / name, 0o600)
                os.replace(staged / name, data_dir / name)
        return manifest
    finally:
        lock.close()


def _unpack(archive_path: Path, into: Path) -> None:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            names = set(archive.getnames())
            if not {DB_FILE, KEY_FILE} <= names or not names <= set(_MEMBERS):
                raise BackupError(f"{archive_path} is not a pst-antrian backup")
            for name in (DB_FILE, KEY_FILE):
                member = archive.extractfile(name)
                if member is None:
                    raise BackupError(f"{archive_path}: {name} is not a file")
                fd = os.open(into / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(member, out)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{archive_path} cannot be read: {exc}") from exc


def _describe(db: sqlite3.Connection) -> dict[str, object]:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    tickets = int(db.execute("SELECT COUNT(*) FROM tickets").fetchone()[0])
    return {"schema_version": version, "tickets": tickets}
