"""The parts every login-like flow shares: secret tokens, their digests and rate limits.

Clinic logins and device pairing both hand the browser a random 256-bit token and keep only its
SHA-256 digest, and both count failed attempts in the database (``login_attempts``) so a limit
holds across every worker. Personal mode uses these without depending on clinic mode.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy.engine import Connection

from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.store.clinic import accounts as attempts_repo


class TooManyAttemptsError(InvalidInputError):
    """Too many failed attempts for this name or address; try again after ``retry_after``."""

    def __init__(self, retry_after: int, what: str = "login") -> None:
        wait = f"{retry_after} seconds" if retry_after < 120 else f"{retry_after // 60} minutes"
        super().__init__([Problem(what, f"too many failed attempts; try again in {wait}")])
        self.retry_after = retry_after


def new_token() -> str:
    """A fresh random session token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The SHA-256 hex digest a token or code is stored under."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def failures(conn: Connection, name: str, address: str, since: datetime) -> tuple[int, int]:
    """Failed attempts since ``since``: under ``name``, and from ``address``."""
    found = attempts_repo.recent_failures(conn, name, address, since)
    return found["account"].count, found["address"].count


def record_attempt(
    conn: Connection, name: str, address: str, now: datetime, succeeded: bool
) -> None:
    """Remember one attempt (failed ones count towards the limit)."""
    attempts_repo.record_attempt(conn, name, address, now, succeeded)
