"""Learning across people: a random-effects model of several people's effects of magnesium.

Each person's own effect and its uncertainty come from their personal trial
(:func:`~mgcalm.evaluation.individual.person_effect`: AR(1) errors in calendar days, transition
days left out). Their effects are modelled as drawn from a population distribution with mean
``mu`` and between-person SD ``tau``:

- ``tau²`` by Paule–Mandel (statsmodels' ``combine_effects``, ``method_re="iterated"``);
- the interval of ``mu`` by Hartung–Knapp (a t reference with k − 1 degrees of freedom and the
  variance scaled by the spread of the effects), never narrower than the inverse-variance one
  (Knapp & Hartung 2003), so that it stays honest with few people;
- the interval of ``tau`` by the Q-profile method (Viechtbauer 2007): statsmodels has none, so
  the generalised Q statistic is inverted here with SciPy's root finder;
- each person's empirical-Bayes (shrunken) estimate, pulled towards ``mu`` the more the less
  their own trial says, with the uncertainty of ``mu`` carried into its interval;
- the prediction interval for a new person (Higgins, Thompson & Spiegelhalter 2009):
  ``mu ± t_{k−2} · sqrt(tau² + SE(mu)²)``, which needs three people or more.

With a single person there is nothing to pool: the pooled values are ``None`` and a note says so.
The method and its references are in ``docs/pooling.md``. SciPy's statistics and statsmodels
load on the first fit, so the pages and commands that only import this module stay quick.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

LEVEL = 0.95
METHOD = (
    "random-effects model of the people's own effects (each from the person's AR(1) analysis "
    "with its transition days left out): between-person variance by Paule–Mandel "
    "(statsmodels combine_effects), the mean's 95 % interval by Hartung–Knapp with a t "
    "reference on k−1 degrees of freedom (never narrower than the inverse-variance one), the "
    "between-person SD's interval by the Q-profile method, empirical-Bayes shrinkage for each "
    "person, and a Higgins–Thompson–Spiegelhalter prediction interval (t on k−2 degrees of "
    "freedom) for a new person"
)
NOT_POOLED = "one person only: nothing to pool, so each person's own estimate stands alone"
NO_ONE = "no one to pool yet"
NO_PREDICTION = (
    "a prediction for a new person needs at least three people (its t reference has k−2 "
    "degrees of freedom)"
)


@dataclass(frozen=True, slots=True)
class OwnEffect:
    """One person's own estimate (posterior median) and its standard error, as pooled."""

    label: str
    estimate: float
    se: float
    ci95: tuple[float, float]


@dataclass(frozen=True, slots=True)
class Interval:
    """An estimate and its 95 % interval."""

    estimate: float
    ci95: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        """``{"estimate", "ci95"}``, rounded for reading."""
        return {"estimate": _r(self.estimate), "ci95": [_r(self.ci95[0]), _r(self.ci95[1])]}


@dataclass(frozen=True, slots=True)
class PooledPerson:
    """A person's own estimate beside the shrunken one; ``weight`` is their share of the mean."""

    own: OwnEffect
    shrunken: Interval | None
    weight: float | None


@dataclass(frozen=True, slots=True)
class Pooled:
    """The population's mean effect, the between-person SD, a new person, and each person."""

    mean_effect: Interval | None
    mean_se: float | None
    between_person_sd: Interval | None
    predicted_new_person: Interval | None
    people: tuple[PooledPerson, ...]
    i2: float | None
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``pooled`` object of ``mgcalm evaluate --pooled --json``."""
        return {
            "mean_effect": _maybe(self.mean_effect),
            "between_person_sd": _maybe(self.between_person_sd),
            "predicted_new_person": _maybe(self.predicted_new_person),
            "mean_se": None if self.mean_se is None else _r(self.mean_se, 3),
            "people_pooled": len(self.people) if self.mean_effect else 0,
            "i2": None if self.i2 is None else round(self.i2, 2),
        }


def pool(people: Sequence[OwnEffect], level: float = LEVEL) -> Pooled:
    """Pool the people's own effects; with fewer than two, nothing is pooled (a note says so)."""
    from scipy import stats
    from statsmodels.stats.meta_analysis import combine_effects

    if len(people) < 2:
        alone = tuple(PooledPerson(p, None, None) for p in people)
        return Pooled(None, None, None, None, alone, None, (NOT_POOLED if people else NO_ONE,))
    y = np.array([p.estimate for p in people], dtype=np.float64)
    v = np.array([p.se for p in people], dtype=np.float64) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):  # identical effects: I² is 1 − 1/0
        fit = combine_effects(y, v, method_re="iterated")
    tau2 = max(float(fit.tau2), 0.0)
    mu = float(fit.mean_effect_re)
    # Hartung–Knapp: the variance scaled by the effects' own spread, with a t reference; never
    # below the inverse-variance one (Knapp & Hartung 2003), or people whose effects happen to
    # agree closely (identical ones: zero width) would be shown more certain than their trials.
    var_mu = max(float(fit.var_hksj_re), float(fit.var_eff_w_re))
    se_mu = math.sqrt(var_mu)
    k = len(people)
    alpha = 1.0 - level
    crit = float(stats.t.isf(alpha / 2, k - 1))
    half = crit * se_mu
    mean = Interval(mu, (mu - half, mu + half))
    low, high = q_profile(y, v, level)
    tau = Interval(math.sqrt(tau2), (math.sqrt(low), math.sqrt(high)))
    notes: tuple[str, ...] = ()
    predicted = None
    if k >= 3:
        spread = float(stats.t.isf(alpha / 2, k - 2)) * math.sqrt(tau2 + var_mu)
        predicted = Interval(mu, (mu - spread, mu + spread))
    else:
        notes = (NO_PREDICTION,)
    weights = (1.0 / (v + tau2)) / float(np.sum(1.0 / (v + tau2)))
    shrunk = tuple(
        PooledPerson(p, shrink(p, mu, var_mu, tau2, crit), float(w))
        for p, w in zip(people, weights, strict=True)
    )
    i2 = max(0.0, float(fit.i2)) if math.isfinite(float(fit.i2)) else 0.0
    return Pooled(mean, se_mu, tau, predicted, shrunk, i2, notes)


def shrink(person: OwnEffect, mu: float, var_mu: float, tau2: float, crit: float) -> Interval:
    """The empirical-Bayes estimate of one person's effect, and its approximate interval.

    The estimate moves from the person's own towards ``mu`` by ``B = v / (v + tau²)``; its
    variance is the conditional posterior's, ``(1 − B)·v``, plus ``B²·Var(mu)`` for not knowing
    the mean (Raudenbush & Bryk 2002, ch. 3). ``crit`` is the mean's own t quantile, so a
    person pulled all the way to the mean is never shown more certain than the mean itself.
    """
    v = person.se**2
    b = v / (v + tau2) if v + tau2 > 0 else 1.0
    estimate = mu + (1.0 - b) * (person.estimate - mu)
    sd = math.sqrt((1.0 - b) * v + b * b * var_mu)
    return Interval(estimate, (estimate - crit * sd, estimate + crit * sd))


def q_profile(y: np.ndarray, v: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """The Q-profile interval of ``tau²`` (Viechtbauer 2007): where the generalised Q statistic
    meets the chi-squared quantiles on k − 1 degrees of freedom; a bound below zero is zero."""
    from scipy import optimize, stats

    df = len(y) - 1
    alpha = 1.0 - level

    def q_minus(tau2: float, target: float) -> float:
        w = 1.0 / (v + tau2)
        mu = float(np.sum(w * y) / np.sum(w))
        return float(np.sum(w * (y - mu) ** 2)) - target

    def solve(target: float) -> float:
        if q_minus(0.0, target) <= 0:
            return 0.0
        top = max(float(np.var(y)), float(np.max(v)), 1e-6)
        while q_minus(top, target) > 0:
            top *= 4.0
        return float(optimize.brentq(q_minus, 0.0, top, args=(target,), xtol=1e-10))

    return solve(float(stats.chi2.isf(alpha / 2, df))), solve(float(stats.chi2.ppf(alpha / 2, df)))


def _maybe(interval: Interval | None) -> dict[str, Any] | None:
    return None if interval is None else interval.to_dict()


def _r(value: float, digits: int = 2) -> float:
    return round(value, digits)


__all__ = ["METHOD", "Interval", "OwnEffect", "Pooled", "PooledPerson", "pool", "q_profile"]
