"""The rigorous trial: randomised pairs of periods, open or blinded with placebo.

Each pair holds one magnesium period and one comparison period (``placebo`` when blinded, ``off``
when open) in random order, after an optional leading ``baseline`` and an optional open-label
``run_in`` (the plan's titration, see ``run_in``), which no pair includes. The randomisation is
constrained in the manner of nof1kit's ``design_schedule``: every pair is balanced, and half of
the pairs (one more or less when their number is odd) start with magnesium, so a steady drift
over the weeks cannot line up with the conditions. The draw is exact — every schedule that
meets the constraints is equally likely — and comes only from the seed, through Python's
``random.Random.random``, whose sequence for a given seed the Python documentation promises to
keep; so the seed written down before day 1 *is* the pre-registration of the schedule.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from mgcalm.domain import Problem
from mgcalm.evaluation.run_in import RUN_IN
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS, Phase

Condition = Literal["baseline", "magnesium", "placebo", "off"]
#: A schedule's label: an analysis condition, or the run-in (never analysed).
Label = Phase | Literal["run_in"]
MAX_TRIAL_DAYS = 365
PAIRS_RANGE = (2, 8)
PERIOD_RANGE = (7, 90)
MAX_SEED = 2**63 - 1
#: Fewest days a period keeps for analysis once its transition days are left out.
MIN_ANALYSED_DAYS = 7


@dataclass(frozen=True, slots=True)
class Period:
    """One period of the schedule: dates, condition and which pair it belongs to (1-based)."""

    start: date
    end: date
    condition: Label
    pair: int | None = None

    @property
    def days(self) -> int:
        """Length in days."""
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        """JSON form (the ``mgcalm design --json`` contract's period)."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "condition": self.condition,
            "pair": self.pair,
            "days": self.days,
        }


def analysis_condition(period: Period) -> Phase | None:
    """A period's condition for the analysis; ``None`` for the run-in, which is never compared."""
    return None if period.condition == RUN_IN else period.condition


def magnesium_first(seed: int, pairs: int) -> tuple[bool, ...]:
    """For each pair, whether magnesium comes first: balanced, exact, reproducible from ``seed``.

    The number of magnesium-first pairs is half the pairs (for an odd number, the extra one goes
    either way with equal chance); which pairs they are is a uniform random arrangement, drawn
    by a Fisher–Yates shuffle from ``random.Random(seed).random()``.
    """
    rng = random.Random(seed)
    first = pairs // 2 + (pairs % 2 if rng.random() < 0.5 else 0)
    order = [True] * first + [False] * (pairs - first)
    for i in range(pairs - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return tuple(order)


@dataclass(frozen=True, slots=True)
class RandomisedDesign:
    """A randomised multi-crossover schedule; the seed fixes the order of every pair."""

    start: date
    seed: int
    pairs: int = 3
    period_days: int = 28
    blinded: bool = False
    baseline_days: int = 14
    transition_days: int = DEFAULT_TRANSITION_DAYS
    #: Open-label titration days between the baseline and the first randomised period.
    run_in_days: int = 0

    @property
    def comparison(self) -> Condition:
        """The comparison condition: placebo capsules when blinded, nothing when open."""
        return "placebo" if self.blinded else "off"

    def periods(self) -> tuple[Period, ...]:
        """The whole schedule in date order."""
        out: list[Period] = []
        first = self.start
        if self.baseline_days:
            out.append(Period(first, first + timedelta(days=self.baseline_days - 1), "baseline"))
            first += timedelta(days=self.baseline_days)
        if self.run_in_days:
            out.append(Period(first, first + timedelta(days=self.run_in_days - 1), RUN_IN))
            first += timedelta(days=self.run_in_days)
        length = timedelta(days=self.period_days)
        for pair, mg_first in enumerate(magnesium_first(self.seed, self.pairs), start=1):
            conditions: tuple[Condition, Condition] = (
                ("magnesium", self.comparison) if mg_first else (self.comparison, "magnesium")
            )
            for condition in conditions:
                out.append(Period(first, first + length - timedelta(days=1), condition, pair))
                first += length
        return tuple(out)

    @property
    def end(self) -> date:
        """The last day of the trial."""
        return self.start + timedelta(days=self.duration_days - 1)

    @property
    def duration_days(self) -> int:
        """Days from the first to the last day."""
        return self.baseline_days + self.run_in_days + 2 * self.pairs * self.period_days


def _period_problems(design: RandomisedDesign) -> list[Problem]:
    """A period must outlast its transition days by a week and stay within the range."""
    shortest = max(PERIOD_RANGE[0], design.transition_days + MIN_ANALYSED_DAYS)
    if shortest <= design.period_days <= PERIOD_RANGE[1]:
        return []
    why = (
        f"{design.period_days} days leave fewer than {MIN_ANALYSED_DAYS} days per period "
        f"after the {design.transition_days} transition days"
        if design.period_days < shortest
        else f"{design.period_days} is out of range"
    )
    accepted = f"{shortest} to {PERIOD_RANGE[1]} (transition days + {MIN_ANALYSED_DAYS} or more)"
    return [Problem("--period-days", why, accepted)]


def _fit_problems(design: RandomisedDesign) -> list[Problem]:
    """The whole schedule must fit within a year."""
    if design.duration_days <= MAX_TRIAL_DAYS:
        return []
    fits = (MAX_TRIAL_DAYS - design.baseline_days - design.run_in_days) // (2 * design.period_days)
    before = ["the baseline"] * bool(design.baseline_days) + [
        f"a {design.run_in_days}-day run-in"
    ] * bool(design.run_in_days)
    after = f" after {' and '.join(before)}" if before else ""
    return [
        Problem(
            "--pairs",
            f"{design.pairs} pairs of 2 × {design.period_days}-day periods{after} take "
            f"{design.duration_days} days, longer than {MAX_TRIAL_DAYS}",
            f"at most {fits} pairs of {design.period_days}-day periods"
            if fits >= PAIRS_RANGE[0]
            else f"shorter periods: {PAIRS_RANGE[0]} pairs fit in {MAX_TRIAL_DAYS} days",
        )
    ]


def randomised_problems(design: RandomisedDesign) -> list[Problem]:
    """Every reason the design cannot run as asked, named by its command-line option."""
    problems = []
    if not 0 <= design.seed <= MAX_SEED:
        problems.append(Problem("--seed", f"{design.seed} is out of range", f"0 to {MAX_SEED}"))
    low, high = PAIRS_RANGE
    if not low <= design.pairs <= high:
        problems.append(Problem("--pairs", f"{design.pairs} is out of range", f"{low} to {high}"))
    if not 0 <= design.transition_days <= 28:
        problems.append(
            Problem("--transition-days", f"{design.transition_days} is out of range", "0 to 28")
        )
    problems += _period_problems(design)
    if design.baseline_days != 0 and not 7 <= design.baseline_days <= 90:
        problems.append(
            Problem("--baseline-days", f"{design.baseline_days} is out of range", "0, or 7 to 90")
        )
    return problems + ([] if problems else _fit_problems(design))
