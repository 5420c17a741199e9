"""Repository: trial phases and the history of primary-outcome choices."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.records import OutcomeRecord, PhaseRecord, as_utc
from mgcalm.store.tables import outcome_choices, phases


def list_phases(conn: Connection, person_id: str) -> list[PhaseRecord]:
    """The person's phases in date order."""
    rows = conn.execute(
        sa.select(phases)
        .where(phases.c.person_id == person_id)
        .order_by(phases.c.start, phases.c.created_at, phases.c.id)
    )
    return [
        PhaseRecord(
            r.person_id,
            r.id,
            r.phase,
            r.start,
            r.end,
            r.digest,
            as_utc(r.created_at),
            as_utc(r.updated_at),
        )
        for r in rows
    ]


def insert_phase(
    conn: Connection, person_id: str, values: dict[str, Any], digest: str, now: datetime
) -> None:
    """Add a phase (the caller has checked the id is free)."""
    conn.execute(
        phases.insert().values(
            person_id=person_id, digest=digest, created_at=now, updated_at=now, **values
        )
    )


def set_phase_end(
    conn: Connection, person_id: str, phase_id: str, end: date, digest: str, now: datetime
) -> None:
    """Close a phase on ``end`` (an explicit, dated change)."""
    conn.execute(
        phases.update()
        .where(phases.c.person_id == person_id, phases.c.id == phase_id)
        .values(end=end, digest=digest, updated_at=now)
    )


def reopen_phase(
    conn: Connection, person_id: str, phase_id: str, digest: str, now: datetime
) -> None:
    """Open a closed phase again (its end cleared): the step after it was taken back."""
    conn.execute(
        phases.update()
        .where(phases.c.person_id == person_id, phases.c.id == phase_id)
        .values(end=None, digest=digest, updated_at=now)
    )


def delete_phase(conn: Connection, person_id: str, phase_id: str) -> None:
    """Remove a phase: one started by mistake moments ago, or a baseline a schedule replaces."""
    conn.execute(phases.delete().where(phases.c.person_id == person_id, phases.c.id == phase_id))


def list_outcome_choices(conn: Connection, person_id: str) -> list[OutcomeRecord]:
    """Every primary-outcome choice, oldest first (the last one is current)."""
    rows = conn.execute(
        sa.select(outcome_choices)
        .where(outcome_choices.c.person_id == person_id)
        .order_by(outcome_choices.c.seq)
    )
    return [
        OutcomeRecord(
            r.person_id,
            r.seq,
            r.outcome,
            r.chosen_on,
            r.reason,
            bool(r.after_start),
            as_utc(r.created_at),
        )
        for r in rows
    ]


def add_outcome_choice(conn: Connection, person_id: str, values: dict[str, Any]) -> int:
    """Append a primary-outcome choice; returns its sequence number."""
    current = conn.execute(
        sa.select(sa.func.max(outcome_choices.c.seq)).where(
            outcome_choices.c.person_id == person_id
        )
    ).scalar_one()
    seq = (current or 0) + 1
    conn.execute(outcome_choices.insert().values(person_id=person_id, seq=seq, **values))
    return int(seq)


def restore_rows(conn: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    """Insert exported phase or outcome rows as they were (used by import)."""
    table = phases if table_name == "phases" else outcome_choices
    if rows:
        conn.execute(table.insert(), rows)
