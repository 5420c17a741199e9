"""Plain, immutable records the repositories return (no SQLAlchemy objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive timestamps; every stamp mgcalm writes is UTC, so say so."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person the store knows."""

    id: str
    display_name: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One version of a person's profile or plan document."""

    person_id: str
    version: int
    document: dict[str, Any]
    digest: str
    created_at: datetime
    profile_version: int | None = None
    active_from: date | None = None
    active_to: date | None = None


@dataclass(frozen=True, slots=True)
class PhaseRecord:
    """A stored trial phase."""

    person_id: str
    id: str
    phase: str
    start: date
    end: date | None
    digest: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OutcomeRecord:
    """One choice of primary outcome; ``after_start`` marks a change made once the trial began."""

    person_id: str
    seq: int
    outcome: str
    chosen_on: date
    reason: str
    after_start: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """A stored entry: its validated JSON document and bookkeeping."""

    person_id: str
    id: str
    kind: str
    day: date
    document: dict[str, Any]
    digest: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RevisionRecord:
    """An earlier version of an entry, kept when the entry was amended or deleted."""

    person_id: str
    entry_id: str
    revision: int
    action: str  # "amended" or "deleted"
    reason: str
    document: dict[str, Any]
    digest: str
    created_at: datetime
    replaced_at: datetime
