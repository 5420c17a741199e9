"""Repository: per-person summaries the clinician dashboard reads, kept up to date on write.

The dashboard must cost the same for a clinic of 2000 people with years of history as for a
new one. Opening every person's recent questionnaires and last week's entries as JSON on each
view does not (it grows with people × entries), so two small tables hold what it needs:

- ``clinic_day_summaries``: per person and day with any entry, the doses taken and missed, the
  side effects and the check-ins marked as a crisis — a week of them is 7 rows per person;
- ``clinic_person_summaries``: per person, the latest two answered questionnaires of each
  instrument (answers only: the dashboard scores them again) and the active plan's doses a day.

Both are derived, never the record: every write of entries or plans recomputes the rows it
touched from the source tables in the same transaction (:func:`refresh_days`,
:func:`refresh_scores`, :func:`refresh_plan`), and :func:`rebuild` recomputes them all (after a
bulk load or the migration that adds them). They are deleted with the person (foreign keys).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.tables import ID, entries, metadata, people, plan_versions

#: Questionnaires read to find the latest two of each instrument (3 instruments, room to spare).
RECENT_QUESTIONNAIRES = 12

day_summaries = sa.Table(
    "clinic_day_summaries",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("doses_taken", sa.Integer, nullable=False),
    sa.Column("doses_missed", sa.Integer, nullable=False),
    sa.Column("side_effects", sa.Integer, nullable=False),
    sa.Column("crises", sa.Integer, nullable=False),
    # The dashboard reads one week of every person: a range of days, not a range of people.
    sa.Index("ix_clinic_day_summaries_day", "day"),
)

person_summaries = sa.Table(
    "clinic_person_summaries",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    # [{"instrument", "day", "answers"}], newest first within each instrument, two at most each.
    sa.Column("scores", sa.JSON, nullable=False),
    sa.Column("doses_per_day", sa.Integer, nullable=True),
)

SUMMARY_TABLES = (day_summaries, person_summaries)


def readable(document: Any, dialect: str) -> Any:
    """``document``, or NULL where the database cannot open it as JSON.

    PostgreSQL refuses to turn ``\\u0000`` into text, so any JSON operator on a document holding
    a NUL (stored before such text was refused) fails the whole query; reading that one row as
    NULL keeps everyone else's summary working. SQLite reads such documents as they are.
    """
    if dialect != "postgresql":
        return document
    broken = sa.func.strpos(sa.cast(document, sa.Text), "\\u0000") > 0
    return sa.case((broken, sa.null()), else_=document).label(None)


def _day_rows(dialect: str, where: sa.ColumnElement[bool]) -> sa.Select[Any]:
    """(person_id, day, taken, missed, side effects, crises) per person-day, from the entries."""
    kind = entries.c.kind
    doc = sa.type_coerce(readable(entries.c.document, dialect), entries.c.document.type)

    def marked(name: str) -> sa.ColumnElement[bool]:
        return sa.func.coalesce(doc[name].as_boolean(), sa.false())

    def count(of: str, field: str | None = None, value: bool = True) -> sa.ColumnElement[Any]:
        """How many entries of kind ``of`` (with ``field`` equal to ``value``): the document
        is opened only for entries of that kind."""
        if field is None:
            return sa.func.sum(sa.case((kind == of, 1), else_=0))
        inner = sa.case((marked(field) == value, 1), else_=0)
        return sa.func.sum(sa.case((kind == of, inner), else_=0))

    return (
        sa.select(
            entries.c.person_id,
            entries.c.day,
            count("dose", "missed", False),
            count("dose", "missed", True),
            count("side_effect"),
            count("checkin", "crisis", True),
        )
        .where(where)
        .group_by(entries.c.person_id, entries.c.day)
    )


_DAY_COLUMNS = ("person_id", "day", "doses_taken", "doses_missed", "side_effects", "crises")


def refresh_days(conn: Connection, person_id: str, days: Iterable[date]) -> None:
    """Recompute one person's day summaries for ``days`` from their entries."""
    wanted = sorted(set(days))
    if not wanted:
        return
    table = day_summaries
    conn.execute(table.delete().where(table.c.person_id == person_id, table.c.day.in_(wanted)))
    where = sa.and_(entries.c.person_id == person_id, entries.c.day.in_(wanted))
    conn.execute(table.insert().from_select(_DAY_COLUMNS, _day_rows(conn.dialect.name, where)))


def refresh_scores(conn: Connection, person_ids: Iterable[str]) -> None:
    """Recompute the latest questionnaires of these people (after one was written or changed)."""
    wanted = sorted(set(person_ids))
    if wanted:
        _write_scores(conn, wanted, _latest_scores(conn, entries.c.person_id.in_(wanted)))


def refresh_plan(conn: Connection, person_id: str) -> None:
    """Recompute the active plan's doses a day for one person (after a plan version changed)."""
    _ensure(conn, [person_id])
    table = person_summaries
    doses = _doses()
    conn.execute(table.update().where(table.c.person_id == person_id).values(doses_per_day=doses))


def rebuild(conn: Connection) -> None:
    """Recompute every summary of every person from the source tables (set-based)."""
    conn.execute(day_summaries.delete())
    conn.execute(person_summaries.delete())
    days = _day_rows(conn.dialect.name, sa.true())
    conn.execute(day_summaries.insert().from_select(_DAY_COLUMNS, days))
    scores = _latest_scores(conn, sa.true())
    everyone = [r.id for r in conn.execute(sa.select(people.c.id))]
    if everyone:
        empty = {"doses_per_day": None}
        rows = [{"person_id": p, "scores": scores.get(p, []), **empty} for p in everyone]
        conn.execute(person_summaries.insert(), rows)
    conn.execute(person_summaries.update().values(doses_per_day=_doses()))


def _doses() -> sa.ScalarSelect[Any]:
    """The doses a day of the summary row's person's active plan (a correlated subquery)."""
    doses = sa.func.json_array_length(plan_versions.c.document["doses"])
    return (
        sa.select(doses)
        .where(
            plan_versions.c.person_id == person_summaries.c.person_id,
            plan_versions.c.active_to.is_(None),
        )
        .limit(1)
        .scalar_subquery()
    )


def _ensure(conn: Connection, person_ids: list[str]) -> None:
    """A summary row for each of these people (empty until refreshed)."""
    have = {
        r.person_id
        for r in conn.execute(
            sa.select(person_summaries.c.person_id).where(
                person_summaries.c.person_id.in_(person_ids)
            )
        )
    }
    missing: list[dict[str, Any]] = [
        {"person_id": p, "scores": [], "doses_per_day": None} for p in person_ids if p not in have
    ]
    if missing:
        conn.execute(person_summaries.insert(), missing)


def _write_scores(conn: Connection, person_ids: list[str], scores: dict[str, list[Any]]) -> None:
    _ensure(conn, person_ids)
    for person_id in person_ids:
        conn.execute(
            person_summaries.update()
            .where(person_summaries.c.person_id == person_id)
            .values(scores=scores.get(person_id, []))
        )


def _latest_scores(conn: Connection, which: sa.ColumnElement[bool]) -> dict[str, list[Any]]:
    """Per person, the latest two answers of each instrument among their recent questionnaires."""
    dialect = conn.dialect.name
    newest = (entries.c.day.desc(), entries.c.created_at.desc())
    order = sa.func.row_number().over(partition_by=entries.c.person_id, order_by=newest)
    recent = (
        sa.select(entries.c.person_id, entries.c.id, order.label("recent"))
        .where(entries.c.kind == "questionnaire", which)
        .subquery()
    )
    on = sa.and_(recent.c.person_id == entries.c.person_id, recent.c.id == entries.c.id)
    doc = sa.type_coerce(readable(entries.c.document, dialect), entries.c.document.type)
    rows = conn.execute(
        sa.select(
            entries.c.person_id,
            entries.c.day,
            doc["instrument"].as_string().label("instrument"),
            doc["answers"].label("answers"),
        )
        .join(recent, on)
        .where(recent.c.recent <= RECENT_QUESTIONNAIRES)
        .order_by(entries.c.person_id, recent.c.recent)
    )
    found: dict[str, list[Any]] = {}
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r.person_id, r.instrument or "")
        if seen.get(key, 0) >= 2:
            continue
        seen[key] = seen.get(key, 0) + 1
        fact = {"instrument": r.instrument or "", "day": r.day.isoformat(), "answers": r.answers}
        found.setdefault(r.person_id, []).append(fact)
    return found
