"""Benchmark: Today costs the same with three years of history as with two weeks.

Run: ``.venv/bin/python benchmarks/bench_today.py [--rounds 15] [--per-round 20]``

Seeds the demo person (``mgcalm demo seed``) over 2 weeks and over 156 weeks into two temporary
data dirs (SQLite), builds one web app on each, and measures the CPU time per request of
``GET /`` (Today) on both and of ``GET /support`` (a page with no history behind it) on the
three-year one, in process (an httpx client on the ASGI app in the same process, so the CPU
time is the client's and the server's together). The three are measured in interleaved rounds,
so a burst of load from other work on the machine falls on all of them; each figure is the
median over the rounds of the CPU time per request in that round.

Prints the two ratios with their targets: Today(156 weeks) / Today(2 weeks) ≤ 1.5 and
Today(156 weeks) / ``GET /support`` ≤ 4; exits 1 when a target is missed. ``GET /api/today``
is shown beside them for reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from mgcalm.app import Settings
from mgcalm.app.demo import seed_into

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette prefers the httpx2 package; the client works
    from fastapi.testclient import TestClient

TARGETS = {"history": 1.5, "support": 4.0}


@contextmanager
def client_on(data_dir: Path) -> Iterator[TestClient]:
    """An in-process client of a web app on ``data_dir`` (settings are read at start-up)."""
    os.environ["MGCALM_DATA_DIR"] = str(data_dir)
    os.environ.pop("MGCALM_DATABASE_URL", None)
    from mgcalm.web.app import create_app

    with TestClient(create_app(), base_url="http://localhost") as client:
        client.get("/").raise_for_status()  # opens the store, loads the knowledge base
        yield client


def cpu_per_request(get: Callable[[], object], requests: int) -> float:
    """CPU milliseconds per request over ``requests`` sequential requests."""
    began = time.process_time()
    for _ in range(requests):
        get()
    return (time.process_time() - began) * 1000 / requests


def main() -> None:
    """Seed both histories, measure the three pages in interleaved rounds, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgcalm-bench-today-") as folder, ExitStack() as stack:
        clients = {}
        for weeks in (2, 156):
            data_dir = Path(folder) / f"weeks{weeks}"
            began = time.perf_counter()
            _, entries = seed_into(Settings(data_dir=data_dir, sqlite_synchronous="NORMAL"), weeks)
            took = time.perf_counter() - began
            print(f"seeded {weeks} weeks ({entries} entries) in {took:.1f} s")
            clients[weeks] = stack.enter_context(client_on(data_dir))
        pages = {
            "today_156": lambda: clients[156].get("/").raise_for_status(),
            "today_2": lambda: clients[2].get("/").raise_for_status(),
            "support_156": lambda: clients[156].get("/support").raise_for_status(),
            "api_today_156": lambda: clients[156].get("/api/today").raise_for_status(),
            "api_today_2": lambda: clients[2].get("/api/today").raise_for_status(),
        }
        for get in pages.values():  # warm-up
            cpu_per_request(get, 5)
        times: dict[str, list[float]] = {name: [] for name in pages}
        for _ in range(args.rounds):
            for name, get in pages.items():
                times[name].append(cpu_per_request(get, args.per_round))
    median = {name: statistics.median(values) for name, values in times.items()}
    spread = {name: (min(values), max(values)) for name, values in times.items()}
    n = args.rounds * args.per_round
    for name, label in (
        ("today_2", "GET / (Today), 2 weeks"),
        ("today_156", "GET / (Today), 156 weeks"),
        ("support_156", "GET /support, 156 weeks"),
        ("api_today_2", "GET /api/today, 2 weeks"),
        ("api_today_156", "GET /api/today, 156 weeks"),
    ):
        low, high = spread[name]
        print(
            f"{label}: n={n} median {median[name]:.2f} ms CPU per request "
            f"(rounds {low:.2f}–{high:.2f})"
        )
    history = median["today_156"] / median["today_2"]
    support = median["today_156"] / median["support_156"]
    api = median["api_today_156"] / median["api_today_2"]
    print(f"Today 156 weeks / Today 2 weeks: {history:.2f}x (target <= {TARGETS['history']}x)")
    print(f"Today 156 weeks / GET /support: {support:.2f}x (target <= {TARGETS['support']}x)")
    print(f"/api/today 156 weeks / /api/today 2 weeks: {api:.2f}x (for reference)")
    if history > TARGETS["history"] or support > TARGETS["support"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
