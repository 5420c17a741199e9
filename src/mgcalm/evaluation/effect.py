"""The effect of magnesium on one daily outcome, with a calibrated 95 % interval and a verdict.

The numbers come from :func:`~mgcalm.evaluation.individual.person_effect`; this module adds
what a person reads: probabilities of improvement, the verdict (see ``verdict`` for its rules),
floor and ceiling flags, and the per-protocol estimate beside the intention-to-treat one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from mgcalm.evaluation.individual import PersonEffect, capsule_level, person_effect
from mgcalm.evaluation.scale_bounds import BoundFlag, floor_ceiling
from mgcalm.evaluation.series import AnalysisSettings, Observation, Outcome
from mgcalm.evaluation.verdict import VERDICT_WORDS, VerdictCode, sentence, verdict


@dataclass(frozen=True, slots=True)
class Effect:
    """Magnesium minus comparison for one outcome, as reported by ``mgcalm evaluate``.

    ``interim_until`` is the trial's planned end when the analysis runs before it (the verdict
    is then "interim"); ``primary`` is False for an exploratory outcome (no verdict words).
    """

    outcome: Outcome
    person: PersonEffect
    method: str
    probability_of_improvement: float
    probability_of_meaningful_improvement: float
    verdict: VerdictCode
    summary: str
    bounds: tuple[BoundFlag, ...] = ()
    primary: bool = True
    interim_until: date | None = None
    per_protocol: Effect | None = None

    @property
    def estimate(self) -> float:
        """Posterior median of the effect."""
        return self.person.estimate

    @property
    def ci95(self) -> tuple[float, float]:
        """The 95 % credible interval."""
        return self.person.ci95

    @property
    def n(self) -> tuple[tuple[str, int], ...]:
        """Analysed days per phase."""
        return self.person.n

    @property
    def autocorrelation(self) -> float:
        """Posterior mean of the day-to-day autocorrelation."""
        return self.person.autocorrelation

    @property
    def excluded_transition_days(self) -> int:
        """Days left out after switches."""
        return self.person.excluded_transition_days

    @property
    def trend(self) -> bool:
        """Whether a linear time trend was fitted."""
        return self.person.trend

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the ``mgcalm evaluate --json`` contract, plus added keys)."""
        p = self.person
        return {
            "outcome": self.outcome.name,
            "higher_is_better": self.outcome.higher_is_better,
            "n": dict(p.n),
            "excluded_transition_days": p.excluded_transition_days,
            "effect": {"estimate": p.estimate, "ci95": list(p.ci95), "sd": p.sd},
            "method": self.method,
            "autocorrelation": p.autocorrelation,
            "probability_of_improvement": self.probability_of_improvement,
            "threshold": self.outcome.threshold,
            "probability_of_meaningful_improvement": self.probability_of_meaningful_improvement,
            "verdict": VERDICT_WORDS[self.verdict],
            "verdict_code": self.verdict,
            "summary": self.summary,
            "primary": self.primary,
            "interim": self.interim_until is not None,
            "planned_end": self.interim_until.isoformat() if self.interim_until else None,
            "switches": p.switches,
            "ab_only": not p.controlled,
            "trend": p.trend,
            "floor_ceiling": [b.to_dict() for b in self.bounds],
            "per_protocol": self.per_protocol.to_dict() if self.per_protocol else None,
        }


def _shown(probability: float) -> float:
    """A probability as reported: rounded, and never closer to 0 or 1 than 1 %.

    The model is an approximation (normal errors, AR(1) carry-over), so a posterior of 99.9 %
    would claim more than one person's few weeks can support (the nof1 package clips the same
    way).
    """
    return round(min(max(probability, 0.01), 0.99), 3)


def _probabilities(p: PersonEffect, outcome: Outcome) -> tuple[float, float]:
    """P(any improvement) and P(improvement ≥ threshold) from the posterior CDF."""
    cdf = p.posterior.cdf
    if outcome.higher_is_better:
        return 1.0 - cdf(0.0), 1.0 - cdf(outcome.threshold)
    return cdf(0.0), cdf(-outcome.threshold)


def _code(p: PersonEffect, outcome: Outcome, p_meaningful: float) -> VerdictCode:
    """The verdict from the interval as displayed (rounded, so a shown 0.00 is zero)."""
    p_reversed = 1.0
    if p.reversal is not None:
        below = p.reversal.cdf(0.0)
        p_reversed = 1.0 - below if outcome.higher_is_better else below
    return verdict(
        p.ci95, outcome.threshold, outcome.higher_is_better, p_meaningful, p.controlled, p_reversed
    )


def evaluate(
    observations: Sequence[Observation],
    outcome: Outcome,
    settings: AnalysisSettings = AnalysisSettings(),
    *,
    primary: bool = True,
    interim_until: date | None = None,
) -> Effect:
    """Estimate magnesium minus comparison for one outcome; raises ``InvalidInputError``.

    Only a ``primary`` outcome gets a verdict; with ``interim_until`` (the planned end, not yet
    reached) the interval is shown as interim, not as a verdict.
    """
    p = person_effect(observations, settings, outcome.name)
    p_better, p_meaningful = _probabilities(p, outcome)
    code = _code(p, outcome, p_meaningful)
    if not primary:
        code = "exploratory"
    elif interim_until is not None:
        code = "interim"
    summary = sentence(
        outcome.name,
        p.estimate,
        p.ci95,
        code,
        outcome.unit,
        outcome.higher_is_better,
        outcome.threshold,
    )
    return Effect(
        outcome=outcome,
        person=p,
        method=describe_method(settings, p),
        probability_of_improvement=_shown(p_better),
        probability_of_meaningful_improvement=_shown(p_meaningful),
        verdict=code,
        summary=summary,
        bounds=floor_ceiling(p.analysed, outcome),
        primary=primary,
        interim_until=interim_until,
    )


def describe_method(settings: AnalysisSettings, p: PersonEffect) -> str:
    """One sentence naming the model, for reports and the JSON output."""
    trend = (
        "with a linear time trend"
        if p.trend
        else "without a time trend (one switch cannot separate a trend from the effect)"
    )
    design = (
        "; a single switch (AB) cannot separate magnesium from natural change, so it never "
        "gives 'likely helped'"
        if not p.controlled
        else ""
    )
    if capsule_level(p.analysed):
        design += (
            "; capsule days have their own level, so magnesium is compared with placebo and the "
            "days without capsules only inform the spread and the trend"
        )
    return (
        "Bayesian regression of the daily value on condition (magnesium vs baseline, "
        "withdrawal, placebo or off) with AR(1) errors in calendar days, autocorrelation "
        f"integrated over (reference priors), {trend}; the first {settings.transition_days} "
        f"days after each switch are left out{design}"
    )


def with_per_protocol(effect: Effect, per_protocol: Effect | None) -> Effect:
    """The effect with its per-protocol sensitivity analysis beside it (never instead)."""
    return replace(effect, per_protocol=per_protocol)
