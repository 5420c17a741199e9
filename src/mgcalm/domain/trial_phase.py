"""The personal trial's phases (baseline, titration, maintenance, withdrawal; or the periods of a
randomised schedule) and its outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mgcalm.domain.entry_fields import CHECKIN_RATINGS, EntryId, problems_from_validation
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.wearables import WEARABLE_OUTCOMES

PHASE_KINDS = ("baseline", "titration", "maintenance", "withdrawal")
#: Periods of a registered randomised schedule (written by the registration, never started by
#: hand): ``magnesium`` and ``off`` in an open trial, ``period`` while a blinded one is sealed.
SCHEDULE_KINDS = ("magnesium", "off", "period")
#: Outcomes a person may choose as primary before the trial starts.
OUTCOMES: tuple[str, ...] = (
    *(name for name, _ in CHECKIN_RATINGS),
    "panic_episodes",
    "sleep_diary_quality",
    "total_sleep_min",
    "sleep_latency_min",
    "waso_min",
    "sleep_efficiency",
    "pcl5",
    "gad7",
    "phq9",
    *WEARABLE_OUTCOMES,
)


class TrialPhase(BaseModel):
    """One phase of the personal trial with its dates (``end`` empty while it runs)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: EntryId = Field(description="1–64 letters, digits, '_', '.', ':' or '-'")
    phase: Literal[
        "baseline", "titration", "maintenance", "withdrawal", "magnesium", "off", "period"
    ] = Field(description=", ".join(PHASE_KINDS))
    start: date = Field(description="a date YYYY-MM-DD")
    end: date | None = Field(None, description="a date YYYY-MM-DD on or after start")

    def problems(self) -> list[Problem]:
        """A phase cannot end before it starts."""
        if self.end is not None and self.end < self.start:
            return [Problem("phase.end", "is before start", "a date on or after start")]
        return []


def parse_phase(data: dict[str, Any]) -> TrialPhase:
    """Validate a trial phase; raise with every problem found."""
    try:
        phase = TrialPhase.model_validate(data)
    except ValidationError as error:
        raise InvalidInputError(problems_from_validation(error, "phase", TrialPhase)) from None
    found = phase.problems()
    if found:
        raise InvalidInputError(found)
    return phase
