"""Simulated trials for the calibration benchmark and its tests: designs meeting real-life trouble.

Each :class:`Scenario` is a design (quick AB or ABA, randomised pairs open or blinded) plus what
can go wrong in a person's weeks: natural improvement (a steady drift, or a bad patch fading), an
effect that builds up slowly, missing days, a placebo response to capsules, an expectation
effect on the days a person knows they take magnesium, ratings stuck at the floor of the scale.
:func:`run` simulates many trials through exactly what ``mgcalm evaluate`` runs and counts how
often the 95 % interval covers the true effect and how often each verdict comes out. Randomness
comes only from the generator passed in; lower values are better, as for an anxiety rating.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from mgcalm.domain import InvalidInputError
from mgcalm.evaluation.crossover import RandomisedDesign, analysis_condition
from mgcalm.evaluation.effect import evaluate
from mgcalm.evaluation.outcomes import outcome_for
from mgcalm.evaluation.series import AnalysisSettings, Observation, Phase
from mgcalm.evaluation.simulate import ar1_noise

START = date(2027, 1, 4)
Spans = tuple[tuple[Phase, int], ...]
Drift = Callable[[np.ndarray], np.ndarray]
AB: Spans = (("baseline", 14), ("magnesium", 56))
ABA: Spans = (("baseline", 14), ("magnesium", 56), ("withdrawal", 28))


def improving(total: float = 1.5) -> Drift:
    """Natural improvement: a steady fall of ``total`` points over the trial."""
    return lambda t: -total * t / max(float(t[-1]), 1.0)


def bad_patch(height: float = 2.0, days: float = 21.0) -> Drift:
    """A bad patch at the start that fades on its own (exponentially, over ``days``)."""
    return lambda t: height * np.exp(-t / days)


@dataclass(frozen=True, slots=True)
class Scenario:
    """A design and the trouble it meets; ``pairs`` > 0 means randomised pairs."""

    name: str
    spans: Spans = ABA
    pairs: int = 0
    period_days: int = 28
    blinded: bool = False
    phi: float = 0.5
    sd: float = 1.5
    level: float = 5.0
    drift: Drift | None = None
    onset_days: float = 0.0
    missing: float = 0.0
    capsule_response: float = 0.0
    expectation: float = 0.0
    floor: bool = False
    settings: AnalysisSettings = field(default_factory=AnalysisSettings)

    def schedule(self, rng: np.random.Generator) -> list[Phase]:
        """Each day's condition; randomised pairs draw a fresh seed for every trial."""
        if self.pairs:
            design = RandomisedDesign(
                START, int(rng.integers(2**31)), self.pairs, self.period_days, self.blinded
            )
            conditions = ((analysis_condition(p), p.days) for p in design.periods())
            return [c for c, days in conditions if c is not None for _ in range(days)]
        return [phase for phase, days in self.spans for _ in range(days)]


def _exposure(on: np.ndarray, onset_days: float) -> np.ndarray:
    """How much of the full effect acts each day: a first-order build-up and fading."""
    if onset_days <= 0:
        return on
    rate = 1.0 - np.exp(-1.0 / onset_days)
    out = np.empty_like(on)
    level = 0.0
    for i, x in enumerate(on):
        level += (x - level) * rate
        out[i] = level
    return out


def simulate(s: Scenario, rng: np.random.Generator, improvement: float) -> list[Observation]:
    """One simulated trial with a true improvement of ``improvement`` points on magnesium."""
    conditions = s.schedule(rng)
    n = len(conditions)
    t = np.arange(n, dtype=float)
    on = np.array([c == "magnesium" for c in conditions], dtype=float)
    capsule = np.array([c in ("magnesium", "placebo") for c in conditions], dtype=float)
    values = s.level + ar1_noise(rng, n, s.phi, s.sd) - improvement * _exposure(on, s.onset_days)
    values -= s.capsule_response * capsule
    values -= s.expectation * on  # knowing it is magnesium day: not magnesium's doing
    if s.drift is not None:
        values += s.drift(t)
    if s.floor:
        values = np.clip(np.round(values), 0.0, 10.0)
    keep = rng.random(n) >= s.missing
    return [
        Observation(START + timedelta(days=i), conditions[i], float(values[i]))
        for i in range(n)
        if keep[i]
    ]


def observed_improvement(s: Scenario, improvement: float, draws: int = 400_000) -> float:
    """The improvement the ratings can show: for floor-bound ratings, less than the latent one."""
    if not s.floor:
        return improvement
    rng = np.random.default_rng(0)
    latent = s.level + rng.standard_normal(draws) * s.sd

    def shown(x: np.ndarray) -> float:
        return float(np.clip(np.round(x), 0.0, 10.0).mean())

    return shown(latent) - shown(latent - improvement)


@dataclass(frozen=True, slots=True)
class Result:
    """What many simulated trials of one scenario gave."""

    name: str
    series: int
    coverage: float
    bias: float
    false_helped: float
    false_better_while_on: float
    helped: float
    floor_flagged: float


def run(s: Scenario, rng: np.random.Generator, series: int, improvement: float = 2.0) -> Result:
    """Coverage and bias at ``improvement``; verdict rates with and without an effect."""
    outcome = outcome_for("anxiety")
    target = -observed_improvement(s, improvement)
    counts = {"covered": 0, "null_helped": 0, "null_better": 0, "helped": 0, "flagged": 0}
    errors: list[float] = []
    for _ in range(series):
        for true in (improvement, 0.0):
            try:
                effect = evaluate(simulate(s, rng, true), outcome, s.settings)
            except InvalidInputError:
                continue  # too few days left (possible with many missing): no verdict at all
            if true:
                low, high = effect.ci95
                counts["covered"] += low <= target <= high
                counts["helped"] += effect.verdict == "likely_helped"
                counts["flagged"] += bool(effect.bounds)
                errors.append(effect.estimate - target)
            else:
                counts["null_helped"] += effect.verdict == "likely_helped"
                counts["null_better"] += effect.verdict == "better_while_on_magnesium"
    return Result(
        name=s.name,
        series=series,
        coverage=counts["covered"] / series,
        bias=float(np.mean(errors)) if errors else float("nan"),
        false_helped=counts["null_helped"] / series,
        false_better_while_on=counts["null_better"] / series,
        helped=counts["helped"] / series,
        floor_flagged=counts["flagged"] / series,
    )


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("AB, natural improvement (1.5 points)", spans=AB, drift=improving()),
    Scenario("AB, a bad patch fading", spans=AB, drift=bad_patch()),
    Scenario("ABA (quick look), stable", spans=ABA),
    Scenario("ABA, natural improvement (1.5 points)", spans=ABA, drift=improving()),
    Scenario("ABA, a bad patch fading", spans=ABA, drift=bad_patch()),
    Scenario("Randomised 3 × 28 days, open", pairs=3),
    Scenario(
        "Randomised 3 × 28 days, blinded, placebo response 0.7",
        pairs=3,
        blinded=True,
        capsule_response=0.7,
    ),
    Scenario("Randomised 3 × 28 days, natural improvement", pairs=3, drift=improving()),
    Scenario("Randomised 3 × 28 days, slow onset (τ = 7 days)", pairs=3, onset_days=7.0),
    Scenario("Randomised 3 × 28 days, 30 % of days missing", pairs=3, missing=0.3),
    Scenario("Randomised 3 × 28 days, ratings near the floor", pairs=3, level=1.5, floor=True),
    Scenario(
        "Randomised 3 × 14 days, slow onset, 7 transition days",
        pairs=3,
        period_days=14,
        onset_days=7.0,
        settings=AnalysisSettings(transition_days=7),
    ),
)

#: What blinding is for: with no magnesium effect at all, an expectation that acts only on known
#: magnesium days (open-label) against a response to any capsule (blinded).
BLINDING: tuple[Scenario, ...] = (
    Scenario("Open-label, expectation effect 0.7 on magnesium days", pairs=3, expectation=0.7),
    Scenario("Blinded, response 0.7 to every capsule", pairs=3, blinded=True, capsule_response=0.7),
)
