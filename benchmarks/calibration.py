"""Print the calibration tables of docs/calibration.md.

1. Interval coverage on simulated AR(1) days for three methods on the same AB series (14 baseline
   + 42 magnesium days): mgcalm's model (φ integrated over), statsmodels' feasible GLS with AR(1)
   errors (GLSAR, φ plugged in), and the naive Welch t-test that treats days as independent.
2. Designs meeting real-life trouble (``mgcalm.evaluation.scenarios``): coverage, bias and how
   often each verdict comes out, through exactly what ``mgcalm evaluate`` runs.
3. What blinding protects against.
4. Power per design: the smallest improvement called "likely helped" 8 times in 10.

Usage: ``.venv/bin/python benchmarks/calibration.py [--series N] [--seed S] [--only 1,2,3,4]``
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import numpy as np
import statsmodels.api as sm

from mgcalm.evaluation.crossover import RandomisedDesign
from mgcalm.evaluation.design import TrialDesign, analysis_spans
from mgcalm.evaluation.power import simulate_power
from mgcalm.evaluation.scenarios import BLINDING, SCENARIOS, Result, run
from mgcalm.evaluation.simulate import ab_design, ar1_noise, coverage_table

PHIS = (0.0, 0.2, 0.4, 0.6, 0.8)
START = date(2027, 1, 4)


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


def methods_table(seed: int, series: int) -> None:
    """Table 1: coverage of three methods across autocorrelations."""
    rows = coverage_table(seed, PHIS, series)
    rng = np.random.default_rng(seed + 1)
    glsar = [glsar_coverage(rng, phi, series) for phi in PHIS]
    print(f"14 baseline + 42 magnesium days, sd 1.5, true effect -1.0; {series} series each\n")
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


def _row(r: Result) -> str:
    return (
        f"| {r.name} | {r.coverage:.1%} | {r.bias:+.2f} | {r.false_helped:.1%} "
        f"| {r.false_better_while_on:.1%} | {r.helped:.1%} | {r.floor_flagged:.0%} |"
    )


def scenario_table(seed: int, series: int) -> None:
    """Table 2: every scenario with and without a true improvement of 2 points."""
    rng = np.random.default_rng(seed)
    print(f"AR(1) φ 0.5, sd 1.5, threshold 1 point, true improvement 2 points; {series} series")
    print("each with the improvement and as many without it.\n")
    print(
        "| scenario | coverage | bias | no effect: 'likely helped' | no effect: 'better while"
        " on magnesium' | effect: 'likely helped' | floor flagged |"
    )
    print("|---|---|---|---|---|---|---|")
    for scenario in SCENARIOS:
        print(_row(run(scenario, rng, series)))


def blinding_table(seed: int, series: int) -> None:
    """Table 3: no magnesium effect, an expectation or capsule response of 0.7 points."""
    rng = np.random.default_rng(seed + 2)
    print("| no magnesium effect at all | 'likely helped' |")
    print("|---|---|")
    for scenario in BLINDING:
        result = run(scenario, rng, series)
        print(f"| {scenario.name} | {result.false_helped:.1%} |")


def _designs() -> tuple[tuple[str, tuple[tuple[str, date, date], ...], int], ...]:
    """(name, analysis spans, duration in days) of the designs compared."""
    quick = TrialDesign(START)
    ab = TrialDesign(START, withdrawal_days=0)
    out = [
        ("Quick look ABA (14 + 14 + 42 + 28)", analysis_spans(quick), 98),
        ("AB (14 + 56), no return", analysis_spans(ab), 70),
    ]
    for pairs, days, blinded in ((2, 28, False), (3, 28, False), (3, 28, True), (4, 28, False)):
        design = RandomisedDesign(START, 7, pairs, days, blinded)
        kind = "blinded" if blinded else "open"
        spans = tuple((p.condition, p.start, p.end) for p in design.periods())
        out.append((f"Randomised {pairs} × {days} days, {kind}", spans, design.duration_days))
    return tuple(out)  # type: ignore[arg-type]


def power_table(series: int) -> None:
    """Table 4: smallest detectable improvement and power, per design and autocorrelation."""
    print("sd 1.5 points, threshold 1 point, 14 transition days; 'detectable' = called likely")
    print(f"helped 8 times in 10; {series} simulated trials per cell\n")
    print("| design | days | φ | smallest detectable | power at 1.0 | at 1.5 | at 2.0 |")
    print("|---|---|---|---|---|---|---|")
    for name, spans, duration in _designs():
        for phi in (0.2, 0.5, 0.8):
            p = simulate_power(spans, 1.5, phi, 1.0, 14, series)  # type: ignore[arg-type]
            at = dict(p.power)
            smallest = "never" if p.smallest_detectable is None else f"{p.smallest_detectable:.2f}"
            print(
                f"| {name} | {duration} | {phi} | {smallest} | {at[1.0]:.0%} | {at[1.5]:.0%} "
                f"| {at[2.0]:.0%} |"
            )


def main() -> None:
    """Simulate, then print the Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=1000, help="series per cell")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--scenario-seed", type=int, default=20270104)
    parser.add_argument("--only", default="1,2,3,4", help="which tables, e.g. 2,4")
    args = parser.parse_args()
    tables = {int(t) for t in args.only.split(",")}
    started = time.perf_counter()
    if 1 in tables:
        methods_table(args.seed, args.series)
        print()
    if 2 in tables:
        scenario_table(args.scenario_seed, args.series)
        print()
    if 3 in tables:
        blinding_table(args.scenario_seed, args.series)
        print()
    if 4 in tables:
        power_table(max(args.series // 5, 100))
        print()
    print(f"seeds {args.seed} / {args.scenario_seed}; {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
