"""Identity numbers are never stored in plain text: a masked form and a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "identity.key"


class IdentityKeyring:
    """Hashes identity numbers with a secret key kept in the data directory, so a returning
    visitor can be found without the number itself ever being stored."""

    def __init__(self, key: bytes):
        if len(key) < 32:
            raise ValueError("identity key must be at least 32 bytes")
        self._key = key

    @classmethod
    def in_directory(cls, data_dir: Path) -> IdentityKeyring:
        path = data_dir / KEY_FILE
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
        return cls(path.read_bytes())

    def fingerprint(self, id_type: str, id_number: str) -> str:
        message = f"{id_type}:{id_number}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def digest(self, purpose: str, data: bytes) -> str:
        """A keyed hash of anything that may hold an identity number (a whole request, for
        its Idempotency-Key): unlike a plain SHA-256 it cannot be brute-forced from the
        database alone. ``purpose`` keeps it apart from the fingerprints."""
        return hmac.new(self._key, purpose.encode() + b"\0" + data, hashlib.sha256).hexdigest()
