"""Print the calibration table of docs/calibration.md: interval coverage on simulated AR(1) days.

Usage: ``.venv/bin/python benchmarks/calibration.py [--series N] [--seed S]``
"""

from __future__ import annotations

import argparse
import time

from mgcalm.evaluation.simulate import coverage_table

PHIS = (0.0, 0.2, 0.4, 0.6, 0.8)


def main() -> None:
    """Simulate, then print a Markdown table of both methods' coverage."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=1000, help="series per φ and effect")
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = coverage_table(args.seed, PHIS, args.series)
    print(f"14 baseline + 42 magnesium days, sd 1.5, true effect -1.0; {args.series} series each")
    print()
    print(
        "| φ | AR(1) model: coverage | AR(1) model: false 'effect' on null |"
        " naive t-test: coverage | naive t-test: false 'effect' on null |"
    )
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r.phi:.1f} | {r.model_coverage:.1%} | {r.model_false_positive:.1%} "
            f"| {r.naive_coverage:.1%} | {r.naive_false_positive:.1%} |"
        )
    print()
    print(f"seed {args.seed}; {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
