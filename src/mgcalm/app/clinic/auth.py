"""Clinic accounts: argon2id passwords, logins with server-side sessions, rate limits, resets.

A session token is 256 random bits handed to the browser once; the database keeps only its
SHA-256 digest, so reading the sessions table opens no session. Every login makes a new token
and ends the session the browser came with (no session fixation).

Logins are rate limited in the database, so the limit holds across every worker and host: each
attempt is first *reserved* as a failure in one locked transaction (count, then insert), and only
then is the password hashed; a right password turns the reservation into a success. Parallel
guesses therefore never see the same count. Past the free attempts each scope asks for a growing
wait since its last failure (:func:`wait_seconds`) instead of a lock-out:

- this account from this address: ``login_attempts`` free, then 30 s, 60 s, … up to the window;
- this address, any account: four times as many free, the same waits;
- this account, any address: four times as many free, then waits capped at a minute, so guesses
  from many addresses slow the account down but never lock its owner out.

A username no account can have (over 80 characters, say) is refused before any hashing, and
counted against the address. Usernames are never written to the log.

Errors (all :class:`~mgcalm.domain.InvalidInputError`, each problem naming its field)::

    InvalidInputError         bad username, weak password, wrong username or password
    ├── AccessDeniedError     the account may not do this (``status`` 403, or 404 hiding existence)
    └── TooManyAttemptsError  too many failed logins; ``retry_after`` seconds
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mgcalm.app.clinic.settings import ClinicSettings
from mgcalm.app.sessions import TooManyAttemptsError as TooManyAttemptsError
from mgcalm.app.sessions import digest as digest
from mgcalm.app.sessions import new_token
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.text import text_problems
from mgcalm.store import Store
from mgcalm.store.clinic import access as access_repo
from mgcalm.store.clinic import accounts as repo
from mgcalm.store.clinic.accounts import AccountRecord

Role = Literal["person", "clinician", "admin"]
ROLES: tuple[Role, ...] = ("person", "clinician", "admin")
USERNAME_RULE = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,79}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
WRONG = "the username or password is not right"


class AccessDeniedError(InvalidInputError):
    """The account may not do this; ``status`` is 403, or 404 where existence must not leak."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__([Problem("access", message)])
        self.status = status


@dataclass(frozen=True, slots=True)
class Login:
    """A successful login: the account and the new session token for the cookie."""

    account: AccountRecord
    token: str


def hasher(settings: ClinicSettings) -> PasswordHasher:
    """The argon2id hasher with the configured cost (argon2-cffi's default type is argon2id)."""
    return PasswordHasher(
        time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
    )


def check_username(username: str) -> str:
    """The username, lower-cased, if it is acceptable."""
    name = username.strip().lower()
    if not USERNAME_RULE.match(name):
        raise InvalidInputError(
            [
                Problem(
                    "username", f"{username!r} is not a usable username", "3–80 of a-z 0-9 . _ @ -"
                )
            ]
        )
    return name


def check_password(password: str) -> str:
    """The password, if long enough to resist guessing."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInputError(
            [Problem("password", "must be 10 to 256 characters", f"at least {MIN_PASSWORD}")]
        )
    return password


def create_account(
    store: Store,
    settings: ClinicSettings,
    username: str,
    password: str,
    role: str,
    now: datetime,
    display_name: str = "",
) -> AccountRecord:
    """A new account; a person account gets its own person id for the data they will log."""
    problems: list[Problem] = []
    name = _collect(problems, check_username, username)
    _collect(problems, check_password, password)
    if role not in ROLES:
        problems.append(Problem("role", f"{role!r} is not a role", ", ".join(ROLES)))
    problems += text_problems({"display_name": display_name})
    if problems:
        raise InvalidInputError(problems)
    person_id = f"p-{uuid.uuid4().hex[:20]}" if role == "person" else None
    record = AccountRecord(uuid.uuid4().hex, name, display_name.strip()[:120], role, person_id, now)
    password_hash = hasher(settings).hash(password)
    with store.write() as conn:
        if repo.find_login(conn, name) is not None:
            raise InvalidInputError([Problem("username", f"{name!r} is already taken")])
        repo.insert_account(conn, record, password_hash)
    return record


def _collect(problems: list[Problem], check: Callable[[str], str], value: str) -> str:
    """``check(value)``, with its problems added to ``problems`` instead of raised."""
    try:
        return check(value)
    except InvalidInputError as error:
        problems.extend(error.problems)
        return value


FIRST_WAIT_SECONDS = 30
ACCOUNT_WAIT_CAP_SECONDS = 60


def login(
    store: Store,
    settings: ClinicSettings,
    username: str,
    password: str,
    address: str,
    now: datetime,
    previous_token: str | None = None,
) -> Login:
    """Check the password and open a fresh session, ending the one the browser came with."""
    name = username.strip().lower()
    usable = bool(USERNAME_RULE.match(name))
    attempt = _reserve(store, settings, name if usable else "", address, now)
    found = None
    if usable:
        with store.read() as conn:
            found = repo.find_login(conn, name)
    account = _verify(settings, found, password) if usable else None
    if account is None:
        raise InvalidInputError([Problem("password", WRONG)])
    token = new_token()
    window = timedelta(minutes=settings.login_window_minutes)
    with store.write() as conn:
        repo.mark_succeeded(conn, attempt)
        repo.delete_expired(conn, now, now - window)
        if previous_token:
            repo.delete_session(conn, digest(previous_token))
        expires = now + timedelta(hours=settings.session_hours)
        repo.insert_session(conn, digest(token), account.id, now, expires)
        _rehash_if_needed(conn, settings, account.id, password, found, now)
    return Login(account, token)


def _reserve(store: Store, settings: ClinicSettings, name: str, address: str, now: datetime) -> int:
    """Count recent failures and record this attempt as one, atomically; or say how long to wait."""
    window = timedelta(minutes=settings.login_window_minutes)
    with store.write() as conn:
        repo.lock_login_attempts(conn)
        wait = wait_seconds(repo.recent_failures(conn, name, address, now - window), settings, now)
        if wait > 0:
            raise TooManyAttemptsError(wait)
        return repo.record_attempt(conn, name, address, now, succeeded=False)


def wait_seconds(
    failures: dict[str, repo.Failures], settings: ClinicSettings, now: datetime
) -> int:
    """Seconds still to wait before another attempt (0: go ahead); see the module docstring."""
    limit, window = settings.login_attempts, settings.login_window_minutes * 60
    rules = {
        "pair": (limit, window),
        "address": (4 * limit, window),
        "account": (4 * limit, ACCOUNT_WAIT_CAP_SECONDS),
    }
    wait = 0.0
    for scope, (free, cap) in rules.items():
        found = failures.get(scope)
        if found is None or found.last is None or found.count < free:
            continue
        delay = min(cap, FIRST_WAIT_SECONDS * 2 ** min(found.count - free, 16))
        wait = max(wait, delay - (now - found.last).total_seconds())
    return math.ceil(wait) if wait > 0 else 0


def _verify(
    settings: ClinicSettings, found: tuple[AccountRecord, str] | None, password: str
) -> AccountRecord | None:
    """The account if the password matches; an unknown username costs as much as a wrong one."""
    ph = hasher(settings)
    if found is None:
        ph.hash(password)  # spend the same time, so timing does not reveal which usernames exist
        return None
    try:
        ph.verify(found[1], password)
    except (VerificationError, InvalidHashError):
        return None
    return found[0]


def _rehash_if_needed(
    conn: Any,
    settings: ClinicSettings,
    account_id: str,
    password: str,
    found: tuple[AccountRecord, str] | None,
    now: datetime,
) -> None:
    """Upgrade an old hash to the current cost while the password is at hand."""
    ph = hasher(settings)
    if found is not None and ph.check_needs_rehash(found[1]):
        reset_by = found[0].password_reset_by  # an upgrade of the hash changes no one's password
        repo.set_password_hash(conn, account_id, ph.hash(password), now, reset_by)


def logout(store: Store, token: str) -> None:
    """End the session with this token (an unknown token changes nothing)."""
    with store.write() as conn:
        repo.delete_session(conn, digest(token))


def session_account(store: Store, token: str | None, now: datetime) -> AccountRecord | None:
    """The account logged in with this session token, or None (unknown or expired)."""
    if not token or len(token) > 200:
        return None
    with store.read() as conn:
        return repo.session_account(conn, digest(token), now)


def reset_password(
    store: Store,
    settings: ClinicSettings,
    admin: AccountRecord,
    username: str,
    password: str,
    now: datetime,
) -> AccountRecord:
    """An admin sets a new password; every session of that account ends. Audited.

    Until the person sets a password of their own, everything read with the account is audited
    as read after an admin reset (:func:`audit_read_after_reset`), so an admin cannot read a
    person's data as them unseen.
    """
    if admin.role != "admin":
        raise AccessDeniedError("only an admin can reset a password")
    password_hash = hasher(settings).hash(check_password(password))
    with store.write() as conn:
        found = repo.find_login(conn, username.strip().lower())
        if found is None:
            raise InvalidInputError([Problem("username", f"no account {username!r}")])
        target = found[0]
        repo.set_password_hash(conn, target.id, password_hash, now, admin.username)
        repo.delete_sessions(conn, target.id)
        row = audit_row(
            admin, target.person_id, "password_reset", f"account {target.username}", now
        )
        access_repo.append_audit(conn, [row])
    return target


def change_password(
    store: Store,
    settings: ClinicSettings,
    account: AccountRecord,
    current: str,
    new: str,
    now: datetime,
) -> None:
    """The account's owner sets their own password (after an admin reset, say). Audited."""
    problems: list[Problem] = []
    if not MIN_PASSWORD <= len(new) <= MAX_PASSWORD:
        accepted = f"at least {MIN_PASSWORD}"
        problems.append(Problem("new_password", "must be 10 to 256 characters", accepted))
    if current == new:
        problems.append(Problem("new_password", "choose a password you have not used here"))
    if problems:
        raise InvalidInputError(problems)
    with store.read() as conn:
        found = repo.find_login(conn, account.username)
    if found is None or _verify(settings, found, current[:MAX_PASSWORD]) is None:
        raise InvalidInputError([Problem("current_password", "this is not your current password")])
    password_hash = hasher(settings).hash(new)
    with store.write() as conn:
        repo.set_password_hash(conn, account.id, password_hash, now, None)
        row = audit_row(
            account, account.person_id, "password_changed", "by the account's owner", now
        )
        access_repo.append_audit(conn, [row])


def audit_read_after_reset(store: Store, account: AccountRecord, what: str, now: datetime) -> None:
    """Record a read made with a password an admin set (the person has not set their own)."""
    detail = f"{what[:300]}; password last set by admin {account.password_reset_by}"
    with store.write() as conn:
        row = audit_row(account, account.person_id, "read_after_admin_reset", detail, now)
        access_repo.append_audit(conn, [row])


def audit_row(
    actor: AccountRecord, person_id: str | None, action: str, detail: str, now: datetime
) -> dict[str, object]:
    """One audit entry, ready for :func:`mgcalm.store.clinic.access.append_audit`."""
    return {
        "at": now,
        "actor_id": actor.id,
        "actor_username": actor.username,
        "actor_role": actor.role,
        "person_id": person_id,
        "action": action,
        "detail": detail[:500],
    }


def accounts(store: Store) -> list[AccountRecord]:
    """Every account, by username (for the admin page)."""
    with store.read() as conn:
        return repo.list_accounts(conn)
