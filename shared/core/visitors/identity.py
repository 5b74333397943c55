"""Identity numbers are never stored in plain text: a masked form and a keyed hash."""

from __future__ import annotations

import hashlib
import hmac


class IdentityKeyring:
    """Hashes identity numbers with a secret key (kept in the data directory: see
    ``shared.storage.identity_key``), so a returning
    visitor can be found without the number itself ever being stored."""

    def __init__(self, key: bytes):
        if len(key) < 32:
            raise ValueError("identity key must be at least 32 bytes")
        self._key = key

    def fingerprint(self, id_type: str, id_number: str) -> str:
        message = f"{id_type}:{id_number}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def digest(self, purpose: str, data: bytes) -> str:
        """A keyed hash of anything that may hold an identity number (a whole request, for
        its Idempotency-Key): unlike a plain SHA-256 it cannot be brute-forced from the
        database alone. ``purpose`` keeps it apart from the fingerprints."""
        return hmac.new(self._key, purpose.encode() + b"\0" + data, hashlib.sha256).hexdigest()
