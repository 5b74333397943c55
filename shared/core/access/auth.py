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
import re
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from shared.core.access.sentences import ACCESS_ERRORS
from shared.core.access.throttle import Throttle
from shared.core.errors import DomainError, FieldError, InvalidInput, NotFound, Throttled
from shared.core.messages import Sentence
from shared.core.ports.accounts import Account, AccountStore, DeviceInfo, NameTaken

USER_ROLES = ("officer", "admin")
DEVICE_ROLES = ("kiosk", "display")
SESSION_HOURS = 12
# A token's account is remembered this long, so most requests need no database read.
ACCOUNT_CACHE_SECONDS = 30.0
_ACCOUNT_CACHE_SIZE = 1000

# About 0.15 s per check on the 2-core office PC: cheap for a login, costly for guessing.
ITERATIONS = 600_000


# New usernames: ASCII letters (kept lower-case), digits, '.', '_' and '-', 3-32 of them. No
# look-alikes ("petugas" with a Cyrillic "е"), no two names that differ only in case.
# Accounts made before this rule keep their names and log in as before.
USERNAME = re.compile(r"[a-z0-9._-]{3,32}")


def username_for(typed: str) -> str:
    """The username ``typed`` is stored (and shown) as: lower-case, if it is ASCII."""
    return typed.lower() if typed.isascii() else typed


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


class AuthError(DomainError):
    """401: no valid credentials (no token, a wrong or expired one, a wrong password)."""

    status = "unauthenticated"

    def __init__(self, code: str, message_id: str, message_en: str,
                 field: str = "Authorization"):
        super().__init__(code, message_id, message_en, field)


class Forbidden(DomainError):
    """403: valid credentials, but the role may not do this."""

    status = "forbidden"

    def __init__(self, role: str, roles: tuple[str, ...]):
        either = ACCESS_ERRORS["or"]
        needs = Sentence(*(f" {word} ".join(roles) for word in (either.message_id,
                                                                 either.message_en)))
        said = ACCESS_ERRORS["forbidden"].format(role=role, roles=needs)
        super().__init__("forbidden", said.message_id, said.message_en, field="Authorization")


def missing_token() -> AuthError:
    return AuthError.said("unauthenticated", words=ACCESS_ERRORS, key="unauthenticated.no_token")


def _wrong_password() -> AuthError:
    return AuthError.said("wrong_credentials", field="password", words=ACCESS_ERRORS)


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
    """Logs users in and out, registers and revokes devices, tells who holds a bearer token.

    Revocation takes effect at the next request: what this process does (logout, disabling,
    revoking, a new password) drops the remembered accounts at once, and what the command
    line does in another process is noticed through ``AccountStore.accounts_stamp``.
    """

    def __init__(self, accounts: AccountStore):
        self._accounts = accounts
        # token hash -> (account, monotonic time until which it may be reused). Never past
        # the session's own end.
        self._recent: dict[str, tuple[Account, float]] = {}
        self._stamp = accounts.accounts_stamp()
        # device id -> when it last made an authenticated request (in this process).
        self._device_seen: dict[int, datetime] = {}
        self._failures_per_user = Throttle(*FAILED_LOGINS_PER_USER)
        self._failures_per_address = Throttle(*FAILED_LOGINS_PER_ADDRESS)

    def add_user(self, username: str, role: str, password: str, now: datetime) -> int:
        errors = []
        if role not in USER_ROLES:
            errors.append(FieldError.said("role", "unknown_role",
                                          words=ACCESS_ERRORS, key="unknown_role.user",
                                          roles=", ".join(USER_ROLES)))
        username = username_for(username)
        if not USERNAME.fullmatch(username):
            errors.append(FieldError.said("username", "invalid_username", words=ACCESS_ERRORS))
        password_error = _password_problem(password)
        if password_error is not None:
            errors.append(password_error)
        if errors:
            raise InvalidInput(errors)
        if any(u.username.lower() == username for u in self._accounts.users()):
            raise _name_taken("username", username)  # an older "Budi" when adding "budi"
        try:
            return self._accounts.add_user(username, role, hash_password(password), now)
        except NameTaken:
            raise _name_taken("username", username) from None

    def set_password(self, username: str, password: str) -> None:
        """A new password (an admin's reset); the user's open sessions end."""
        problem = _password_problem(password)
        if problem is not None:
            raise InvalidInput([problem])
        if not self._accounts.set_password(username, hash_password(password)):
            raise _no_user(username)
        self._forget(lambda a: a.kind == "user" and a.name == username)

    def disable_user(self, username: str) -> None:
        """The user can no longer log in; their sessions end at once."""
        users = {u.username: u for u in self._accounts.users()}
        user = users.get(username)
        if user is None:
            raise _no_user(username)
        admins = [u for u in users.values() if u.role == "admin" and u.active]
        if user.active and user.role == "admin" and len(admins) == 1:
            raise DomainError.said("last_admin", field="username", words=ACCESS_ERRORS)
        self._accounts.disable_user(username)
        self._forget(lambda a: a.kind == "user" and a.name == username)

    def add_device(self, name: str, role: str, now: datetime) -> str:
        errors = []
        if role not in DEVICE_ROLES:
            errors.append(FieldError.said("role", "unknown_role",
                                          words=ACCESS_ERRORS, key="unknown_role.device",
                                          roles=", ".join(DEVICE_ROLES)))
        if not name.strip() or len(name) > 64 or not name.isprintable():
            errors.append(FieldError.said("name", "invalid_name", words=ACCESS_ERRORS))
        if errors:
            raise InvalidInput(errors)
        token = new_token()
        try:
            self._accounts.add_device(name, role, token_hash(token), now)
        except NameTaken:
            raise _name_taken("name", name) from None
        return token

    def revoke_device(self, name: str) -> None:
        """The device's token stops working at its next request."""
        if not self._accounts.revoke_device(name):
            raise NotFound.said("device_not_found", field="name", words=ACCESS_ERRORS, name=name)
        self._forget(lambda a: a.kind == "device" and a.name == name)

    def devices(self) -> list[DeviceInfo]:
        """The active devices; last seen also counts their requests to this server."""
        found = []
        for device in self._accounts.devices():
            seen = self._device_seen.get(device.id)
            if seen is not None and (device.last_seen_at is None or seen > device.last_seen_at):
                device = DeviceInfo(device.id, device.name, device.role, device.created_at,
                                    seen, device.status)
            found.append(device)
        return found

    def logout(self, token: str) -> None:
        hashed = token_hash(token)
        self._accounts.drop_session(hashed)
        self._recent.pop(hashed, None)

    def _forget(self, which: Callable[[Account], bool]) -> None:
        for hashed, (account, _) in list(self._recent.items()):
            if which(account):
                self._recent.pop(hashed, None)

    def login_allowed(self, username: str, address: str, now: datetime) -> None:
        """Raise :class:`Throttled` while ``username`` or ``address`` has failed too often.
        Cheap (no database, no hashing): checked before a login costs anything."""
        moment = now.timestamp()
        wait = max(self._failures_per_user.retry_after(username_for(username), moment),
                   self._failures_per_address.retry_after(address, moment))
        if wait:
            raise Throttled.said_after(wait, "too_many_logins", field="password",
                                       words=ACCESS_ERRORS, wait=wait)

    def login(
        self, username: str, password: str, now: datetime, address: str = ""
    ) -> tuple[str, str, datetime]:
        self.login_allowed(username, address, now)
        found = self._accounts.user_credentials(username)
        if found is None and username_for(username) != username:  # typed "Petugas1"
            found = self._accounts.user_credentials(username_for(username))
        # One PBKDF2 run either way, so timing does not tell which usernames exist.
        stored = found[2] if found is not None else UNKNOWN_USER_HASH
        if not verify_password(password, stored) or found is None:
            self._failures_per_user.spend(username_for(username), now.timestamp())
            self._failures_per_address.spend(address, now.timestamp())
            raise _wrong_password()
        user_id, role, _ = found
        token = new_token()
        expires = now + timedelta(hours=SESSION_HOURS)
        self._accounts.add_session(token_hash(token), user_id, expires)
        return token, role, expires

    def remembered(self, token: str, now: datetime) -> Account | None:
        """The account behind ``token`` if it was checked moments ago and nothing was
        revoked since: no database read (a file's status at most), fit for the event loop."""
        stamp = self._accounts.accounts_stamp()
        if stamp != self._stamp:  # the command line disabled or revoked someone
            self._stamp = stamp
            self._recent.clear()
        hashed = token_hash(token)
        remembered = self._recent.get(hashed)
        if remembered is None or time.monotonic() >= remembered[1]:
            return None
        return self._admit(hashed, remembered[0], now)

    def account(self, token: str, now: datetime) -> Account:
        found = self.remembered(token, now)
        if found is not None:
            return found
        hashed = token_hash(token)
        found = self._accounts.device_account(hashed, now) or self._accounts.session_account(
            hashed, now
        )
        if found is None:
            raise _invalid_token()
        if len(self._recent) >= _ACCOUNT_CACHE_SIZE:
            self._recent.clear()
        self._recent[hashed] = (found, time.monotonic() + ACCOUNT_CACHE_SECONDS)
        return self._admit(hashed, found, now)

    def _admit(self, hashed: str, account: Account, now: datetime) -> Account:
        if account.expires_at is not None and now >= account.expires_at:
            self._recent.pop(hashed, None)  # a remembered session never outlives its day
            raise _invalid_token()
        if account.kind == "device":
            self._device_seen[account.id] = now
        return account

    @staticmethod
    def require(account: Account, roles: tuple[str, ...]) -> None:
        if account.role not in roles:
            raise Forbidden(account.role, roles)


def _invalid_token() -> AuthError:
    return AuthError.said("unauthenticated",
                          words=ACCESS_ERRORS, key="unauthenticated.invalid_token")


def _password_problem(password: str) -> FieldError | None:
    if len(password) < 8:
        return FieldError.said("password", "too_short",
                               words=ACCESS_ERRORS, key="password_too_short")
    if len(password) > 1024:
        return FieldError.said("password", "too_long", words=ACCESS_ERRORS, key="password_too_long")
    return None


def _name_taken(field: str, name: str) -> DomainError:
    return DomainError.said("name_taken", field=field, words=ACCESS_ERRORS, name=name)


def _no_user(username: str) -> NotFound:
    return NotFound.said("user_not_found", field="username", words=ACCESS_ERRORS, username=username)
