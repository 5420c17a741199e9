"""Repository: people and the versioned documents that belong to them (profiles, plans)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.clinic import summaries
from mgcalm.store.records import PersonRecord, VersionRecord, as_utc
from mgcalm.store.tables import people, plan_versions, profile_versions


def get_person(conn: Connection, person_id: str) -> PersonRecord | None:
    """The person with this id, or None."""
    row = conn.execute(sa.select(people).where(people.c.id == person_id)).first()
    return None if row is None else _person(row)


def person_exists(conn: Connection, person_id: str) -> bool:
    """True when the person is stored."""
    query = sa.select(people.c.id).where(people.c.id == sa.bindparam("person_id"))
    return conn.execute(query, {"person_id": person_id}).first() is not None


def list_people(conn: Connection) -> list[PersonRecord]:
    """Every person, oldest first."""
    rows = conn.execute(sa.select(people).order_by(people.c.created_at, people.c.id))
    return [_person(row) for row in rows]


def insert_person(conn: Connection, person_id: str, display_name: str, now: datetime) -> None:
    """Add a person (the caller has checked the id is free)."""
    conn.execute(
        people.insert().values(
            id=person_id, display_name=display_name, created_at=now, updated_at=now
        )
    )


def touch_person(conn: Connection, person_id: str, now: datetime) -> None:
    """Record that something about the person changed."""
    conn.execute(people.update().where(people.c.id == person_id).values(updated_at=now))


def delete_people(conn: Connection, person_id: str | None = None) -> int:
    """Delete one person (or everyone) with everything that belongs to them; returns the count."""
    statement = people.delete()
    if person_id is not None:
        statement = statement.where(people.c.id == person_id)
    return conn.execute(statement).rowcount


def profile_history(conn: Connection, person_id: str) -> list[VersionRecord]:
    """Every version of the person's profile, oldest first."""
    table = profile_versions
    rows = conn.execute(
        sa.select(table).where(table.c.person_id == person_id).order_by(table.c.version)
    )
    return [_version(row) for row in rows]


def add_profile_version(
    conn: Connection, person_id: str, document: dict[str, Any], digest: str, now: datetime
) -> VersionRecord:
    """Store a new profile version unless it equals the latest one; return the current version."""
    history = profile_history(conn, person_id)
    if history and history[-1].digest == digest:
        return history[-1]
    version = len(history) + 1
    conn.execute(
        profile_versions.insert().values(
            person_id=person_id, version=version, document=document, digest=digest, created_at=now
        )
    )
    touch_person(conn, person_id, now)
    return VersionRecord(person_id, version, document, digest, as_utc(now))


def plan_history(conn: Connection, person_id: str) -> list[VersionRecord]:
    """Every plan version with its active dates ([active_from, active_to)), oldest first."""
    table = plan_versions
    rows = conn.execute(
        sa.select(table).where(table.c.person_id == person_id).order_by(table.c.version)
    )
    return [_version(row) for row in rows]


def add_plan_version(
    conn: Connection,
    person_id: str,
    profile_version: int,
    document: dict[str, Any],
    digest: str,
    active_from: date,
    now: datetime,
) -> VersionRecord:
    """Store a plan version active from ``active_from``, closing the one before it."""
    history = plan_history(conn, person_id)
    if history and history[-1].digest == digest and history[-1].active_to is None:
        return history[-1]
    table = plan_versions
    conn.execute(
        table.update()
        .where(table.c.person_id == person_id, table.c.active_to.is_(None))
        .values(active_to=active_from, updated_at=now)
    )
    version = len(history) + 1
    conn.execute(
        table.insert().values(
            person_id=person_id,
            version=version,
            profile_version=profile_version,
            document=document,
            digest=digest,
            active_from=active_from,
            active_to=None,
            created_at=now,
            updated_at=now,
        )
    )
    touch_person(conn, person_id, now)
    summaries.refresh_plan(conn, person_id)
    return VersionRecord(
        person_id, version, document, digest, as_utc(now), profile_version, active_from, None
    )


def restore_versions(conn: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    """Insert exported profile or plan versions as they were (used by import)."""
    table = profile_versions if table_name == "profile_versions" else plan_versions
    if rows:
        conn.execute(table.insert(), rows)
        if table is plan_versions:
            for person_id in {row["person_id"] for row in rows}:
                summaries.refresh_plan(conn, person_id)


def _person(row: sa.Row[Any]) -> PersonRecord:
    return PersonRecord(row.id, row.display_name, as_utc(row.created_at), as_utc(row.updated_at))


def _version(row: sa.Row[Any]) -> VersionRecord:
    mapping = row._mapping
    return VersionRecord(
        person_id=row.person_id,
        version=row.version,
        document=row.document,
        digest=row.digest,
        created_at=as_utc(row.created_at),
        profile_version=mapping.get("profile_version"),
        active_from=mapping.get("active_from"),
        active_to=mapping.get("active_to"),
    )


def restore_person(conn: Connection, row: dict[str, Any]) -> None:
    """Insert an exported person as they were (used by import)."""
    conn.execute(people.insert().values(**row))
