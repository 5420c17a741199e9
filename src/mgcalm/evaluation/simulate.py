"""Simulated daily series for checking calibration and for the design's power estimate.

The errors are a stationary AR(1) process, the usual description of day-to-day carry-over in
self-ratings; randomness comes only from the ``numpy.random.Generator`` passed in, so a fixed
seed gives the same series everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mgcalm.evaluation import ar1

FloatArray = NDArray[np.float64]


def ar1_noise(rng: np.random.Generator, n: int, phi: float, sd: float) -> FloatArray:
    """``n`` days of stationary AR(1) noise whose marginal standard deviation is ``sd``."""
    from scipy import signal

    innovations = rng.standard_normal(n) * sd * np.sqrt(1.0 - phi**2)
    start = rng.standard_normal() * sd
    # lfilter runs e[t] = phi * e[t-1] + u[t]; the initial condition makes e[-1] = start.
    out, _ = signal.lfilter([1.0], [1.0, -phi], innovations, zi=[phi * start])
    return np.asarray(out, dtype=np.float64)


def ar1_noise_many(
    rng: np.random.Generator, series: int, n: int, phi: float, sd: float
) -> FloatArray:
    """``series`` rows of ``ar1_noise``: the same numbers as that many calls in a row."""
    draws = rng.standard_normal((series, n + 1))
    innovations = draws[:, :n] * sd * np.sqrt(1.0 - phi**2)
    out = np.empty_like(innovations)
    previous = phi * (draws[:, n] * sd)
    for t in range(n):
        out[:, t] = innovations[:, t] + previous
        previous = phi * out[:, t]
    return np.asarray(out, dtype=np.float64)


def ab_design(baseline_days: int, magnesium_days: int) -> tuple[FloatArray, FloatArray]:
    """Day numbers and the magnesium indicator of a baseline → magnesium series."""
    days = np.arange(baseline_days + magnesium_days, dtype=np.float64)
    return days, (days >= baseline_days).astype(np.float64)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """How often each method's 95 % interval covered the true effect, for one φ."""

    phi: float
    series: int
    model_coverage: float
    model_false_positive: float
    naive_coverage: float
    naive_false_positive: float


def welch_interval(y: FloatArray, on: FloatArray, level: float = 0.95) -> tuple[float, float]:
    """The naive interval: Welch's two-sample t-test treating days as independent."""
    from scipy import stats

    result = stats.ttest_ind(y[on == 1], y[on == 0], equal_var=False)
    ci = result.confidence_interval(level)
    return float(ci.low), float(ci.high)


def coverage_row(
    rng: np.random.Generator,
    phi: float,
    series: int,
    effect: float = -1.0,
    design: tuple[int, int] = (14, 42),
) -> CoverageRow:
    """Coverage of the true ``effect`` and the null false-positive rate for both methods."""
    days, on = ab_design(*design)
    x = np.column_stack([np.ones_like(days), on])
    hits = np.zeros((4,), dtype=np.int64)
    for _ in range(series):
        for k, true in enumerate((effect, 0.0)):
            # Each series draws its own noise, so the null rows are independent of the others.
            y = ar1_noise(rng, len(days), phi, sd=1.5) + true * on
            low, high = ar1.fit(days, y, x, column=1).interval()
            n_low, n_high = welch_interval(y, on)
            # k == 0 counts intervals covering the true effect; k == 1 counts null series whose
            # interval excludes zero (a false "effect").
            hits[2 * k] += (low <= true <= high) != bool(k)
            hits[2 * k + 1] += (n_low <= true <= n_high) != bool(k)
    share = hits / series
    return CoverageRow(phi, series, share[0], share[2], share[1], share[3])


def coverage_table(seed: int, phis: Sequence[float], series: int) -> tuple[CoverageRow, ...]:
    """One :class:`CoverageRow` per φ, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    return tuple(coverage_row(rng, phi, series) for phi in phis)
