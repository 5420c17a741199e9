"""Repository: the clinician dashboard's facts for all of a clinician's people in six queries.

However many people a clinician follows, the page costs the same number of statements: each
query covers every granted person at once (a subquery of the clinician's active grants, never a
loop over people), and only the few JSON fields the dashboard needs leave the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection

from mgcalm.store.clinic.tables import grants
from mgcalm.store.safety_tables import magnesium_stops, safety_events
from mgcalm.store.tables import entries, people, phases, plan_versions

RECENT_DAYS = 7
#: How long a safety event stays on the dashboard (a stop in force stays until resumed).
SAFETY_DAYS = 30
# Questionnaires looked at per person: two rounds of the three instruments, and room to spare.
RECENT_QUESTIONNAIRES = 12


@dataclass(frozen=True, slots=True)
class ScoreFact:
    """One stored questionnaire (the latest two per instrument are read).

    Only the answers leave the database: the dashboard scores them again rather than trusting
    a stored score (which an older version took from the client as it came).
    """

    instrument: str
    day: date
    answers: Any


@dataclass(frozen=True, slots=True)
class SafetyFact:
    """One stored safety event: its code, day, words and origin (and for a stop, if in force)."""

    code: str
    level: str
    day: date
    message: str
    origin: str
    detail: dict[str, Any] = field(default_factory=dict)
    active: bool = False


@dataclass(slots=True)
class PersonFacts:
    """What the dashboard knows about one person, gathered from the bulk queries."""

    person_id: str
    display_name: str
    phases: list[tuple[str, date, date | None]] = field(default_factory=list)
    scores: list[ScoreFact] = field(default_factory=list)
    planned_doses_per_day: int | None = None
    doses_taken: int = 0
    doses_missed: int = 0
    side_effect_days: int = 0
    crisis_days: int = 0
    last_logged: date | None = None
    safety: list[SafetyFact] = field(default_factory=list)


def readable(document: Any, dialect: str) -> Any:
    """``document``, or NULL where the database cannot open it as JSON.

    PostgreSQL refuses to turn ``\\u0000`` into text, so any JSON operator on a document holding
    a NUL (stored before such text was refused) fails the whole query; reading that one row as
    NULL keeps everyone else's page working. SQLite reads such documents as they are.
    """
    if dialect != "postgresql":
        return document
    broken = sa.func.strpos(sa.cast(document, sa.Text), "\\u0000") > 0
    return sa.case((broken, sa.null()), else_=document).label(None)


def _granted(clinician_id: str) -> sa.Select[Any]:
    return sa.select(grants.c.person_id).where(
        grants.c.clinician_id == clinician_id, grants.c.revoked_at.is_(None)
    )


def dashboard_facts(conn: Connection, clinician_id: str, today: date) -> list[PersonFacts]:
    """Every person the clinician may see, with their phases, scores, doses and side effects."""
    granted = _granted(clinician_id)
    rows = conn.execute(
        sa.select(people.c.id, people.c.display_name)
        .where(people.c.id.in_(granted))
        .order_by(people.c.display_name, people.c.id)
    )
    facts = {r.id: PersonFacts(r.id, r.display_name) for r in rows}
    if not facts:
        return []
    _add_phases(conn, granted, facts)
    _add_scores(conn, granted, facts)
    _add_recent(conn, granted, facts, today)
    _add_plans(conn, granted, facts)
    _add_safety(conn, granted, facts, today)
    return list(facts.values())


def _add_phases(conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts]) -> None:
    rows = conn.execute(
        sa.select(phases.c.person_id, phases.c.phase, phases.c.start, phases.c.end)
        .where(phases.c.person_id.in_(granted))
        .order_by(phases.c.person_id, phases.c.start)
    )
    for r in rows:
        facts[r.person_id].phases.append((r.phase, r.start, r.end))


def _recent_questionnaires(dialect: str, granted: sa.Select[Any]) -> sa.Subquery:
    """Each person's most recent questionnaires: (person_id, day, created_at, document).

    Only these documents are opened as JSON. PostgreSQL walks the (person, kind, day) index per
    person with LATERAL … LIMIT; elsewhere a window over plain columns picks them first.
    """
    newest = (entries.c.day.desc(), entries.c.created_at.desc())
    if dialect == "postgresql":
        person = sa.select(people.c.id.label("pid")).where(people.c.id.in_(granted)).subquery()
        # Parsed once into jsonb, so the four fields read below do not re-parse the text.
        document = sa.cast(readable(entries.c.document, dialect), JSONB).label("document")
        latest = (
            sa.select(entries.c.day, entries.c.created_at, document)
            .where(entries.c.person_id == person.c.pid, entries.c.kind == "questionnaire")
            .order_by(*newest)
            .limit(RECENT_QUESTIONNAIRES)
            .lateral()
        )
        return (
            sa.select(
                person.c.pid.label("person_id"),
                latest.c.day,
                latest.c.created_at,
                latest.c.document,
            )
            .select_from(person.join(latest, sa.true()))
            .subquery()
        )
    order = sa.func.row_number().over(partition_by=entries.c.person_id, order_by=newest)
    recent = (
        sa.select(entries.c.person_id, entries.c.id, order.label("recent"))
        .where(entries.c.kind == "questionnaire", entries.c.person_id.in_(granted))
        .subquery()
    )
    on = sa.and_(recent.c.person_id == entries.c.person_id, recent.c.id == entries.c.id)
    return (
        sa.select(entries.c.person_id, entries.c.day, entries.c.created_at, entries.c.document)
        .join(recent, on)
        .where(recent.c.recent <= RECENT_QUESTIONNAIRES)
        .subquery()
    )


def _add_scores(conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts]) -> None:
    """The latest two answers per instrument among each person's most recent questionnaires."""
    base = _recent_questionnaires(conn.dialect.name, granted)
    doc = base.c.document
    instrument = doc["instrument"].as_string()
    ranked = sa.select(
        base.c.person_id,
        instrument.label("instrument"),
        base.c.day,
        doc["answers"].label("answers"),
        sa.func.row_number()
        .over(
            partition_by=(base.c.person_id, instrument),
            order_by=(base.c.day.desc(), base.c.created_at.desc()),
        )
        .label("rank"),
    ).subquery()
    rows = conn.execute(
        sa.select(ranked).where(ranked.c.rank <= 2).order_by(ranked.c.person_id, ranked.c.rank)
    )
    for r in rows:
        fact = ScoreFact(r.instrument or "", r.day, r.answers)
        facts[r.person_id].scores.append(fact)


def _add_recent(
    conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts], today: date
) -> None:
    """Doses taken and missed, side-effect and crisis days over the last week, last log day."""
    kind, day = entries.c.kind, entries.c.day
    doc = sa.type_coerce(readable(entries.c.document, conn.dialect.name), entries.c.document.type)
    missed = sa.func.coalesce(doc["missed"].as_boolean(), sa.false())
    crisis = sa.func.coalesce(doc["crisis"].as_boolean(), sa.false())

    def count_if(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[Any]:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    def days_if(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[Any]:
        return sa.func.count(sa.distinct(sa.case((condition, day))))

    rows = conn.execute(
        sa.select(
            entries.c.person_id,
            count_if(sa.and_(kind == "dose", sa.not_(missed))).label("taken"),
            count_if(sa.and_(kind == "dose", missed)).label("missed"),
            days_if(kind == "side_effect").label("side_effect_days"),
            days_if(sa.and_(kind == "checkin", crisis)).label("crisis_days"),
            sa.func.max(day).label("last_logged"),
        )
        .where(
            entries.c.person_id.in_(granted),
            day > today - timedelta(days=RECENT_DAYS),
            day <= today,
        )
        .group_by(entries.c.person_id)
    )
    for r in rows:
        fact = facts[r.person_id]
        fact.doses_taken, fact.doses_missed = int(r.taken), int(r.missed)
        fact.side_effect_days, fact.crisis_days = int(r.side_effect_days), int(r.crisis_days)
        fact.last_logged = r.last_logged


def _add_plans(conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts]) -> None:
    rows = conn.execute(
        sa.select(
            plan_versions.c.person_id,
            sa.func.json_array_length(plan_versions.c.document["doses"]).label("doses"),
        ).where(plan_versions.c.person_id.in_(granted), plan_versions.c.active_to.is_(None))
    )
    for r in rows:
        facts[r.person_id].planned_doses_per_day = None if r.doses is None else int(r.doses)


def _add_safety(
    conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts], today: date
) -> None:
    """Safety events of the last ``SAFETY_DAYS`` days, and every stop still in force, newest first.

    One statement: each event is joined to its stop, if it started one, to tell a stop in force
    (whatever its age) from one already resumed.
    """
    stops = magnesium_stops
    on = sa.and_(
        stops.c.person_id == safety_events.c.person_id, stops.c.id == safety_events.c.source_id
    )
    in_force = sa.and_(
        safety_events.c.code == "magnesium_stopped",
        stops.c.id.is_not(None),
        stops.c.resumed_at.is_(None),
    )
    rows = conn.execute(
        sa.select(
            safety_events.c.person_id,
            safety_events.c.code,
            safety_events.c.level,
            safety_events.c.day,
            safety_events.c.origin,
            safety_events.c.document,
            in_force.label("active"),
        )
        .select_from(safety_events.outerjoin(stops, on))
        .where(
            safety_events.c.person_id.in_(granted),
            sa.or_(safety_events.c.day > today - timedelta(days=SAFETY_DAYS), in_force),
        )
        .order_by(safety_events.c.person_id, safety_events.c.day.desc())
    )
    for r in rows:
        document = r.document if isinstance(r.document, dict) else {}
        found = document.get("detail")
        detail: dict[str, Any] = found if isinstance(found, dict) else {}
        message = str(document.get("message") or "")
        fact = SafetyFact(r.code, r.level, r.day, message, r.origin, detail, bool(r.active))
        facts[r.person_id].safety.append(fact)
