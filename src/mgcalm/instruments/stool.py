"""Deciding when loose stools mean the magnesium dose should step down.

Diarrhoea is the first and commonest sign of too much non-food magnesium (IOM 1997, p. 243), so
the rule watches the Bristol type the person logs. It recommends a step down when, within the
window of the last 3 days (today included), loose stools (type 6–7) came on 2 or more different
days, or 3 or more loose stools came on one day (the WHO definition of diarrhoea). The window and
counts are a design rule, not a clinical standard; the planner decides how far to step down and
the app layer applies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.bristol import is_loose

WINDOW_DAYS = 3
MIN_LOOSE_DAYS = 2
MIN_LOOSE_IN_ONE_DAY = 3
STOOL_SOURCES = ("iom1997", "nih-ods-mg", "who-diarrhoea", "lewis1997")


@dataclass(frozen=True, slots=True)
class StoolEntry:
    """One logged stool: the day and its Bristol type (1–7)."""

    day: date
    bristol_type: int


@dataclass(frozen=True, slots=True)
class StepDownDecision:
    """Whether to step the magnesium dose down, and why."""

    step_down: bool
    reason: str
    loose_days: tuple[date, ...]
    window_start: date
    window_end: date
    sources: tuple[str, ...] = STOOL_SOURCES

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the decision."""
        return {
            "step_down": self.step_down,
            "reason": self.reason,
            "loose_days": [d.isoformat() for d in self.loose_days],
            "window": [self.window_start.isoformat(), self.window_end.isoformat()],
        }


def _validate(entries: Sequence[StoolEntry], today: date) -> None:
    problems = [
        Problem(f"stools[{i}].bristol_type", f"{e.bristol_type!r} is not a Bristol type", "1–7")
        for i, e in enumerate(entries)
        if isinstance(e.bristol_type, bool)
        or not isinstance(e.bristol_type, int)
        or not 1 <= e.bristol_type <= 7
    ]
    problems += [
        Problem(f"stools[{i}].day", f"{e.day.isoformat()} is after today", f"up to {today}")
        for i, e in enumerate(entries)
        if e.day > today
    ]
    if problems:
        raise InvalidInputError(problems)


def step_down_decision(entries: Sequence[StoolEntry], today: date) -> StepDownDecision:
    """Decide from the stool log whether loose stools call for a lower dose."""
    _validate(entries, today)
    start = today - timedelta(days=WINDOW_DAYS - 1)
    loose = [e.day for e in entries if start <= e.day <= today and is_loose(e.bristol_type)]
    days = tuple(sorted(set(loose)))
    worst_day = max((loose.count(d) for d in days), default=0)
    if len(days) >= MIN_LOOSE_DAYS:
        reason = (
            f"Loose stools (Bristol 6–7) on {len(days)} of the last {WINDOW_DAYS} days: magnesium "
            "is a likely cause, so the dose should step down."
        )
    elif worst_day >= MIN_LOOSE_IN_ONE_DAY:
        reason = (
            f"{worst_day} loose stools in one day counts as diarrhoea: the dose should step down."
        )
    else:
        return StepDownDecision(False, "No pattern of loose stools.", days, start, today)
    return StepDownDecision(True, reason, days, start, today)
