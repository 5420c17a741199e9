"""Benchmark the quick commands as whole processes, each against a floor measured in the same run.

    .venv/bin/python benchmarks/bench_cli.py [--rounds 7]

The floor is ``python -c "import typer, rich"``: what any Typer + Rich command pays before it
does anything. Each round runs the floor and then every command once, in turn, so a machine
that slows down during the run slows all of them alike; the medians of wall and CPU time
(user + system of the child) are printed with their ratio to the floor's. Targets: ``plan`` and
``foods search`` ≤ 3× the floor's wall time; every command here < 1 s wall on an idle machine.
``trial status`` reads a demo person seeded over 8 weeks into a scratch data folder.

``--instructions`` adds a count that does not depend on what else the machine is doing: the
instructions the floor and the two targeted commands execute, counted once each under
valgrind's callgrind (the same count on a busy and an idle machine; valgrind must be installed).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
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


TARGETED = ("mgcalm plan examples/profile.toml --json", "mgcalm foods search almonds --json")


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions one run of ``command`` executes, counted by callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count for {command}")
    return int(found.group(1))


def count_instructions(env: dict[str, str]) -> dict[str, int]:
    """The floor's and the targeted commands' instruction counts."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt install valgrind)")
    return {name: instructions(command, env) for name, command in (FLOOR, *COMMANDS)
            if name == FLOOR[0] or name in TARGETED}  # fmt: skip


def print_instructions(counts: dict[str, int]) -> None:
    """The counts in millions, with their ratios to the floor's."""
    floor = counts[FLOOR[0]]
    print(f"\ninstructions (callgrind, one run each){'':<44} {'millions':>9} {'× floor':>8}")
    for name, count in counts.items():
        print(f"{name:<82} {count / 1e6:9.0f} {count / floor:7.2f}×")


def main() -> None:
    """Seed the demo data, run the rounds, print medians and ratios."""
    parser = argparse.ArgumentParser(description="Benchmark mgcalm's quick commands.")
    parser.add_argument("--rounds", type=int, default=7, help="runs of each command, counted")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with valgrind"
    )
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
        counts = count_instructions(env) if args.instructions else {}
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
    if counts:
        print_instructions(counts)


if __name__ == "__main__":
    main()
