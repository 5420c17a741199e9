"""The effect of magnesium on one daily outcome, with a calibrated 95 % interval and a verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation import ar1
from mgcalm.evaluation.series import (
    PHASES,
    AnalysisSettings,
    Observation,
    Outcome,
    phase_blocks,
    phase_order_problems,
)
from mgcalm.evaluation.verdict import VERDICT_WORDS, VerdictCode, sentence, verdict

MINIMUM_DATA_RULE = (
    "needs at least {b} baseline days and at least {m} magnesium days, counted after leaving out "
    "the first {t} days of each new phase"
)


@dataclass(frozen=True, slots=True)
class Effect:
    """Magnesium minus baseline for one outcome, as reported by ``mgcalm evaluate``."""

    outcome: Outcome
    n: tuple[tuple[str, int], ...]
    excluded_transition_days: int
    estimate: float
    ci95: tuple[float, float]
    method: str
    autocorrelation: float
    probability_of_improvement: float
    probability_of_meaningful_improvement: float
    verdict: VerdictCode
    summary: str
    trend: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the ``mgcalm evaluate --json`` contract, plus a few extra keys)."""
        return {
            "outcome": self.outcome.name,
            "higher_is_better": self.outcome.higher_is_better,
            "n": dict(self.n),
            "excluded_transition_days": self.excluded_transition_days,
            "effect": {"estimate": self.estimate, "ci95": list(self.ci95)},
            "method": self.method,
            "autocorrelation": self.autocorrelation,
            "probability_of_improvement": self.probability_of_improvement,
            "threshold": self.outcome.threshold,
            "probability_of_meaningful_improvement": self.probability_of_meaningful_improvement,
            "verdict": VERDICT_WORDS[self.verdict],
            "verdict_code": self.verdict,
            "summary": self.summary,
        }


def analysed(
    observations: Sequence[Observation], transition_days: int
) -> tuple[list[Observation], int]:
    """Observations left after dropping the first ``transition_days`` of every new phase."""
    starts = phase_blocks(observations)[1:]
    kept: list[Observation] = []
    for obs in sorted(observations, key=lambda o: o.day):
        last_start = max((s for _, s in starts if s <= obs.day), default=None)
        if last_start is not None and (obs.day - last_start).days < transition_days:
            continue
        kept.append(obs)
    return kept, len(observations) - len(kept)


def minimum_data_problems(
    kept: Sequence[Observation], outcome: Outcome, settings: AnalysisSettings
) -> list[Problem]:
    """Problems when there are too few days to estimate an effect honestly."""
    rule = MINIMUM_DATA_RULE.format(
        b=settings.min_baseline_days, m=settings.min_magnesium_days, t=settings.transition_days
    )
    problems = []
    for phase, need in (
        ("baseline", settings.min_baseline_days),
        ("magnesium", settings.min_magnesium_days),
    ):
        have = sum(1 for o in kept if o.phase == phase)
        if have < need:
            problems.append(
                Problem(
                    f"{outcome.name}: {phase} days",
                    f"has {have} {phase} days; {rule}",
                    f">= {need} days",
                )
            )
    if kept and not problems and len({o.value for o in kept}) == 1:
        # Without any day-to-day variation there is no way to tell chance from change.
        problems.append(
            Problem(
                f"{outcome.name}: values",
                f"every day has the same value ({kept[0].value:g})",
                "values that vary from day to day",
            )
        )
    return problems


def evaluate(
    observations: Sequence[Observation],
    outcome: Outcome,
    settings: AnalysisSettings = AnalysisSettings(),
) -> Effect:
    """Estimate magnesium minus baseline for one outcome; raises ``InvalidInputError``.

    Baseline and withdrawal days together form the comparison ("off magnesium"); the errors are
    AR(1) in calendar days, so gaps and left-out transition days are handled exactly.
    """
    problems = phase_order_problems(observations, f"{outcome.name}: phases")
    kept, excluded = analysed(observations, settings.transition_days)
    problems += minimum_data_problems(kept, outcome, settings)
    if problems:
        raise InvalidInputError(problems)
    use_trend = settings.trend == "on" or (
        settings.trend == "auto" and any(o.phase == "withdrawal" for o in kept)
    )
    days = np.array([(o.day - kept[0].day).days for o in kept], dtype=float)
    columns = [np.ones_like(days), np.array([o.phase == "magnesium" for o in kept], dtype=float)]
    if use_trend:
        columns.append((days - days.mean()) / max(float(np.ptp(days)), 1.0))
    values = np.array([o.value for o in kept], dtype=float)
    posterior = ar1.fit(days, values, np.column_stack(columns), column=1)
    return _summarise(posterior, kept, excluded, outcome, settings, use_trend)


def _summarise(
    posterior: ar1.CoefficientPosterior,
    kept: Sequence[Observation],
    excluded: int,
    outcome: Outcome,
    settings: AnalysisSettings,
    use_trend: bool,
) -> Effect:
    """Turn the coefficient posterior into the reported numbers and words."""
    low, high = posterior.interval(settings.level)
    ci = (round(low, 2), round(high, 2))
    estimate = round(posterior.quantile(0.5), 2)
    sign = 1.0 if outcome.higher_is_better else -1.0
    # P(improvement > x) for the chosen direction, from the posterior CDF of the effect.
    p_better = posterior.cdf(0.0) if sign < 0 else 1.0 - posterior.cdf(0.0)
    cut = sign * outcome.threshold
    p_meaningful = posterior.cdf(cut) if sign < 0 else 1.0 - posterior.cdf(cut)
    # The verdict is taken from the rounded interval, so a shown bound of 0.00 counts as zero.
    code = verdict(ci, outcome.threshold, outcome.higher_is_better)
    n = tuple((p, c) for p in PHASES if (c := sum(1 for o in kept if o.phase == p)))
    return Effect(
        outcome=outcome,
        n=n,
        excluded_transition_days=excluded,
        estimate=estimate,
        ci95=ci,
        method=describe_method(settings, use_trend),
        autocorrelation=round(posterior.phi_mean, 2),
        probability_of_improvement=_shown(p_better),
        probability_of_meaningful_improvement=_shown(p_meaningful),
        verdict=code,
        summary=sentence(outcome.name, estimate, ci, code, outcome.unit, outcome.higher_is_better),
        trend=use_trend,
    )


def _shown(probability: float) -> float:
    """A probability as reported: rounded, and never closer to 0 or 1 than 1 %.

    The model is an approximation (normal errors, AR(1) carry-over), so a posterior of 99.9 %
    would claim more than one person's few weeks can support (the nof1 package clips the same
    way).
    """
    return round(min(max(probability, 0.01), 0.99), 3)


def describe_method(settings: AnalysisSettings, use_trend: bool) -> str:
    """One sentence naming the model, for reports and the JSON output."""
    trend = (
        "with a linear time trend"
        if use_trend
        else "without a time trend (one switch cannot separate a trend from the effect)"
    )
    return (
        "Bayesian regression of the daily value on phase with AR(1) errors in calendar days, "
        f"autocorrelation integrated over (reference priors), {trend}; the first "
        f"{settings.transition_days} days of each new phase are left out"
    )


def evaluate_csv(
    text: str,
    source: str,
    outcome: Outcome,
    settings: AnalysisSettings = AnalysisSettings(),
) -> Effect:
    """Parse a ``date,phase,value`` CSV and evaluate it; every problem is reported at once."""
    from mgcalm.evaluation.csv_series import parse_series_csv

    problems = settings_problems(outcome, settings)
    try:
        observations = parse_series_csv(text, source)
    except InvalidInputError as error:
        raise InvalidInputError(problems + list(error.problems)) from None
    if problems:
        raise InvalidInputError(problems)
    return evaluate(observations, outcome, settings)


def settings_problems(outcome: Outcome, settings: AnalysisSettings) -> list[Problem]:
    """Problems with the analysis options themselves."""
    problems = []
    if not outcome.threshold > 0:
        problems.append(Problem("--threshold", f"{outcome.threshold} is not positive", "> 0"))
    if not 0 <= settings.transition_days <= 28:
        problems.append(
            Problem("--transition-days", f"{settings.transition_days} is out of range", "0 to 28")
        )
    if settings.trend not in ("auto", "on", "off"):
        problems.append(Problem("--trend", f"unknown value {settings.trend!r}", "auto, on, off"))
    return problems
