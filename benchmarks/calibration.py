"""Print the calibration table of docs/calibration.md: interval coverage on simulated AR(1) days.

Three methods on the same kind of series (14 baseline + 42 magnesium days, AR(1) errors):
mgcalm's model (φ integrated over), statsmodels' feasible GLS with AR(1) errors (GLSAR, φ
plugged in), and the naive Welch t-test that treats days as independent.

Usage: ``.venv/bin/python benchmarks/calibration.py [--series N] [--seed S]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import statsmodels.api as sm

from mgcalm.evaluation.simulate import ab_design, ar1_noise, coverage_table

PHIS = (0.0, 0.2, 0.4, 0.6, 0.8)


def glsar_coverage(rng: np.random.Generator, phi: float, series: int) -> float:
    """Share of GLSAR (plug-in φ) 95 % intervals covering a true effect of -1."""
    days, on = ab_design(14, 42)
    x = np.column_stack([np.ones_like(days), on])
    covered = 0
    for _ in range(series):
        y = ar1_noise(rng, len(days), phi, 1.5) - on
        low, high = sm.GLSAR(y, x, rho=1).iterative_fit(maxiter=10).conf_int()[1]
        covered += low <= -1.0 <= high
    return covered / series


def main() -> None:
    """Simulate, then print a Markdown table of the methods' coverage."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=1000, help="series per φ and effect")
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = coverage_table(args.seed, PHIS, args.series)
    rng = np.random.default_rng(args.seed + 1)
    glsar = [glsar_coverage(rng, phi, args.series) for phi in PHIS]
    print(f"14 baseline + 42 magnesium days, sd 1.5, true effect -1.0; {args.series} series each")
    print()
    print(
        "| φ | mgcalm: coverage | mgcalm: false 'effect' on null | GLSAR (plug-in φ): coverage"
        " | naive t-test: coverage | naive t-test: false 'effect' on null |"
    )
    print("|---|---|---|---|---|---|")
    for r, g in zip(rows, glsar, strict=True):
        print(
            f"| {r.phi:.1f} | {r.model_coverage:.1%} | {r.model_false_positive:.1%} | {g:.1%} "
            f"| {r.naive_coverage:.1%} | {r.naive_false_positive:.1%} |"
        )
    print()
    print(f"seed {args.seed}; {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
