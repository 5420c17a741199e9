"""Repository: the clinician dashboard's facts for all of a clinician's people in five queries.

However many people a clinician follows, the page costs the same number of statements: each
query covers every granted person at once (a subquery of the clinician's active grants, never a
loop over people). Nothing grows with history: scores, planned doses and the week's doses, side
effects and crises come from the summaries kept on write (:mod:`.summaries`), a few small rows
per person, never from the entries themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.clinic.summaries import day_summaries, person_summaries
from mgcalm.store.clinic.tables import grants
from mgcalm.store.safety_tables import magnesium_stops, safety_events
from mgcalm.store.tables import people, phases

RECENT_DAYS = 7
#: How long a safety event stays on the dashboard (a stop in force stays until resumed).
SAFETY_DAYS = 30


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
    #: The summary's latest questionnaires as stored JSON text (read instead of ``scores``).
    scores_json: str = ""
    last_logged: date | None = None
    last_side_effect: date | None = None
    last_crisis: date | None = None
    safety: list[SafetyFact] = field(default_factory=list)


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
    _add_phases(conn, granted, facts, today)
    _add_summaries(conn, granted, facts)
    _add_recent(conn, granted, facts, today)
    _add_safety(conn, granted, facts, today)
    return list(facts.values())


def _add_phases(
    conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts], today: date
) -> None:
    """The phases running today (the dashboard shows the current one)."""
    rows = conn.execute(
        sa.select(phases.c.person_id, phases.c.phase, phases.c.start, phases.c.end)
        .where(
            phases.c.person_id.in_(granted),
            phases.c.start <= today,
            sa.or_(phases.c.end.is_(None), phases.c.end >= today),
        )
        .order_by(phases.c.person_id, phases.c.start)
    )
    for r in rows:
        facts[r.person_id].phases.append((r.phase, r.start, r.end))


def _add_summaries(
    conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts]
) -> None:
    """The latest two answers per instrument and the active plan's doses a day, per person."""
    table = person_summaries
    scores = sa.cast(table.c.scores, sa.Text).label("scores")  # decoded (and cached) by the app
    rows = conn.execute(
        sa.select(table.c.person_id, scores, table.c.doses_per_day).where(
            table.c.person_id.in_(granted)
        )
    )
    for r in rows:
        fact = facts[r.person_id]
        fact.planned_doses_per_day, fact.scores_json = r.doses_per_day, r.scores or ""


def _add_recent(
    conn: Connection, granted: sa.Select[Any], facts: dict[str, PersonFacts], today: date
) -> None:
    """Doses taken and missed, side-effect and crisis days over the last week, last log day."""
    table = day_summaries
    day = table.c.day

    def last_if(count: sa.ColumnElement[int]) -> sa.ColumnElement[Any]:
        return sa.func.max(sa.case((count > 0, day)))

    rows = conn.execute(
        sa.select(
            table.c.person_id,
            sa.func.sum(table.c.doses_taken).label("taken"),
            sa.func.sum(table.c.doses_missed).label("missed"),
            sa.func.count(sa.case((table.c.side_effects > 0, day))).label("side_effect_days"),
            sa.func.count(sa.case((table.c.crises > 0, day))).label("crisis_days"),
            last_if(table.c.side_effects).label("last_side_effect"),
            last_if(table.c.crises).label("last_crisis"),
            sa.func.max(day).label("last_logged"),
        )
        .where(
            table.c.person_id.in_(granted),
            day > today - timedelta(days=RECENT_DAYS),
            day <= today,
        )
        .group_by(table.c.person_id)
    )
    for r in rows:
        fact = facts[r.person_id]
        fact.doses_taken, fact.doses_missed = int(r.taken), int(r.missed)
        fact.side_effect_days, fact.crisis_days = int(r.side_effect_days), int(r.crisis_days)
        fact.last_logged, fact.last_side_effect = r.last_logged, r.last_side_effect
        fact.last_crisis = r.last_crisis


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
