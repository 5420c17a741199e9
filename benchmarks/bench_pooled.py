"""Benchmark: pooled fit of 200 people × 200 days from their CSVs (budget < 10 s).

The floor, measured in the same run, is one person's ``mgcalm evaluate`` on the same kind of
CSV (parse + AR(1) analysis); the pooled figure is printed as a ratio to it and in seconds.

Usage: ``.venv/bin/python benchmarks/bench_pooled.py [--people 200] [--days 200]``
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np

from mgcalm.evaluation import evaluate_csv, outcome_for
from mgcalm.evaluation.csv_pooled import PersonFile, evaluate_pooled
from mgcalm.evaluation.simulate import ar1_noise


def person_csv(rng: np.random.Generator, days: int) -> str:
    """An ABAB series of ``days`` days (four equal blocks) with AR(1) noise and its own effect."""
    effect = float(rng.normal(-1.0, 0.5))
    noise = ar1_noise(rng, days, 0.4, 1.5)
    rows = ["date,phase,value"]
    for i in range(days):
        phase = "magnesium" if (4 * i // days) % 2 else "baseline"
        value = 5.0 + noise[i] + (effect if phase == "magnesium" else 0.0)
        rows.append(f"{date(2026, 1, 1) + timedelta(days=i)},{phase},{value:.2f}")
    return "\n".join(rows) + "\n"


def main() -> None:
    """Measure the floor (one person) and the pooled fit, and print both with the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--days", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    files = [PersonFile(f"p{i}.csv", person_csv(rng, args.days)) for i in range(args.people)]
    started = time.perf_counter()
    evaluate_pooled(files[:2], "anxiety", None, None)  # loads statsmodels and SciPy's statistics
    imports = time.perf_counter() - started
    floors = []
    for person in files[2:7]:
        started = time.perf_counter()
        evaluate_csv(person.text, person.source, outcome_for("anxiety"))
        floors.append(time.perf_counter() - started)
    floor = sorted(floors)[len(floors) // 2]
    started = time.perf_counter()
    result = evaluate_pooled(files, "anxiety", None, None)
    pooled = time.perf_counter() - started
    mean = result.pooled.to_dict()["mean_effect"]
    print(f"floor: one person's evaluate ({args.days} days, median of 5): {floor * 1000:.1f} ms")
    print(
        f"pooled fit {args.people} people x {args.days} days: {pooled:.2f} s "
        f"= {pooled / floor:.0f} x floor = {pooled / floor / args.people:.2f} x floor per person "
        f"(budget 10 s); mean effect {mean}"
    )
    print(f"first fit's statistics imports (once per process, before both): {imports:.2f} s")


if __name__ == "__main__":
    main()
