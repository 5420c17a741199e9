"""Repository: entries, written idempotently by client-supplied id.

Same id and same content → nothing new is written; same id and different content → a
:class:`~mgcalm.domain.entries.ConflictError` naming every clashing id, and (because the caller's
transaction rolls back) nothing from the batch is written.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.domain.entries import ConflictError
from mgcalm.domain.problems import Problem
from mgcalm.store.clinic import summaries
from mgcalm.store.records import EntryRecord, as_utc
from mgcalm.store.tables import entries

_CHUNK = 500  # stays under SQLite's bound-parameter limit
_BATCH = 8  # rows fetched at a time when reading newest first


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry ready to store: its validated document and that document's digest."""

    id: str
    kind: str
    day: date
    document: dict[str, Any]
    digest: str


def put_entries(
    conn: Connection, person_id: str, batch: Sequence[NewEntry], now: datetime
) -> list[bool]:
    """Store a batch; for each entry return True if it was new, False if it was already there."""
    existing = _existing_digests(conn, person_id, [e.id for e in batch])
    conflicts: list[Problem] = []
    fresh: list[dict[str, Any]] = []
    created: list[bool] = []
    for entry in batch:
        known = existing.get(entry.id)
        if known is not None and known != entry.digest:
            conflicts.append(
                Problem(
                    f"{entry.kind}.id",
                    f"{entry.id!r} was already saved with different content; nothing was changed",
                    "a new id, or the same content as before",
                )
            )
        if known is None:
            existing[entry.id] = entry.digest
            fresh.append(_row(person_id, entry, now))
        created.append(known is None)
    if conflicts:
        raise ConflictError(conflicts)
    if fresh:
        conn.execute(entries.insert(), fresh)
        summarise(conn, fresh)
    return created


def restore_entries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert exported entry rows as they were (used by import, after conflict checks)."""
    if rows:
        conn.execute(entries.insert(), rows)
        summarise(conn, rows)


def summarise(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Bring the dashboard's summaries up to date with these written entry rows."""
    days: dict[str, set[date]] = {}
    asked: set[str] = set()
    for row in rows:
        days.setdefault(row["person_id"], set()).add(row["day"])
        if row["kind"] == "questionnaire":
            asked.add(row["person_id"])
    for person_id, touched in days.items():
        summaries.refresh_days(conn, person_id, touched)
    summaries.refresh_scores(conn, asked)


def existing_digests(conn: Connection, person_id: str, ids: Iterable[str]) -> dict[str, str]:
    """Digest of each id already stored for the person."""
    return _existing_digests(conn, person_id, list(ids))


def list_entries(
    conn: Connection,
    person_id: str,
    *,
    kinds: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[EntryRecord]:
    """The person's entries (optionally of some kinds, between two days inclusive), by day."""
    query = _list_query(bool(kinds), start is not None, end is not None)
    values = {"person_id": person_id, "kinds": list(kinds or ()), "start": start, "end": end}
    return _records(conn.execute(query, values))


@functools.cache
def _list_query(kinds: bool, start: bool, end: bool) -> sa.Select[Any]:
    """Built once per set of filters: SQLAlchemy then reuses its compiled form."""
    table = entries
    query = sa.select(table).where(table.c.person_id == sa.bindparam("person_id"))
    if kinds:
        query = query.where(table.c.kind.in_(sa.bindparam("kinds", expanding=True)))
    if start:
        query = query.where(table.c.day >= sa.bindparam("start"))
    if end:
        query = query.where(table.c.day <= sa.bindparam("end"))
    return query.order_by(table.c.day, table.c.created_at, table.c.id)


def list_documents(
    conn: Connection,
    person_id: str,
    start: date,
    end: date,
    kinds: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Just the entry documents between two days (inclusive), by day: the analysis fast path.

    ``kinds`` keeps only those kinds (``None``: every kind).
    """
    table = entries
    query = (
        sa.select(table.c.document)
        .where(table.c.person_id == person_id, table.c.day >= start, table.c.day <= end)
        .order_by(table.c.day, table.c.created_at, table.c.id)
    )
    if kinds is not None:
        query = query.where(table.c.kind.in_(list(kinds)))
    return [row[0] for row in conn.execute(query)]


def last_days(conn: Connection, person_id: str, kinds: Sequence[str], end: date) -> dict[str, date]:
    """The last day up to ``end`` with an entry of each kind (a kind never logged is left out).

    One statement; each kind is a single seek on the (person, kind, day) index, however long
    the history.
    """
    if not kinds:
        return {}
    values = {"person_id": person_id, "end": end} | {f"kind{i}": k for i, k in enumerate(kinds)}
    row = conn.execute(_last_days_query(len(kinds)), values).one()
    return {kind: _as_date(day) for kind, day in zip(kinds, row, strict=True) if day is not None}


@functools.cache
def _last_days_query(count: int) -> sa.Select[Any]:
    """Built once per number of kinds: SQLAlchemy then reuses its compiled form."""
    table = entries
    return sa.select(
        *(
            sa.select(sa.func.max(table.c.day))
            .where(
                table.c.person_id == sa.bindparam("person_id"),
                table.c.kind == sa.bindparam(f"kind{index}"),
                table.c.day <= sa.bindparam("end"),
            )
            .scalar_subquery()
            .label(f"k{index}")
            for index in range(count)
        )
    )


def latest_questionnaires(conn: Connection, person_id: str, end: date | None) -> list[EntryRecord]:
    """The last questionnaire up to ``end`` of each instrument id as stored, by day.

    One statement: the database finds each instrument's last day (grouping on the documents'
    ``instrument``) and only the questionnaires of those days come back to be decoded, never
    the whole history.
    """
    query = _latest_questionnaires_query(bounded=end is not None)
    params = {"person_id": person_id, "end": end}
    if conn.dialect.name != "postgresql":
        records = _records(conn.execute(query, params))
    else:
        try:
            with conn.begin_nested():  # a refused statement must not end the caller's transaction
                records = _records(conn.execute(query, params))
        except sa.exc.DataError:
            # PostgreSQL's json operators refuse a document holding an escaped NUL (which only an
            # older version could store); group those people's questionnaires here instead.
            records = list_entries(conn, person_id, kinds=["questionnaire"], end=end)
    last: dict[Any, date] = {}
    for record in records:  # the days also hold other instruments' earlier answers
        last[record.document.get("instrument")] = record.day
    return [r for r in records if r.day == last[r.document.get("instrument")]]


@functools.cache
def _latest_questionnaires_query(*, bounded: bool) -> sa.Select[Any]:
    """Built once (up to a day, or over every day): SQLAlchemy reuses its compiled form."""
    table = entries
    instrument = table.c.document["instrument"].as_string()
    scope = [table.c.person_id == sa.bindparam("person_id"), table.c.kind == "questionnaire"]
    if bounded:
        scope.append(table.c.day <= sa.bindparam("end"))
    final_days = sa.select(sa.func.max(table.c.day)).where(*scope).group_by(instrument)
    return (
        sa.select(table)
        .where(*scope, table.c.day.in_(final_days.scalar_subquery()))
        .order_by(table.c.day, table.c.created_at, table.c.id)
    )


def newest_first(
    conn: Connection, person_id: str, kind: str, end: date | None = None
) -> Iterator[EntryRecord]:
    """The person's entries of one kind up to ``end``, newest first (by day, then save order).

    Rows are fetched a few at a time, so a caller that stops at the first it wants reads only
    the latest rows, however long the history.
    """
    table = entries
    query = sa.select(table).where(table.c.person_id == person_id, table.c.kind == kind)
    if end is not None:
        query = query.where(table.c.day <= end)
    order = (table.c.day.desc(), table.c.created_at.desc(), table.c.id.desc())
    rows = conn.execute(query.order_by(*order).execution_options(yield_per=_BATCH))
    try:
        for row in rows:
            yield _records([row])[0]
    finally:
        rows.close()


def _as_date(value: Any) -> date:
    """A day from an aggregate (SQLite hands ``MAX(day)`` back as ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def get_entries(conn: Connection, person_id: str, ids: Sequence[str]) -> list[EntryRecord]:
    """The person's entries with these ids (in no particular order)."""
    table = entries
    found: list[EntryRecord] = []
    for offset in range(0, len(ids), _CHUNK):
        chunk = list(ids[offset : offset + _CHUNK])
        query = sa.select(table).where(table.c.person_id == person_id, table.c.id.in_(chunk))
        found += _records(conn.execute(query))
    return found


def _records(rows: Iterable[Any]) -> list[EntryRecord]:
    return [
        EntryRecord(
            r.person_id,
            r.id,
            r.kind,
            r.day,
            r.document,
            r.digest,
            as_utc(r.created_at),
            as_utc(r.updated_at),
        )
        for r in rows
    ]


def count_entries(conn: Connection, person_id: str | None = None) -> int:
    """How many entries are stored (for one person, or for everyone)."""
    query = sa.select(sa.func.count()).select_from(entries)
    if person_id is not None:
        query = query.where(entries.c.person_id == person_id)
    return int(conn.execute(query).scalar_one())


# Built once: SQLAlchemy then reuses the compiled form, which keeps per-entry logging cheap.
_DIGESTS = sa.select(entries.c.id, entries.c.digest).where(
    entries.c.person_id == sa.bindparam("person_id"),
    entries.c.id.in_(sa.bindparam("ids", expanding=True)),
)


def _existing_digests(conn: Connection, person_id: str, ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    unique = sorted(set(ids))
    for offset in range(0, len(unique), _CHUNK):
        chunk = unique[offset : offset + _CHUNK]
        rows = conn.execute(_DIGESTS, {"person_id": person_id, "ids": chunk})
        found.update({row.id: row.digest for row in rows})
    return found


def _row(person_id: str, entry: NewEntry, now: datetime) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "id": entry.id,
        "kind": entry.kind,
        "day": entry.day,
        "document": entry.document,
        "digest": entry.digest,
        "created_at": now,
        "updated_at": now,
    }
