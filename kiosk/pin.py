"""The office's PIN that leaves the kiosk: its hash in kiosk.toml, and the wait after wrong ones.

kiosk.toml holds ``admin_pin_hash``, written by ``pst-antrian kiosk pin --config kiosk.toml``:
the officers' password hash (PBKDF2-HMAC-SHA256, 600,000 iterations, a random salt, one
string; ``shared/core/access/auth.py``), so a copy of the file does not show the PIN. A check
takes about
0.15 s, which is why the kiosk runs it on its worker thread.

On the screen, three wrong PINs in a row are free (a slip of the finger); after that each
wrong PIN locks the pad for twice as long as the one before, from 30 s up to 15 minutes: a
million six-digit PINs take years to try. The count survives the idle wipe (a visitor cannot
reset it by waiting), not a restart of the kiosk (which needs the PC).
"""

from __future__ import annotations

import re

from shared.core.access.auth import hash_password, verify_password

MIN_DIGITS = 6
MAX_DIGITS = 12
FREE_TRIES = 3
FIRST_WAIT_SECONDS = 30.0
LONGEST_WAIT_SECONDS = 15 * 60.0

_PIN = re.compile(rf"^\d{{{MIN_DIGITS},{MAX_DIGITS}}}$")
_HASH = re.compile(r"^pbkdf2_sha256\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$")


class PinError(ValueError):
    """A PIN the office may not use; the message says why."""


def check_pin(pin: str) -> str:
    """``pin`` if it is digits only, 6 to 12 of them."""
    if not _PIN.match(pin):
        kind = "" if pin.isdigit() else ", not all digits"
        raise PinError(f"the PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits"
                       f" (got {len(pin)} character(s){kind})")
    return pin


def hash_pin(pin: str) -> str:
    """The string kiosk.toml keeps as ``admin_pin_hash``."""
    return hash_password(check_pin(pin))


def is_pin_hash(text: str) -> bool:
    return bool(_HASH.match(text))


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` is the one hashed in ``stored`` (never when nothing is stored)."""
    return bool(stored) and bool(_PIN.match(pin)) and verify_password(pin, stored)


def wait_after(failures: int) -> float:
    """Seconds the pad stays locked after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_WAIT_SECONDS * 2.0 ** (failures - FREE_TRIES), LONGEST_WAIT_SECONDS)
