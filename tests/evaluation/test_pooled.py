"""The model across people: published values, coverage and shrinkage by simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mgcalm.evaluation.pooled import NO_PREDICTION, NOT_POOLED, OwnEffect, pool, q_profile

# BCG vaccine trials (Colditz et al. 1994), log risk ratios: the standard example of metafor.
BCG = np.array(
    [
        (4, 119, 11, 128),
        (6, 300, 29, 274),
        (3, 228, 11, 209),
        (62, 13536, 248, 12619),
        (33, 5036, 47, 5761),
        (180, 1361, 372, 1079),
        (8, 2537, 10, 619),
        (505, 87886, 499, 87892),
        (29, 7470, 45, 7232),
        (17, 1699, 65, 1600),
        (186, 50448, 141, 27197),
        (5, 2493, 3, 2338),
        (27, 16886, 29, 17825),
    ],
    dtype=float,
)


def bcg() -> tuple[np.ndarray, np.ndarray]:
    a, b, c, d = BCG.T
    y = np.log((a / (a + b)) / (c / (c + d)))
    v = 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)
    return y, v


def people(y: np.ndarray, se: np.ndarray) -> list[OwnEffect]:
    return [
        OwnEffect(f"p{i}", float(e), float(s), (e - 2 * s, e + 2 * s))
        for i, (e, s) in enumerate(zip(y, se, strict=True))
    ]


def test_q_profile_matches_metafor() -> None:
    # metafor: confint(rma(yi, vi, data = dat.bcg)) gives tau² 0.1197 to 1.1115.
    low, high = q_profile(*bcg())
    assert low == pytest.approx(0.1197, abs=1e-4)
    assert high == pytest.approx(1.1115, abs=1e-4)


def test_paule_mandel_and_hartung_knapp_match_metafor() -> None:
    y, v = bcg()
    fitted = pool(people(y, np.sqrt(v)))
    assert fitted.mean_effect is not None and fitted.between_person_sd is not None
    # metafor: rma(yi, vi, data = dat.bcg, method = "PM"): tau² 0.3181, mu −0.7150.
    assert fitted.between_person_sd.estimate**2 == pytest.approx(0.3181, abs=1e-3)
    assert fitted.mean_effect.estimate == pytest.approx(-0.7150, abs=1e-3)
    # With Paule–Mandel the Hartung–Knapp scale is 1: the t interval on 12 df.
    assert fitted.mean_effect.ci95 == pytest.approx((-1.1091, -0.3208), abs=1e-3)


def test_one_person_is_not_pooled_and_says_so() -> None:
    fitted = pool(people(np.array([-1.0]), np.array([0.4])))
    assert fitted.mean_effect is None and fitted.between_person_sd is None
    assert fitted.predicted_new_person is None
    assert fitted.notes == (NOT_POOLED,)
    assert fitted.people[0].shrunken is None
    assert fitted.to_dict()["mean_effect"] is None


def test_two_people_pool_but_predict_no_new_person() -> None:
    fitted = pool(people(np.array([-1.0, -0.2]), np.array([0.4, 0.5])))
    assert fitted.mean_effect is not None
    assert fitted.predicted_new_person is None
    assert NO_PREDICTION in fitted.notes


def test_identical_effects_pool_quietly() -> None:
    # Q = 0: statsmodels' I² divides by zero; nothing may warn (the suite turns warnings into
    # errors) and the between-person SD is 0 with a finite interval.
    fitted = pool(people(np.array([-1.0, -1.0, -1.0]), np.array([0.5, 0.5, 0.4])))
    assert fitted.between_person_sd is not None and fitted.mean_effect is not None
    assert fitted.between_person_sd.estimate == 0.0 and fitted.i2 == 0.0
    assert fitted.mean_effect.estimate == pytest.approx(-1.0)
    # Agreement by chance never makes the mean more certain than the trials themselves.
    se = (1 / (2 / 0.25 + 1 / 0.16)) ** 0.5
    low, high = fitted.mean_effect.ci95
    assert high - low == pytest.approx(2 * 4.303 * se, rel=1e-3)  # t on 2 df


def test_very_different_lengths_weigh_and_shrink_accordingly() -> None:
    # One person with a long, precise trial; one with a short, noisy one; and a few in between.
    se = np.array([0.1, 2.0, 0.5, 0.5, 0.5])
    fitted = pool(people(np.array([-1.0, 3.0, -0.5, -1.5, -0.8]), se))
    weights = [p.weight for p in fitted.people]
    assert weights[0] == max(weights) and weights[1] == min(weights)
    assert fitted.mean_effect is not None
    mu = fitted.mean_effect.estimate
    moved = [abs(p.shrunken.estimate - p.own.estimate) for p in fitted.people if p.shrunken]
    # The precise person barely moves; the noisy one is pulled most of the way to the mean.
    assert moved[0] < 0.1 and moved[1] > 0.5 * abs(3.0 - mu)
    assert all(np.isfinite([fitted.mean_effect.ci95[0], fitted.mean_effect.ci95[1]]))


def simulate(
    rng: np.random.Generator, k: int, mu: float, tau: float
) -> tuple[list[OwnEffect], np.ndarray]:
    truth = rng.normal(mu, tau, k)
    se = rng.uniform(0.3, 0.9, k)  # trials of different lengths
    return people(rng.normal(truth, se), se), truth


def new_person_coverage(interval: tuple[float, float], mu: float, tau: float) -> float:
    """The chance that a new person's true effect, drawn from N(mu, tau²), falls inside."""
    low, high = interval
    if tau == 0:
        return float(low <= mu <= high)
    return float(stats.norm.cdf((high - mu) / tau) - stats.norm.cdf((low - mu) / tau))


@pytest.mark.parametrize(
    ("seed", "tau", "lowest", "highest"),
    [
        (20261, 0.5, 0.90, 0.98),
        (20263, 1.0, 0.90, 0.98),
        (20264, 0.25, 0.90, 0.98),
        # When people do not differ at all the interval is conservative by design (about 98 %
        # over 2,000 replications, docs/pooling.md): it is never narrower than the trials allow.
        (20262, 0.0, 0.95, 1.0),
    ],
)
def test_population_mean_coverage_and_shrinkage(
    seed: int, tau: float, lowest: float, highest: float
) -> None:
    rng = np.random.default_rng(seed)
    covered, new_covered, reps = 0, 0.0, 200
    own_error, shrunk_error = 0.0, 0.0
    for _ in range(reps):
        k = int(rng.integers(8, 13))
        own, truth = simulate(rng, k, -1.0, tau)
        fitted = pool(own)
        assert fitted.mean_effect is not None and fitted.predicted_new_person is not None
        low, high = fitted.mean_effect.ci95
        covered += low <= -1.0 <= high
        new_covered += new_person_coverage(fitted.predicted_new_person.ci95, -1.0, tau)
        own_error += sum((p.estimate - t) ** 2 for p, t in zip(own, truth, strict=True))
        shrunk_error += sum(
            (p.shrunken.estimate - t) ** 2
            for p, t in zip(fitted.people, truth, strict=True)
            if p.shrunken
        )
    assert lowest <= covered / reps <= highest
    # The Higgins–Thompson–Spiegelhalter interval is known to fall short when tau is small and
    # hard to estimate (docs/pooling.md gives 85–95 % over 2,000 replications): kept in view.
    assert new_covered / reps >= 0.80
    # Shrunken estimates are closer to each person's truth than their own, on average.
    assert shrunk_error < own_error
