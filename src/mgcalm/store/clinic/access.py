"""Repository: who may see whom (invitations, grants) and the append-only audit log.

The audit log is written here and read here; there is deliberately no function that updates or
deletes an audit entry, and the database refuses it anyway (see the clinic migration).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.clinic.tables import accounts, audit_log, grants, invitations
from mgcalm.store.records import as_utc


@dataclass(frozen=True, slots=True)
class GrantRecord:
    """A person's permission for one clinician to see their data (active until revoked)."""

    id: str
    person_id: str
    clinician_id: str
    clinician_name: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One audit entry: who did what to whose data, and when."""

    id: int
    at: datetime
    actor_username: str
    actor_role: str
    person_id: str | None
    action: str
    detail: str


def insert_invitation(
    conn: Connection, code_hash: str, person_id: str, now: datetime, expires: datetime
) -> None:
    """Store a new invitation under the digest of its code."""
    conn.execute(
        invitations.insert().values(
            code_hash=code_hash, person_id=person_id, created_at=now, expires_at=expires
        )
    )


def redeem_invitation(
    conn: Connection, code_hash: str, clinician_id: str, now: datetime
) -> str | None:
    """Mark a live invitation used and return its person id; None if unknown, used or expired."""
    table = invitations
    live = sa.and_(
        table.c.code_hash == code_hash, table.c.redeemed_at.is_(None), table.c.expires_at > now
    )
    person_id = conn.execute(sa.select(table.c.person_id).where(live)).scalar()
    if person_id is None:
        return None
    # The guarded UPDATE makes a code single-use even when two clinicians race for it.
    done = conn.execute(
        table.update().where(live).values(redeemed_at=now, redeemed_by=clinician_id)
    )
    return str(person_id) if done.rowcount == 1 else None


def live_invitation(conn: Connection, code_hash: str, person_id: str, now: datetime) -> bool:
    """True if this digest is one of the person's unused, unexpired invitations."""
    found = conn.execute(
        sa.select(invitations.c.code_hash).where(
            invitations.c.code_hash == code_hash,
            invitations.c.person_id == person_id,
            invitations.c.redeemed_at.is_(None),
            invitations.c.expires_at > now,
        )
    ).first()
    return found is not None


def grant_person(conn: Connection, grant_id: str) -> str | None:
    """The person a grant belongs to, or None."""
    found = conn.execute(sa.select(grants.c.person_id).where(grants.c.id == grant_id)).scalar()
    return None if found is None else str(found)


def active_grant(conn: Connection, person_id: str, clinician_id: str) -> str | None:
    """The id of the clinician's unrevoked grant for this person, if any."""
    return conn.execute(
        sa.select(grants.c.id).where(
            grants.c.person_id == person_id,
            grants.c.clinician_id == clinician_id,
            grants.c.revoked_at.is_(None),
        )
    ).scalar()


def insert_grant(
    conn: Connection, grant_id: str, person_id: str, clinician_id: str, now: datetime
) -> None:
    """Let a clinician see a person's data from now on."""
    conn.execute(
        grants.insert().values(
            id=grant_id, person_id=person_id, clinician_id=clinician_id, created_at=now
        )
    )


def revoke_grant(conn: Connection, grant_id: str, person_id: str, now: datetime) -> str | None:
    """Revoke one of this person's active grants; returns the clinician id, or None."""
    owned = sa.and_(
        grants.c.id == grant_id, grants.c.person_id == person_id, grants.c.revoked_at.is_(None)
    )
    clinician = conn.execute(sa.select(grants.c.clinician_id).where(owned)).scalar()
    if clinician is None:
        return None
    conn.execute(grants.update().where(owned).values(revoked_at=now))
    return str(clinician)


def grants_of_person(conn: Connection, person_id: str) -> list[GrantRecord]:
    """Every grant a person has made (active and revoked), newest first."""
    return _grants(conn, grants.c.person_id == person_id)


def grants_of_clinician(conn: Connection, clinician_id: str) -> list[GrantRecord]:
    """Every grant a clinician has received (active and revoked), newest first."""
    return _grants(conn, grants.c.clinician_id == clinician_id)


def _grants(conn: Connection, where: sa.ColumnElement[bool]) -> list[GrantRecord]:
    rows = conn.execute(
        sa.select(grants, accounts.c.display_name, accounts.c.username)
        .join(accounts, accounts.c.id == grants.c.clinician_id)
        .where(where)
        .order_by(grants.c.created_at.desc(), grants.c.id)
    )
    return [
        GrantRecord(
            r.id,
            r.person_id,
            r.clinician_id,
            r.display_name or r.username,
            as_utc(r.created_at),
            None if r.revoked_at is None else as_utc(r.revoked_at),
        )
        for r in rows
    ]


def append_audit(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Append audit entries (one executemany however many people a page showed)."""
    if rows:
        conn.execute(audit_log.insert(), list(rows))


def read_audit(conn: Connection, person_id: str | None, limit: int = 200) -> list[AuditRecord]:
    """The newest audit entries about one person (or, with None, about everyone)."""
    statement = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if person_id is not None:
        statement = statement.where(audit_log.c.person_id == person_id)
    return [
        AuditRecord(
            r.id,
            as_utc(r.at),
            r.actor_username,
            r.actor_role,
            r.person_id,
            r.action,
            r.detail,
        )
        for r in conn.execute(statement)
    ]
