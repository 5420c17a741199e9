"""Repository: the person's wearable values, one per source, day and measure, and their devices.

The key (person, source, day, measure) makes a re-import idempotent: the same export again
changes nothing, a newer one adds its new days and corrects a day whose value changed (the
older export may have been made before that night was complete). ``device`` says which watch,
ring or app the value came from. The person's preferred devices, in order, sit beside them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.records import as_utc
from mgcalm.store.tables import ID, STAMP, metadata

wearable_values = sa.Table(
    "wearable_values",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("source", sa.String(20), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("measure", sa.String(32), primary_key=True),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("device", sa.String(120), nullable=False),
    sa.Column("imported_at", STAMP, nullable=False),
)

wearable_settings = sa.Table(
    "wearable_settings",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("preferred_devices", sa.Text, nullable=False),  # a JSON list, first preferred
    sa.Column("updated_at", STAMP, nullable=False),
)

WEARABLE_TABLES = (wearable_values, wearable_settings)


@dataclass(frozen=True, slots=True)
class WearableRecord:
    """One stored value."""

    source: str
    day: date
    measure: str
    value: float
    device: str
    imported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SaveCounts:
    """What one import changed."""

    added: int
    updated: int
    unchanged: int


def list_values(
    conn: Connection, person_id: str, start: date | None = None, end: date | None = None
) -> list[WearableRecord]:
    """The person's values between two days (inclusive), by day, measure and source."""
    t = wearable_values
    columns = (t.c.source, t.c.day, t.c.measure, t.c.value, t.c.device, t.c.imported_at)
    query = sa.select(*columns).where(t.c.person_id == person_id)
    if start is not None:
        query = query.where(t.c.day >= start)
    if end is not None:
        query = query.where(t.c.day <= end)
    rows = conn.execute(query.order_by(t.c.day, t.c.measure, t.c.source))
    return [
        WearableRecord(r.source, r.day, r.measure, r.value, r.device, as_utc(r.imported_at))
        for r in rows
    ]


def value_counts(conn: Connection, person_id: str) -> list[tuple[str, str, int, date, date]]:
    """Per source and measure (sorted): the days stored, the first and the last (one query)."""
    t = wearable_values
    query = (
        sa.select(
            t.c.source, t.c.measure, sa.func.count(), sa.func.min(t.c.day), sa.func.max(t.c.day)
        )
        .where(t.c.person_id == person_id)
        .group_by(t.c.source, t.c.measure)
    )
    rows = [(r[0], r[1], int(r[2]), _day(r[3]), _day(r[4])) for r in conn.execute(query)]
    return sorted(rows)  # by source and measure, whatever the database's collation


def _day(value: object) -> date:
    """A day from an aggregate (SQLite hands ``MIN(day)`` back as ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def restore_values(conn: Connection, rows: Sequence[dict[str, object]]) -> None:
    """Insert values from an export file (already checked, none of them stored yet)."""
    if rows:
        conn.execute(wearable_values.insert(), list(rows))


def stored_sources(conn: Connection, person_id: str) -> list[str]:
    """The sources the person has imported from."""
    t = wearable_values
    query = sa.select(t.c.source).where(t.c.person_id == person_id).distinct()
    return sorted(str(s) for s in conn.execute(query).scalars())


def stored_devices(conn: Connection, person_id: str, source: str) -> dict[str, str]:
    """The device each measure of ``source`` was last imported from."""
    t = wearable_values
    query = (
        sa.select(t.c.measure, t.c.device)
        .where(t.c.person_id == person_id, t.c.source == source)
        .order_by(t.c.day)
    )
    return {row.measure: row.device for row in conn.execute(query)}


def save_values(
    conn: Connection,
    person_id: str,
    source: str,
    values: Iterable[tuple[date, str, float, str]],
    now: datetime,
) -> SaveCounts:
    """Insert new (day, measure, value, device) values, correct changed ones, keep the rest."""
    t = wearable_values
    query = sa.select(t.c.day, t.c.measure, t.c.value, t.c.device).where(
        t.c.person_id == person_id, t.c.source == source
    )
    stored = {(r.day, r.measure): (r.value, r.device) for r in conn.execute(query)}
    new: list[dict[str, object]] = []
    changed = unchanged = 0
    for day, measure, value, device in values:
        before = stored.get((day, measure))
        if before is None:
            new.append(
                {"person_id": person_id, "source": source, "day": day, "measure": measure,
                 "value": value, "device": device, "imported_at": now}
            )  # fmt: skip
        elif before == (value, device):
            unchanged += 1
        else:
            where = (t.c.person_id == person_id, t.c.source == source, t.c.day == day)
            conn.execute(
                t.update()
                .where(*where, t.c.measure == measure)
                .values(value=value, device=device, imported_at=now)
            )
            changed += 1
    if new:
        conn.execute(t.insert(), new)
    return SaveCounts(len(new), changed, unchanged)


def preferred_devices(conn: Connection, person_id: str) -> list[str]:
    """The person's devices in order of preference (empty when never set)."""
    t = wearable_settings
    found = conn.execute(sa.select(t.c.preferred_devices).where(t.c.person_id == person_id))
    text = found.scalar_one_or_none()
    return [str(d) for d in json.loads(text)] if text else []


def set_preferred_devices(
    conn: Connection, person_id: str, devices: Sequence[str], now: datetime
) -> None:
    """Replace the person's preferred devices."""
    t = wearable_settings
    conn.execute(t.delete().where(t.c.person_id == person_id))
    conn.execute(
        t.insert().values(
            person_id=person_id, preferred_devices=json.dumps(list(devices)), updated_at=now
        )
    )
