"""Daily outcome series of a personal trial: observations, outcomes and analysis settings.

A day belongs to one phase. ``magnesium`` days are the treatment condition; ``baseline``,
``withdrawal``, ``placebo`` and ``off`` days are the comparison condition ("not on magnesium").
Phases may come in any order — a randomised trial may start on magnesium.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Literal

Phase = Literal["baseline", "magnesium", "withdrawal", "placebo", "off"]
PHASES: tuple[Phase, ...] = ("baseline", "magnesium", "withdrawal", "placebo", "off")
#: Phases of the comparison condition (everything but magnesium).
COMPARISON: tuple[Phase, ...] = ("baseline", "withdrawal", "placebo", "off")
Trend = Literal["auto", "on", "off"]
#: Days left out after every switch, wherever a trial is analysed (CLI, web, reports). Magnesium
#: is said to act over weeks, and the first days after a switch mix the old and the new state.
DEFAULT_TRANSITION_DAYS = 14


@dataclass(frozen=True, slots=True)
class Observation:
    """One day's value of one outcome, with the trial phase the day belongs to.

    ``dosed`` says whether every planned capsule was taken that day (``None``: not recorded);
    it only matters for the per-protocol analysis.
    """

    day: date
    phase: Phase
    value: float
    dosed: bool | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What is measured and which direction counts as better.

    ``threshold`` is the smallest change the person would call worthwhile, in the outcome's
    units; the probability of an improvement at least that large is reported. ``scale`` is the
    lowest and highest value the outcome can take (``None`` where it has no bound, the default),
    used to flag ratings stuck at the floor or ceiling.
    """

    name: str
    higher_is_better: bool = False
    threshold: float = 1.0
    unit: str = "points"
    scale: tuple[float | None, float | None] = (None, None)


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """How a series is analysed; the defaults are the ones mgcalm reports with."""

    transition_days: int = DEFAULT_TRANSITION_DAYS
    # With a single switch (baseline → magnesium) a time trend and the effect are the same
    # column, so a trend is fitted only when the series switches at least twice.
    trend: Trend = "auto"
    min_comparison_days: int = 7
    min_magnesium_days: int = 7
    level: float = 0.95
    # Days the exposure changed where the analysed series shows no switch: the first day of a
    # comparison period right after an open-label run-in, whose days are never analysed but
    # held magnesium. Their first ``transition_days`` are left out as after any switch.
    exposure_changes: tuple[date, ...] = ()


def on_magnesium(phase: Phase) -> bool:
    """True for the treatment condition."""
    return phase == "magnesium"


def exposure(phase: Phase) -> str:
    """What the person takes in a phase: magnesium, a dummy capsule, or nothing.

    Baseline, withdrawal and off are the same state, so moving between them is not a switch
    whose first days need leaving out.
    """
    return phase if phase in ("magnesium", "placebo") else "nothing"


def phase_blocks(observations: Sequence[Observation]) -> list[tuple[Phase, date]]:
    """Runs of consecutive days in one exposure, as (phase, first day), in date order."""
    blocks: list[tuple[Phase, date]] = []
    for obs in sorted(observations, key=lambda o: o.day):
        if not blocks or exposure(blocks[-1][0]) != exposure(obs.phase):
            blocks.append((obs.phase, obs.day))
    return blocks


def switches(observations: Sequence[Observation]) -> int:
    """How many times the series moves between magnesium and the comparison condition."""
    ordered = sorted(observations, key=lambda o: o.day)
    return sum(1 for a, b in pairwise(ordered) if on_magnesium(a.phase) != on_magnesium(b.phase))
