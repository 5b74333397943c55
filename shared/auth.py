"""Who may do what: password hashing, session and device tokens, roles.

Passwords are hashed with PBKDF2-HMAC-SHA256 at 600,000 iterations (a slow KDF, OWASP's
figure; from the standard library). scrypt was tried first: at a cost that keeps logins quick
its 16 MiB working buffer pushed the server's peak memory past its 60 MB budget, and at
OWASP's scrypt cost (N=2^17) it would take 128 MiB.
Tokens are random; only their SHA-256 is stored, so a copy of the database opens nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from datetime import datetime, timedelta

from shared.errors import Throttled
from shared.repository import Account, AccountStore
from shared.throttle import Throttle

USER_ROLES = ("officer", "admin")
DEVICE_ROLES = ("kiosk", "display")
SESSION_HOURS = 12
# A token's account is remembered this long, so most requests need no database read.
ACCOUNT_CACHE_SECONDS = 30.0
_ACCOUNT_CACHE_SIZE = 1000

# About 0.15 s per check on the 2-core office PC: cheap for a login, costly for guessing.
ITERATIONS = 600_000


# Failed logins allowed (at once, then one per so many seconds): per username, so guessing
# one officer's password is slow; per client address, so one machine cannot flood the
# password hashing. A flood against one username also locks its officer out for a while:
# the price of the first rule (the admin can still log in, and sessions already open work).
FAILED_LOGINS_PER_USER = (5, 60.0)
FAILED_LOGINS_PER_ADDRESS = (20, 6.0)


# Unknown usernames' passwords are checked against this hash of a random, forgotten password:
# the same work as a real check, and ready-made, so not even the first login differs.
UNKNOWN_USER_HASH = (
    "pbkdf2_sha256$600000$5/pafwVZfsc3muf9nP0Ofg==$ft9Q9HIMkb23oz"
    "qQ1YxYNOdT/fxTM2QrL7wIy8kqvwA="
)


class AuthError(Exception):
    """401: no valid credentials."""


class Forbidden(Exception):
    """403: valid credentials, but the role may not do this."""


def hash_password(password: str, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    encode = base64.b64encode
    return f"pbkdf2_sha256${iterations}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    actual = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    return hmac.compare_digest(actual, base64.b64decode(digest))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Gatekeeper:
    """Logs users in, registers devices and tells who holds a bearer token."""

    def __init__(self, accounts: AccountStore):
        self._accounts = accounts
        # token hash -> (account, monotonic time until which it may be reused). A session
        # may thus outlive its 12 hours by at most ACCOUNT_CACHE_SECONDS.
        self._recent: dict[str, tuple[Account, float]] = {}
        self._failures_per_user = Throttle(*FAILED_LOGINS_PER_USER)
        self._failures_per_address = Throttle(*FAILED_LOGINS_PER_ADDRESS)

    def add_user(self, username: str, role: str, password: str, now: datetime) -> int:
        if role not in USER_ROLES:
            raise ValueError(f"role must be one of {', '.join(USER_ROLES)}")
        if len(password) < 8:
            raise ValueError("password must have at least 8 characters")
        if not username or not username.replace("_", "").replace(".", "").isalnum():
            raise ValueError("username: letters, digits, '.' and '_' only")
        return self._accounts.add_user(username, role, hash_password(password), now)

    def add_device(self, name: str, role: str, now: datetime) -> str:
        if role not in DEVICE_ROLES:
            raise ValueError(f"role must be one of {', '.join(DEVICE_ROLES)}")
        token = new_token()
        self._accounts.add_device(name, role, token_hash(token), now)
        return token

    def login_allowed(self, username: str, address: str, now: datetime) -> None:
        """Raise :class:`Throttled` while ``username`` or ``address`` has failed too often.
        Cheap (no database, no hashing): checked before a login costs anything."""
        moment = now.timestamp()
        wait = max(self._failures_per_user.retry_after(username, moment),
                   self._failures_per_address.retry_after(address, moment))
        if wait:
            raise Throttled(
                "too_many_logins",
                f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait} detik.",
                f"Too many failed logins. Try again in {wait} seconds.",
                retry_after=wait, field="password",
            )

    def login(
        self, username: str, password: str, now: datetime, address: str = ""
    ) -> tuple[str, str, datetime]:
        self.login_allowed(username, address, now)
        found = self._accounts.user_credentials(username)
        # One PBKDF2 run either way, so timing does not tell which usernames exist.
        stored = found[2] if found is not None else UNKNOWN_USER_HASH
        if not verify_password(password, stored) or found is None:
            self._failures_per_user.spend(username, now.timestamp())
            self._failures_per_address.spend(address, now.timestamp())
            raise AuthError("wrong username or password")
        user_id, role, _ = found
        token = new_token()
        expires = now + timedelta(hours=SESSION_HOURS)
        self._accounts.add_session(token_hash(token), user_id, expires)
        return token, role, expires

    def remembered(self, token: str) -> Account | None:
        """The account behind ``token`` if it was checked moments ago (no database read)."""
        remembered = self._recent.get(token_hash(token))
        if remembered is not None and time.monotonic() < remembered[1]:
            return remembered[0]
        return None

    def account(self, token: str, now: datetime) -> Account:
        hashed = token_hash(token)
        remembered = self._recent.get(hashed)
        if remembered is not None and time.monotonic() < remembered[1]:
            return remembered[0]
        found = self._accounts.device_account(hashed, now) or self._accounts.session_account(
            hashed, now
        )
        if found is None:
            raise AuthError("invalid or expired token")
        if len(self._recent) >= _ACCOUNT_CACHE_SIZE:
            self._recent.clear()
        self._recent[hashed] = (found, time.monotonic() + ACCOUNT_CACHE_SECONDS)
        return found

    @staticmethod
    def require(account: Account, roles: tuple[str, ...]) -> None:
        if account.role not in roles:
            raise Forbidden(f"role {account.role!r} may not do this (needs {' or '.join(roles)})")
