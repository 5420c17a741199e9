"""Benchmark the quick commands as whole processes, each against a floor measured in the same run.

    .venv/bin/python benchmarks/bench_cli.py [--rounds 7]

The floor is ``python -c "import typer, rich"``: what any Typer + Rich command pays before it
does anything. Each round runs the floor and then every command once, in turn, so a machine
that slows down during the run slows all of them alike; the medians of wall and CPU time
(user + system of the child) are printed with their ratio to the floor's. Targets: ``plan`` and
``foods search`` ≤ 3× the floor's wall time; every command here < 1 s wall on an idle machine.
``trial status`` reads a demo person seeded over 8 weeks into a scratch data folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MGCALM = str(Path(PYTHON).with_name("mgcalm"))

FLOOR = ("floor: import typer, rich", [PYTHON, "-c", "import typer, rich"])
COMMANDS = (
    ("mgcalm --help", [MGCALM, "--help"]),
    ("mgcalm plan examples/profile.toml --json",
     [MGCALM, "plan", "examples/profile.toml", "--json"]),
    ("mgcalm foods search almonds --json", [MGCALM, "foods", "search", "almonds", "--json"]),
    ("mgcalm foods search 'dark c' --json", [MGCALM, "foods", "search", "dark c", "--json"]),
    ("mgcalm label --form citrate --compound-mg 500 --json",
     [MGCALM, "label", "--form", "citrate", "--compound-mg", "500", "--json"]),
    ("mgcalm score gad7 --answers 1,1,2,0,1,1,0 --json",
     [MGCALM, "score", "gad7", "--answers", "1,1,2,0,1,1,0", "--json"]),
    ("mgcalm design --json", [MGCALM, "design", "--json"]),
    ("mgcalm design --randomised --blinded --pairs 3 --period-days 28 --seed 7 --json",
     [MGCALM, "design", "--randomised", "--blinded", "--pairs", "3", "--period-days", "28",
      "--seed", "7", "--json"]),
    ("mgcalm trial status --json (demo, 8 weeks)", [MGCALM, "trial", "status", "--json"]),
)  # fmt: skip


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    """Seed the demo data, run the rounds, print medians and ratios."""
    parser = argparse.ArgumentParser(description="Benchmark mgcalm's quick commands.")
    parser.add_argument("--rounds", type=int, default=7, help="runs of each command, counted")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgcalm-bench-cli-") as data:
        env = {**os.environ, "MGCALM_DATA_DIR": data}
        # The warm-up writes the .pyc files a person's installation has; without them every
        # run would compile mgcalm's modules again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [MGCALM, "demo", "seed", "--weeks", "8"], env=env, check=True, capture_output=True
        )
        every = (FLOOR, *COMMANDS)
        for _, command in every:  # warm-up: the file cache, .pyc files
            timed(command, env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in every}
        for _ in range(args.rounds):
            for name, command in every:
                samples[name].append(timed(command, env))
    floor_wall = statistics.median(w for w, _ in samples[FLOOR[0]])
    floor_cpu = statistics.median(c for _, c in samples[FLOOR[0]])
    load = os.getloadavg()[0]
    print(f"{args.rounds} rounds after one warm-up; load average at the end {load:.1f}")
    print(f"{'command':<82} {'wall s':>7} {'× floor':>8} {'cpu s':>6} {'× floor':>8}")
    for name, _ in every:
        wall = statistics.median(w for w, _ in samples[name])
        cpu = statistics.median(c for _, c in samples[name])
        print(
            f"{name:<82} {wall:7.3f} {wall / floor_wall:7.1f}× {cpu:6.3f} {cpu / floor_cpu:7.1f}×"
        )


if __name__ == "__main__":
    main()
