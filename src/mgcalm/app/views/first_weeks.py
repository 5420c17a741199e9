"""What comes when, in one sentence, for a person in the first weeks of their trial.

A new person's Progress page has no estimates yet; instead of repeating what each outcome lacks
it says when the baseline ends, when magnesium starts and when a first estimate can come. The
dates follow the quick design (a 14-day baseline) and the analysis rules: the first days after a
switch are left out, then at least a week on magnesium is needed.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from mgcalm.app.trial.phases import TrialState
from mgcalm.domain import InvalidInputError
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.series import AnalysisSettings

ON_MAGNESIUM = ("titration", "maintenance")


def _day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B}"


def _first_estimate(magnesium_from: date, trial: TrialState) -> date:
    """The first day an estimate can be made when magnesium starts on ``magnesium_from``."""
    rules = AnalysisSettings()
    skipped = trial.registration.transition_days if trial.registration else rules.transition_days
    return magnesium_from + timedelta(days=skipped + rules.min_magnesium_days - 1)


def _weeks(today: date, until: date) -> str:
    weeks = max(1, math.ceil((until - today).days / 7))
    return "1 week" if weeks == 1 else f"{weeks} weeks"


def what_comes_when(trial: TrialState, today: date) -> str | None:
    """One sentence on what comes when; ``None`` once estimates can be shown or in a schedule."""
    if trial.randomised:
        return None
    current = trial.phase_on(today)
    if current is None:
        return None if trial.phases else "Your trial has not started yet."
    if current.phase == "baseline":
        ends = current.start + timedelta(days=TrialDesign(current.start).baseline_days - 1)
        if ends < today:
            estimate = _first_estimate(today + timedelta(days=1), trial)
            return (
                f"Your baseline has its {TrialDesign(today).baseline_days} days: start magnesium "
                f"on Today when you are ready; a first estimate comes about "
                f"{_weeks(today, estimate)} after that."
            )
        estimate = _first_estimate(ends + timedelta(days=1), trial)
        return (
            f"Your baseline runs until {_day(ends)}; magnesium starts then (tap “Start "
            f"magnesium today” on Today); a first estimate after about "
            f"{_weeks(today, estimate)}, around {_day(estimate)}."
        )
    if current.phase in ON_MAGNESIUM:
        started = min(p.start for p in trial.phases if p.phase in ON_MAGNESIUM)
        estimate = _first_estimate(started, trial)
        if estimate > today:
            return (
                f"You started magnesium on {_day(started)}; the first weeks after a change are "
                f"left out while it settles, so a first estimate comes around {_day(estimate)} "
                f"(in about {_weeks(today, estimate)})."
            )
    return None


_COUNT = re.compile(r"has (\d+) (comparison|magnesium) days")
_NEED = re.compile(r"(\d+)")


def waiting(error: InvalidInputError) -> str:
    """What an estimate still waits for, in a few words ("3 of 7 days without magnesium")."""
    parts = []
    for problem in error.problems:
        have, need = _COUNT.match(problem.message), _NEED.search(problem.accepted or "")
        if have and need:
            side = "without magnesium" if have.group(2) == "comparison" else "on magnesium"
            parts.append(f"{have.group(1)} of the {need.group(1)} days {side} it needs")
        else:
            parts.append(problem.message)
    return "; ".join(parts)
