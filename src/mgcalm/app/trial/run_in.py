"""Use case: the open-label run-in a randomised trial begins with, or why it has none.

The run-in follows the baseline and precedes the first randomised period. After the baseline,
so the baseline stays a stretch with no magnesium at all (nothing to wash out) and continues
the baseline onboarding already started; right before the periods, so the dose the periods
use is the one the person has just been seen to tolerate. It is stored as a ``titration``
phase of the registered schedule (no new table): Today, the step-down rule and the calendar
already follow a titration phase's steps, and a randomised trial has no other titration phase,
so every view of a randomised trial reads that phase as the run-in.

No run-in when the person has already taken the planned dose, open-label, for a full step
(logged doses in the last :data:`~mgcalm.evaluation.run_in.LOOKBACK_DAYS` days).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mgcalm.domain.entries import DoseEntry
from mgcalm.evaluation.run_in import LOOKBACK_DAYS, RunIn, reached_planned_dose, run_in

if TYPE_CHECKING:
    from mgcalm.app.core import App

#: Without a plan there is no dose to step up to; registering still works, and says so.
NO_PLAN = (
    "No run-in: there is no plan with doses yet, so mgcalm cannot step you up to a planned "
    "dose. Make your plan before registering, so the trial can begin with a run-in."
)


@dataclass(frozen=True, slots=True)
class RunInDecision:
    """The run-in a new randomised trial gets (``None``: none), and why, in plain words."""

    run_in: RunIn | None
    why: str

    @property
    def days(self) -> int:
        """Its length (0 without one)."""
        return self.run_in.days if self.run_in else 0

    def to_json(self) -> dict[str, Any]:
        """JSON form for the trial page before registration."""
        return {"run_in": self.run_in.to_dict() if self.run_in else None, "why": self.why}


def _step_days() -> int:
    """The knowledge base's days per titration step (the run-in holds the dose that long)."""
    from mgcalm.knowledge.loader import knowledge_base

    return max(1, int(knowledge_base().dosing.step_days.value))


def _taken_by_day(app: App, person_id: str, today: date) -> dict[date, float]:
    """Elemental mg of doses taken per day in the lookback window up to ``today``."""
    start = today - timedelta(days=LOOKBACK_DAYS)
    taken: dict[date, float] = defaultdict(float)
    for stored in app.history(person_id, kinds=["dose"], start=start, end=today):
        entry = stored.entry
        if isinstance(entry, DoseEntry) and not entry.missed:
            taken[entry.day] += entry.elemental_mg
    return taken


def decide_run_in(app: App, person_id: str, first_day: date) -> RunInDecision:
    """The run-in starting on ``first_day`` (the day after the baseline), or why there is none."""
    today = app.today()
    plan = app.active_plan(person_id, today)
    if plan is None or not plan.doses:
        return RunInDecision(None, NO_PLAN)
    planned, step_days = plan.daily_elemental_mg, _step_days()
    if reached_planned_dose(_taken_by_day(app, person_id, today), planned, step_days):
        return RunInDecision(
            None,
            f"No run-in: you have already taken your planned {planned} mg a day on at least "
            f"{step_days} days, so the randomised periods start at that dose.",
        )
    found = run_in(first_day, plan.titration, planned, step_days)
    if found is None:
        return RunInDecision(None, NO_PLAN)
    steps = " → ".join(f"{s.mg_per_day}" for s in found.steps)
    return RunInDecision(
        found,
        f"Run-in of {found.days} days from {found.start.isoformat()}, open-label: magnesium "
        f"rises {steps} mg a day, then the randomised periods start at the dose reached. "
        "These days are not compared.",
    )
