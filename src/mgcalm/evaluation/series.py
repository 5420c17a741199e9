"""Daily outcome series of a personal trial: observations, outcomes and analysis settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mgcalm.domain import Problem

Phase = Literal["baseline", "magnesium", "withdrawal"]
PHASES: tuple[Phase, ...] = ("baseline", "magnesium", "withdrawal")
Trend = Literal["auto", "on", "off"]


@dataclass(frozen=True, slots=True)
class Observation:
    """One day's value of one outcome, with the trial phase the day belongs to."""

    day: date
    phase: Phase
    value: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """What is measured and which direction counts as better.

    ``threshold`` is the smallest change the person would call worthwhile, in the outcome's
    units; the probability of an improvement at least that large is reported.
    """

    name: str
    higher_is_better: bool = False
    threshold: float = 1.0
    unit: str = "points"


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """How a series is analysed; the defaults are the ones mgcalm reports with."""

    # Magnesium is expected to act over weeks, so the first days of each phase mix the old and
    # new state; they are left out rather than pulling the phase means towards each other.
    transition_days: int = 7
    # A single switch (baseline → magnesium) cannot tell a time trend from the effect, so a trend
    # is fitted only when the series switches back (a withdrawal phase) unless asked otherwise.
    trend: Trend = "auto"
    min_baseline_days: int = 7
    min_magnesium_days: int = 7
    level: float = 0.95


def phase_blocks(observations: Sequence[Observation]) -> list[tuple[Phase, date]]:
    """Runs of consecutive days in one phase, as (phase, first day), in date order."""
    blocks: list[tuple[Phase, date]] = []
    for obs in sorted(observations, key=lambda o: o.day):
        if not blocks or blocks[-1][0] != obs.phase:
            blocks.append((obs.phase, obs.day))
    return blocks


def phase_order_problems(observations: Sequence[Observation], where: str) -> list[Problem]:
    """Problems with the order of phases: baseline first, then magnesium, withdrawal after it."""
    accepted = "baseline first, then magnesium; withdrawal and magnesium may then alternate"
    problems: list[Problem] = []
    previous: Phase | None = None
    for phase, start in phase_blocks(observations):
        when = start.isoformat()
        if previous is None and phase != "baseline":
            problems.append(
                Problem(where, f"the series starts in phase {phase} ({when})", accepted)
            )
        elif previous is not None and phase == "baseline":
            problems.append(Problem(where, f"baseline days start again on {when}", accepted))
        elif previous == "baseline" and phase == "withdrawal":
            problems.append(
                Problem(where, f"withdrawal on {when} comes before magnesium", accepted)
            )
        previous = phase
    return problems
