"""Repository: clinic accounts, their server-side sessions and login attempts.

Sessions live in the database (not in a worker's memory) so any number of workers or hosts serve
the same clinic; login attempts live there too, so a rate limit holds across all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.clinic.tables import accounts, clinic_sessions, login_attempts
from mgcalm.store.records import as_utc


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """A clinic account (the password hash stays in the store unless asked for)."""

    id: str
    username: str
    display_name: str
    role: str
    person_id: str | None
    created_at: datetime
    password_reset_by: str | None = None  # an admin set the password; the person has not since


_PUBLIC = (
    accounts.c.id,
    accounts.c.username,
    accounts.c.display_name,
    accounts.c.role,
    accounts.c.person_id,
    accounts.c.created_at,
    accounts.c.password_reset_by,
)


def _account(row: Any) -> AccountRecord:
    return AccountRecord(
        row.id,
        row.username,
        row.display_name,
        row.role,
        row.person_id,
        as_utc(row.created_at),
        row.password_reset_by,
    )


def insert_account(conn: Connection, record: AccountRecord, password_hash: str) -> None:
    """Add an account (the caller has checked the username is free)."""
    conn.execute(
        accounts.insert().values(
            id=record.id,
            username=record.username,
            display_name=record.display_name,
            role=record.role,
            person_id=record.person_id,
            password_hash=password_hash,
            created_at=record.created_at,
            updated_at=record.created_at,
        )
    )


def get_account(conn: Connection, account_id: str) -> AccountRecord | None:
    """The account with this id, or None."""
    row = conn.execute(sa.select(*_PUBLIC).where(accounts.c.id == account_id)).first()
    return None if row is None else _account(row)


def find_login(conn: Connection, username: str) -> tuple[AccountRecord, str] | None:
    """The account with this username and its password hash, for checking a login."""
    row = conn.execute(
        sa.select(*_PUBLIC, accounts.c.password_hash).where(accounts.c.username == username)
    ).first()
    return None if row is None else (_account(row), row.password_hash)


def list_accounts(conn: Connection) -> list[AccountRecord]:
    """Every account, by username."""
    rows = conn.execute(sa.select(*_PUBLIC).order_by(accounts.c.username))
    return [_account(row) for row in rows]


def set_password_hash(
    conn: Connection,
    account_id: str,
    password_hash: str,
    now: datetime,
    reset_by: str | None = None,
) -> bool:
    """Replace an account's password hash (``reset_by``: the admin who set it, else the owner)."""
    result = conn.execute(
        accounts.update()
        .where(accounts.c.id == account_id)
        .values(password_hash=password_hash, updated_at=now, password_reset_by=reset_by)
    )
    return result.rowcount == 1


def insert_session(
    conn: Connection, digest: str, account_id: str, now: datetime, expires: datetime
) -> None:
    """Store a new session under the digest of its token."""
    conn.execute(
        clinic_sessions.insert().values(
            id=digest, account_id=account_id, created_at=now, expires_at=expires
        )
    )


def session_account(conn: Connection, digest: str, now: datetime) -> AccountRecord | None:
    """The account a live (unexpired) session belongs to, in one query."""
    row = conn.execute(
        sa.select(*_PUBLIC)
        .join(clinic_sessions, clinic_sessions.c.account_id == accounts.c.id)
        .where(clinic_sessions.c.id == digest, clinic_sessions.c.expires_at > now)
    ).first()
    return None if row is None else _account(row)


def delete_session(conn: Connection, digest: str) -> None:
    """End one session."""
    conn.execute(clinic_sessions.delete().where(clinic_sessions.c.id == digest))


def delete_sessions(conn: Connection, account_id: str) -> int:
    """End every session of an account (after a password reset); returns how many."""
    statement = clinic_sessions.delete().where(clinic_sessions.c.account_id == account_id)
    return conn.execute(statement).rowcount


def delete_expired(conn: Connection, now: datetime, attempts_before: datetime) -> None:
    """Forget expired sessions and login attempts too old to count."""
    conn.execute(clinic_sessions.delete().where(clinic_sessions.c.expires_at <= now))
    conn.execute(login_attempts.delete().where(login_attempts.c.at < attempts_before))


def lock_login_attempts(conn: Connection) -> None:
    """Serialise login reservations until the transaction ends (SQLite's write lock already does).

    Counting the recent failures and adding this attempt must be one atomic step, or parallel
    guesses would all read the same count and all be let through.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE login_attempts IN SHARE ROW EXCLUSIVE MODE")


def record_attempt(
    conn: Connection, username: str, address: str, now: datetime, succeeded: bool
) -> int:
    """Remember one login attempt (failed ones count towards the rate limit); returns its id."""
    result = conn.execute(
        login_attempts.insert().values(
            username=username[:80], address=address[:64], at=now, succeeded=succeeded
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def mark_succeeded(conn: Connection, attempt_id: int) -> None:
    """The attempt reserved as a failure turned out right: it no longer counts."""
    conn.execute(
        login_attempts.update().where(login_attempts.c.id == attempt_id).values(succeeded=True)
    )


@dataclass(frozen=True, slots=True)
class Failures:
    """Failed attempts in one scope since a moment, and when the last one was."""

    count: int
    last: datetime | None


def recent_failures(
    conn: Connection, username: str, address: str, since: datetime
) -> dict[str, Failures]:
    """Failures since ``since`` for the account from this address, the account, the address."""
    failed = sa.and_(login_attempts.c.at >= since, login_attempts.c.succeeded.is_(False))
    scopes = {
        "pair": sa.and_(
            login_attempts.c.username == username[:80], login_attempts.c.address == address[:64]
        ),
        "account": login_attempts.c.username == username[:80],
        "address": login_attempts.c.address == address[:64],
    }
    columns: list[Any] = []
    for where in scopes.values():
        for value in (sa.func.count(), sa.func.max(login_attempts.c.at)):
            columns.append(sa.select(value).where(failed, where).scalar_subquery())
    row = conn.execute(sa.select(*columns)).one()
    found = {}
    for index, scope in enumerate(scopes):
        last = row[2 * index + 1]
        found[scope] = Failures(int(row[2 * index]), None if last is None else as_utc(last))
    return found
