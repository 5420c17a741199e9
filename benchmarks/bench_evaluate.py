"""Benchmark: evaluate 365 days × 10 outcomes (< 1 s) and render a clinician PDF (< 3 s).

Usage: ``.venv/bin/python benchmarks/bench_evaluate.py``
"""

from __future__ import annotations

import itertools
import time
from datetime import date, timedelta

import numpy as np

from mgcalm.evaluation import Observation, evaluate, outcome_for
from mgcalm.evaluation.simulate import ar1_noise

OUTCOMES = 10
DAYS = 365


def year_of_outcomes(seed: int = 1) -> list[list[Observation]]:
    """Ten outcomes over a year: 60 baseline days, then magnesium, with a withdrawal block."""
    rng = np.random.default_rng(seed)
    start = date(2026, 1, 1)
    series = []
    for _ in range(OUTCOMES):
        noise = ar1_noise(rng, DAYS, 0.5, 1.5)
        observations = []
        for i in range(DAYS):
            phase = "baseline" if i < 60 else ("withdrawal" if 240 <= i < 280 else "magnesium")
            value = 5.0 + noise[i] - (1.0 if phase == "magnesium" else 0.0)
            observations.append(Observation(start + timedelta(days=i), phase, value))
        series.append(observations)
    return series


def bench_evaluate() -> float:
    """Seconds to evaluate every outcome once (the data are built beforehand)."""
    series = year_of_outcomes()
    started = time.perf_counter()
    for k, observations in enumerate(series):
        evaluate(observations, outcome_for(f"outcome_{k}"))
    return time.perf_counter() - started


def bench_pdf() -> tuple[dict[str, float], int]:
    """Seconds per stage of the example clinician PDF (cold imports included), and its size."""
    marks = {"start": time.perf_counter()}
    from mgcalm.evaluation.example import example_report_input
    from mgcalm.evaluation.report import build_report
    from mgcalm.evaluation.report_clinician import clinician_document
    from mgcalm.evaluation.report_pdf import render_pdf

    marks["import"] = time.perf_counter()
    report = build_report(example_report_input())
    marks["analyse"] = time.perf_counter()
    document = clinician_document(report)
    marks["layout"] = time.perf_counter()  # chart specs included
    pdf = render_pdf(document)
    marks["pdf"] = time.perf_counter()  # charts drawn as vector paths here
    names = list(marks)
    stages = {b: marks[b] - marks[a] for a, b in itertools.pairwise(names)}
    stages["total"] = marks["pdf"] - marks["start"]
    return stages, len(pdf)


def main() -> None:
    """Run both benchmarks and print the figures with their budgets."""
    seconds = bench_evaluate()
    print(f"evaluate {DAYS} days x {OUTCOMES} outcomes: {seconds:.3f} s (budget 1 s)")
    stages, size = bench_pdf()
    detail = ", ".join(f"{k} {v:.2f} s" for k, v in stages.items() if k != "total")
    print(
        f"clinician PDF (3 outcomes, 7 charts, {size / 1024:.0f} KiB): "
        f"{stages['total']:.2f} s (budget 3 s) = {detail}"
    )


if __name__ == "__main__":
    main()
