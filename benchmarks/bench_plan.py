"""Benchmark planning and CLI start-up.

    .venv/bin/python benchmarks/bench_plan.py [--repeat 200] [--starts 15]

Targets: a profile with 8 medicines (3 doses' worth of magnesium to place) plans in < 50 ms
median in-process; ``mgcalm --help`` starts in < 0.5 s (a fresh subprocess each time, median).

A second profile takes 8 medicines as people type them (UK names, brands with strengths, a
misspelling, a combination, an unknown name, an antacid) and two products that hold minerals;
its median is printed with its ratio to a floor measured in the same run: the same person
with no medicines or supplements (absolute times drift on a shared machine; the ratio less so).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.knowledge import knowledge_base
from mgcalm.knowledge.foods import article_portions
from mgcalm.planning import make_plan

ROOT = Path(__file__).resolve().parents[1]
MGCALM = Path(sys.executable).with_name("mgcalm")

# Eight medicines taken at eleven times of day, six with spacing windows (an antibiotic course
# twice a day, gabapentin three times), a diet low enough that the target needs divided doses,
# and goals that use two forms. Only a lunchtime and a before-bed dose keep every window.
PROFILE = """
[person]
age = 45
sex = "male"

[health]
egfr = 72

[day]
wake = "06:30"
breakfast = "07:00"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"

[goals]
focus = ["sleep", "fatigue", "anxiety"]

[diet]
magnesium_mg = 120

[[medications]]
name = "levothyroxine"
times = ["06:30"]

[[medications]]
name = "ciprofloxacin"
times = ["07:00", "19:00"]
start = 2026-11-01
end = 2026-11-07

[[medications]]
name = "gabapentin"
times = ["08:00", "16:00", "23:30"]

[[medications]]
name = "rosuvastatin"
times = ["08:00"]

[[medications]]
name = "omeprazole"
times = ["07:00"]

[[medications]]
name = "sertraline"
times = ["08:00"]

[[medications]]
name = "furosemide"
times = ["08:00"]

[[medications]]
name = "digoxin"
times = ["10:00"]

[[supplements]]
name = "zinc"
amount_mg = 25
times = ["07:00"]
"""


EDGES = (
    """
[person]
age = 52
sex = "female"

[health]
egfr = 80
egfr_date = 2026-06-01

[day]
wake = "06:30"
breakfast = "07:00"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"

[goals]
focus = ["sleep", "anxiety"]

[diet]
magnesium_mg = 150
"""
    + "".join(
        f'\n[[medications]]\nname = "{name}"\ntimes = {times}\n'
        for name, times in (
            ("Eltroxin 100 mcg", '["06:30"]'),
            ("alendronic acid 70 mg", '["07:00"]'),
            ("Ciproxin 500mg", '["08:00", "20:00"]'),
            ("sertralin", '["08:00"]'),
            ("amiloride + furosemide 5/40", '["09:00"]'),
            ("Priadel 400 mg", '["21:00"]'),
            ("Zorblax", '["13:00"]'),
            ("Rolaids", '["15:00"]'),
        )
    )
    + """
[[supplements]]
name = "Mag-Ox"
amount_mg = 60
times = ["12:00"]

[[supplements]]
name = "zinc gluconate"
amount_mg = 15
times = ["08:30"]
"""
)
FLOOR = EDGES.split("\n[[medications]]")[0]


def bench_plan(repeat: int, text: str = PROFILE) -> tuple[list[float], int, int]:
    """Milliseconds per plan (parse excluded), the number of doses and of separations."""
    profile, problems = parse_profile_toml(text, "bench")
    assert profile is not None, problems
    kb, foods = knowledge_base(), article_portions()
    plan = make_plan(profile, kb, foods)  # warm-up
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        plan = make_plan(profile, kb, foods)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, len(plan.doses), len(plan.separations)


def bench_cold_names(repeat: int) -> list[float]:
    """Milliseconds to recognise the edge profile's ten names with no cache (a first plan)."""
    from mgcalm.knowledge.magnesium_content import magnesium_content
    from mgcalm.knowledge.medicine_resolve import resolve_medicine

    profile, _ = parse_profile_toml(EDGES, "bench")
    assert profile is not None
    kb = knowledge_base()
    names = [m.name for m in profile.medications] + [s.name for s in profile.supplements]
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        for name in names:
            magnesium_content(name, kb.magnesium_names, kb.forms, kb.medicine_index)
            resolve_medicine(name, kb.medicine_index)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_start(starts: int) -> list[float]:
    """Seconds for ``mgcalm --help`` in a fresh process, ``starts`` times (after one warm-up)."""
    command = [str(MGCALM), "--help"] if MGCALM.exists() else [sys.executable, "-m", "mgcalm"]
    if command[-1] != "--help":
        command.append("--help")
    subprocess.run(command, capture_output=True, check=True)
    timings = []
    for _ in range(starts):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    """Run both benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--starts", type=int, default=15)
    args = parser.parse_args()
    timings, doses, separations = bench_plan(args.repeat)
    q = statistics.quantiles(timings, n=20)
    print(
        f"make_plan, 8 medicines ({separations} medicine times with windows), {doses} doses: "
        f"n={len(timings)} median {statistics.median(timings):.2f} ms, p95 {q[18]:.2f} ms, "
        f"max {max(timings):.2f} ms (target: median < 50 ms)"
    )
    floor, _, _ = bench_plan(args.repeat, FLOOR)
    edges, doses, separations = bench_plan(args.repeat, EDGES)
    median, base = statistics.median(edges), statistics.median(floor)
    print(
        f"make_plan, 8 medicines as typed + 2 mineral products ({separations} windows, {doses} "
        f"doses): median {median:.2f} ms, p95 {statistics.quantiles(edges, n=20)[18]:.2f} ms; "
        f"floor (no medicines) median {base:.2f} ms; ratio {median / base:.1f}x "
        "(target: median < 50 ms)"
    )
    cold = bench_cold_names(args.repeat // 4 or 1)
    print(
        f"recognising those 10 names with no cache (a first plan's extra cost): median "
        f"{statistics.median(cold):.2f} ms, max {max(cold):.2f} ms"
    )
    starts = bench_start(args.starts)
    print(
        f"mgcalm --help start-up: n={len(starts)} median {statistics.median(starts):.3f} s, "
        f"max {max(starts):.3f} s (target: median < 0.5 s)"
    )


if __name__ == "__main__":
    main()
