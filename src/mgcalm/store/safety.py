"""Repository: safety events (added once, never changed), magnesium stops and safety plans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from mgcalm.store.records import as_utc
from mgcalm.store.safety_tables import magnesium_stops, safety_events, safety_plans


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored safety event: what raised it (source and code), when, and what it said."""

    person_id: str
    source_id: str
    code: str
    origin: str
    level: str
    day: date
    document: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StopRecord:
    """A magnesium stop: since when and why, and (once resumed) when, on whose word, why."""

    person_id: str
    id: str
    since: date
    reason: str
    started_at: datetime
    resumed_on: date | None = None
    resumed_at: datetime | None = None
    cleared_by: str = ""
    resume_reason: str = ""

    @property
    def active(self) -> bool:
        """True until someone resumes magnesium."""
        return self.resumed_at is None


def add_events(conn: Connection, rows: Sequence[EventRecord]) -> int:
    """Store the events not stored yet (same person, source and code: already there)."""
    if not rows:
        return 0
    people = {r.person_id for r in rows}
    sources = {r.source_id for r in rows}
    query = sa.select(
        safety_events.c.person_id, safety_events.c.source_id, safety_events.c.code
    ).where(safety_events.c.person_id.in_(people), safety_events.c.source_id.in_(sources))
    seen = {tuple(r) for r in conn.execute(query)}
    fresh = []
    for row in rows:
        key = (row.person_id, row.source_id, row.code)
        if key not in seen:
            seen.add(key)
            fresh.append(_event_row(row))
    if fresh:
        conn.execute(safety_events.insert(), fresh)
    return len(fresh)


def _event_row(row: EventRecord) -> dict[str, Any]:
    return {
        "person_id": row.person_id,
        "source_id": row.source_id,
        "code": row.code,
        "origin": row.origin,
        "level": row.level,
        "day": row.day,
        "document": row.document,
        "created_at": row.created_at,
    }


def list_events(
    conn: Connection, person_id: str, start: date | None = None, end: date | None = None
) -> list[EventRecord]:
    """The person's events between two days (inclusive), oldest first."""
    query = sa.select(safety_events).where(safety_events.c.person_id == person_id)
    if start is not None:
        query = query.where(safety_events.c.day >= start)
    if end is not None:
        query = query.where(safety_events.c.day <= end)
    order = (safety_events.c.day, safety_events.c.created_at, safety_events.c.code)
    return [event_record(r) for r in conn.execute(query.order_by(*order))]


def event_record(row: Row[Any]) -> EventRecord:
    """An events-table row as a record."""
    return EventRecord(
        row.person_id,
        row.source_id,
        row.code,
        row.origin,
        row.level,
        row.day,
        dict(row.document),
        as_utc(row.created_at),
    )


def stop_record(row: Row[Any]) -> StopRecord:
    """A stops-table row as a record."""
    return StopRecord(
        row.person_id,
        row.id,
        row.since,
        row.reason,
        as_utc(row.started_at),
        row.resumed_on,
        as_utc(row.resumed_at) if row.resumed_at is not None else None,
        row.cleared_by,
        row.resume_reason,
    )


def list_stops(conn: Connection, person_id: str) -> list[StopRecord]:
    """Every stop of the person, oldest first."""
    query = (
        sa.select(magnesium_stops)
        .where(magnesium_stops.c.person_id == person_id)
        .order_by(magnesium_stops.c.started_at, magnesium_stops.c.id)
    )
    return [stop_record(r) for r in conn.execute(query)]


def active_stop(conn: Connection, person_id: str) -> StopRecord | None:
    """The stop in force (not resumed), if any."""
    query = sa.select(magnesium_stops).where(
        magnesium_stops.c.person_id == person_id, magnesium_stops.c.resumed_at.is_(None)
    )
    row = conn.execute(query.order_by(magnesium_stops.c.started_at).limit(1)).first()
    return None if row is None else stop_record(row)


def start_stop(conn: Connection, stop: StopRecord) -> bool:
    """Store a new stop unless one is already in force (or this one exists); True if stored."""
    if active_stop(conn, stop.person_id) is not None:
        return False
    exists = conn.execute(
        sa.select(magnesium_stops.c.id).where(
            magnesium_stops.c.person_id == stop.person_id, magnesium_stops.c.id == stop.id
        )
    ).first()
    if exists is not None:
        return False  # resumed before: the same red flag sent again does not stop twice
    conn.execute(
        magnesium_stops.insert().values(
            person_id=stop.person_id,
            id=stop.id,
            since=stop.since,
            reason=stop.reason,
            started_at=stop.started_at,
        )
    )
    return True


def resume_stop(
    conn: Connection, person_id: str, on: date, cleared_by: str, reason: str, now: datetime
) -> StopRecord | None:
    """End the stop in force; the ended stop, or None when none was in force."""
    stop = active_stop(conn, person_id)
    if stop is None:
        return None
    conn.execute(
        magnesium_stops.update()
        .where(magnesium_stops.c.person_id == person_id, magnesium_stops.c.id == stop.id)
        .values(resumed_on=on, resumed_at=now, cleared_by=cleared_by, resume_reason=reason)
    )
    row = conn.execute(
        sa.select(magnesium_stops).where(
            magnesium_stops.c.person_id == person_id, magnesium_stops.c.id == stop.id
        )
    ).one()
    return stop_record(row)


def read_safety_plan(conn: Connection, person_id: str) -> tuple[dict[str, Any], datetime] | None:
    """The person's safety plan document and when it was last saved, if any."""
    query = sa.select(safety_plans.c.document, safety_plans.c.updated_at).where(
        safety_plans.c.person_id == person_id
    )
    row = conn.execute(query).first()
    return None if row is None else (dict(row.document), as_utc(row.updated_at))


def save_safety_plan(
    conn: Connection, person_id: str, document: dict[str, Any], now: datetime
) -> None:
    """Replace the person's safety plan."""
    conn.execute(safety_plans.delete().where(safety_plans.c.person_id == person_id))
    conn.execute(
        safety_plans.insert().values(person_id=person_id, document=document, updated_at=now)
    )


def restore_stop(conn: Connection, stop: StopRecord) -> None:
    """Insert a stop as it was exported (the caller checked it is not stored yet)."""
    conn.execute(
        magnesium_stops.insert().values(
            person_id=stop.person_id,
            id=stop.id,
            since=stop.since,
            reason=stop.reason,
            started_at=stop.started_at,
            resumed_on=stop.resumed_on,
            resumed_at=stop.resumed_at,
            cleared_by=stop.cleared_by,
            resume_reason=stop.resume_reason,
        )
    )
