"""Inside a write: the trial's pre-registration as stored, and the quick design's own registration.

A quick-look trial (baseline → magnesium → back to baseline) is registered on its first magnesium
day at the latest: if the person has not registered it, starting titration does, with the primary
outcome chosen so far. A randomised trial is registered explicitly (``registration``), before
its first day.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS
from mgcalm.store import registration as repo
from mgcalm.store import trial as trial_repo
from mgcalm.store.registration import RegistrationRecord

#: Phase kinds on which magnesium is taken openly: the first of them is the first magnesium day.
MAGNESIUM_KINDS = ("titration", "maintenance", "magnesium", "period")


def seal(seed: int, start: date, conditions: Sequence[str], period_days: int) -> str:
    """SHA-256 fingerprint of the schedule and its seed, fixed when the trial is registered."""
    canonical = json.dumps(
        {
            "seed": seed,
            "start": start.isoformat(),
            "period_days": period_days,
            "conditions": list(conditions),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def current_primary(conn: Any, person_id: str) -> str | None:
    """The primary outcome chosen so far."""
    choices = trial_repo.list_outcome_choices(conn, person_id)
    return choices[-1].outcome if choices else None


def register_quick_if_needed(conn: Any, person_id: str, first_day: date, now: datetime) -> None:
    """Register the quick design on its first magnesium day unless the trial is registered."""
    if repo.get_registration(conn, person_id) is not None:
        return
    phases = trial_repo.list_phases(conn, person_id)
    start = phases[0].start if phases else first_day
    design = TrialDesign(start)
    # A titration started after a shorter or longer baseline moves the planned end with it.
    end = first_day + (design.end - design.start) - timedelta(days=design.baseline_days)
    repo.insert_registration(
        conn,
        {
            "person_id": person_id,
            "design": "quick",
            "blinded": False,
            "start": start,
            "planned_end": end,
            "pairs": None,
            "period_days": None,
            "baseline_days": (first_day - start).days,
            "transition_days": DEFAULT_TRANSITION_DAYS,
            "primary_outcome": current_primary(conn, person_id),
            "registered_on": first_day,
            "seal": None,
            "created_at": now,
        },
    )


def registration(conn: Any, person_id: str) -> RegistrationRecord | None:
    """The stored registration (public fields only)."""
    return repo.get_registration(conn, person_id)
