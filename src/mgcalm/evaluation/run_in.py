"""The open-label run-in of a randomised trial: "start low and increase gradually" first.

A randomised period of magnesium gives the planned dose from its first day. For someone who has
never taken magnesium that skips the protocol's titration, so a randomised trial begins (after
its baseline) with a run-in: the plan's own titration steps, from its start dose up to the
planned dose, then one more step's length at the planned dose, to see that it is tolerated
before the periods depend on it. The run-in comes before the randomisation takes effect, so it
is open-label even in a blinded trial and reveals nothing of the allocation; like a baseline,
its days are never analysed as a magnesium period.

Someone who has already taken the planned dose for a full step (logged, open-label) needs no
run-in: :func:`reached_planned_dose` says so. Pure: the app layer reads the plan and the logs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, Final

from mgcalm.domain.plan_records import TitrationStep

#: The label of the run-in in schedules, reports and views (stored as a titration phase).
RUN_IN: Final = "run_in"
#: How far back logged doses count as having reached the planned dose already.
LOOKBACK_DAYS = 90


@dataclass(frozen=True, slots=True)
class RunInStep:
    """Days ``first`` to ``last`` at ``mg_per_day`` elemental magnesium."""

    first: date
    last: date
    mg_per_day: int

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "start": self.first.isoformat(),
            "end": self.last.isoformat(),
            "elemental_mg_per_day": self.mg_per_day,
        }


@dataclass(frozen=True, slots=True)
class RunIn:
    """The run-in's steps in date order, with no gap between them."""

    steps: tuple[RunInStep, ...]

    @property
    def start(self) -> date:
        """The run-in's first day."""
        return self.steps[0].first

    @property
    def end(self) -> date:
        """The run-in's last day: the periods start the day after."""
        return self.steps[-1].last

    @property
    def days(self) -> int:
        """Length in days."""
        return (self.end - self.start).days + 1

    @property
    def reached_mg_per_day(self) -> int:
        """The dose the run-in ends on (the planned dose, unless loose stools lower it)."""
        return self.steps[-1].mg_per_day

    def dose_on(self, day: date) -> int | None:
        """The planned elemental mg on ``day``, or ``None`` outside the run-in."""
        return next((s.mg_per_day for s in self.steps if s.first <= day <= s.last), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (the ``run_in`` entry of the trial and of its schedule)."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "open_label": True,
            "steps": [s.to_dict() for s in self.steps],
        }


def run_in(
    start: date, titration: Sequence[TitrationStep], planned_mg: int, hold_days: int
) -> RunIn | None:
    """The run-in from ``start``: the plan's titration up to ``planned_mg``, then ``hold_days``.

    ``titration`` is the plan's (day 1 is the first day); a step above the planned dose is cut
    to it, and the last step lasts ``hold_days``. ``None`` when there is no dose to reach.
    """
    if planned_mg <= 0:
        return None
    ladder = sorted(titration, key=lambda s: s.day) or [TitrationStep(1, planned_mg)]
    steps: list[RunInStep] = []
    for i, step in enumerate(ladder):
        mg = min(step.elemental_mg_per_day, planned_mg)
        first = start + timedelta(days=step.day - 1)
        if i + 1 < len(ladder) and mg < planned_mg:
            last = start + timedelta(days=ladder[i + 1].day - 2)
        else:
            last = first + timedelta(days=max(1, hold_days) - 1)
        if last >= first:
            steps.append(RunInStep(first, last, mg))
        if mg >= planned_mg:
            break
    return RunIn(tuple(steps)) if steps else None


def reached_planned_dose(
    taken_mg_by_day: Mapping[date, float], planned_mg: int, needed_days: int
) -> bool:
    """True when the planned daily dose or more was taken on at least ``needed_days`` days.

    One full titration step at the planned dose is the run-in's own test of tolerance, so a
    person who logged that much, open-label, needs no run-in.
    """
    if planned_mg <= 0:
        return False
    return sum(1 for mg in taken_mg_by_day.values() if mg >= planned_mg) >= max(1, needed_days)


def after_run_in(spans: Sequence[tuple[str, date, date]]) -> tuple[date, ...]:
    """The first day of a comparison period that directly follows the run-in, if there is one.

    Magnesium was taken through the run-in, so the start of an off or placebo period after it
    is a switch even though no analysed day shows it (the run-in is not analysed); a
    magnesium period after it continues the exposure and is not.
    """
    for (label, _, last), (following, first, _) in pairwise(spans):
        if label == RUN_IN and following in ("off", "placebo") and first == last + timedelta(1):
            return (first,)
    return ()
