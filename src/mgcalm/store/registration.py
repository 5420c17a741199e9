"""Repository: the trial's pre-registration, its sealed allocation and the blinding guesses.

:func:`read_allocation` is the only way the allocation leaves the database; its callers are the
unblinding step and, after it, the analysis — never a view of a sealed trial.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.records import as_utc
from mgcalm.store.trial_tables import blinding_guesses, trial_allocations, trial_registrations


@dataclass(frozen=True, slots=True)
class RegistrationRecord:
    """A stored pre-registration (what every view may show)."""

    person_id: str
    design: str
    blinded: bool
    start: date
    planned_end: date
    pairs: int | None
    period_days: int | None
    baseline_days: int
    transition_days: int
    primary_outcome: str | None
    registered_on: date
    seal: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AllocationRecord:
    """The seed and the condition of every randomised period, and when it was unblinded."""

    person_id: str
    seed: int
    conditions: tuple[str, ...]
    unblinded_on: date | None
    unblind_reason: str
    unblinded_at: datetime | None


@dataclass(frozen=True, slots=True)
class GuessRecord:
    """One guess of a period's condition."""

    person_id: str
    seq: int
    period: int
    guess: str
    day: date
    created_at: datetime


def get_registration(conn: Connection, person_id: str) -> RegistrationRecord | None:
    """The person's registration, if the trial is registered."""
    row = conn.execute(
        sa.select(trial_registrations).where(trial_registrations.c.person_id == person_id)
    ).first()
    if row is None:
        return None
    values = {k: v for k, v in row._mapping.items() if k != "created_at"}
    return RegistrationRecord(**values, created_at=as_utc(row.created_at))


def insert_registration(conn: Connection, values: dict[str, Any]) -> None:
    """Store a registration (the caller has checked there is none)."""
    conn.execute(trial_registrations.insert().values(**values))


def delete_registration(conn: Connection, person_id: str) -> None:
    """Remove a quick design's registration made by a phase start that was taken back."""
    conn.execute(
        trial_registrations.delete().where(
            trial_registrations.c.person_id == person_id, trial_registrations.c.design == "quick"
        )
    )


def insert_allocation(
    conn: Connection, person_id: str, seed: int, conditions: Sequence[str]
) -> None:
    """Store the sealed allocation beside its registration."""
    conn.execute(
        trial_allocations.insert().values(
            person_id=person_id, seed=seed, conditions=list(conditions)
        )
    )


def unblinded_on(conn: Connection, person_id: str) -> date | None:
    """The day the allocation was revealed (``None`` while sealed or absent); no conditions."""
    value = conn.execute(
        sa.select(trial_allocations.c.unblinded_on).where(
            trial_allocations.c.person_id == person_id
        )
    ).scalar_one_or_none()
    return value if isinstance(value, date) else None


def read_allocation(conn: Connection, person_id: str) -> AllocationRecord | None:
    """The allocation itself: only for the unblinding step and analyses after it."""
    row = conn.execute(
        sa.select(trial_allocations).where(trial_allocations.c.person_id == person_id)
    ).first()
    if row is None:
        return None
    return AllocationRecord(
        row.person_id,
        int(row.seed),
        tuple(row.conditions),
        row.unblinded_on,
        row.unblind_reason,
        as_utc(row.unblinded_at) if row.unblinded_at else None,
    )


def record_unblinding(
    conn: Connection, person_id: str, day: date, reason: str, now: datetime
) -> None:
    """Mark the allocation revealed, with the day and the reason."""
    conn.execute(
        trial_allocations.update()
        .where(trial_allocations.c.person_id == person_id)
        .values(unblinded_on=day, unblind_reason=reason, unblinded_at=now)
    )


def list_guesses(conn: Connection, person_id: str) -> list[GuessRecord]:
    """Every guess, oldest first."""
    rows = conn.execute(
        sa.select(blinding_guesses)
        .where(blinding_guesses.c.person_id == person_id)
        .order_by(blinding_guesses.c.seq)
    )
    return [
        GuessRecord(r.person_id, r.seq, r.period, r.guess, r.day, as_utc(r.created_at))
        for r in rows
    ]


def add_guess(conn: Connection, person_id: str, values: dict[str, Any]) -> int:
    """Append a guess; returns its sequence number."""
    current = conn.execute(
        sa.select(sa.func.max(blinding_guesses.c.seq)).where(
            blinding_guesses.c.person_id == person_id
        )
    ).scalar_one()
    seq = int(current or 0) + 1
    conn.execute(blinding_guesses.insert().values(person_id=person_id, seq=seq, **values))
    return seq


def restore(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert exported registration, allocation or guess rows as they were (used by import)."""
    target = {
        "trial_registration": trial_registrations,
        "trial_allocation": trial_allocations,
        "blinding_guesses": blinding_guesses,
    }[table]
    if rows:
        conn.execute(target.insert(), rows)
