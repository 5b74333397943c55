"""The identity key's file in the data directory: made once (32 random bytes, mode 0600),
then read at every start. Back it up with the database, or returning visitors are not found."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from shared.core.visitors.identity import IdentityKeyring

KEY_FILE = "identity.key"


def keyring_in(data_dir: Path) -> IdentityKeyring:
    """The keyring of ``data_dir``, its key file made first when there is none."""
    path = data_dir / KEY_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
    return IdentityKeyring(path.read_bytes())
