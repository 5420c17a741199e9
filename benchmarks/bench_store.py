"""Benchmark: logging through the service layer, and loading a year of data for analysis.

Run: ``.venv/bin/python benchmarks/bench_store.py [--postgres URL]``

Prints, for SQLite in WAL mode:
- entries/s with one durable transaction per entry (``synchronous=FULL``, the default, and
  ``NORMAL`` for comparison), each call a full ``App.log`` (validate, idempotency check, insert,
  commit, read back);
- entries/s when a batch of 1,000 entries is saved in one transaction (``App.log_many``);
- the time to load one person's full year of every series (``App.series``), median of 7 runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from mgcalm.app import App, Settings, open_app
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = """
[person]
age = 40
sex = "female"
[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"
"""
START = date(2025, 1, 1)


def _app(url: str, synchronous: str = "FULL") -> App:
    settings = Settings(database_url=url, sqlite_synchronous=synchronous)  # type: ignore[arg-type]
    app = open_app(settings, clock=lambda: datetime.now(UTC))
    profile, _ = parse_profile_toml(PROFILE)
    assert profile is not None
    app.setup_person(profile, person_id="me")
    return app


def _checkin(n: int) -> dict[str, Any]:
    day = START + timedelta(days=n % 365)
    return {"id": f"c{n}", "day": day, "anxiety": n % 11, "mood": (n * 7) % 11, "note": "ok"}


def per_entry(url: str, synchronous: str, count: int) -> float:
    """Entries/s with one committed transaction per App.log call."""
    app = _app(url, synchronous)
    began = time.perf_counter()
    for n in range(count):
        app.log("me", "checkin", _checkin(n))
    elapsed = time.perf_counter() - began
    app.close()
    return count / elapsed


def batched(url: str, count: int, size: int = 1000) -> float:
    """Entries/s with one committed transaction per batch of ``size`` entries."""
    app = _app(url)
    raw = [{"kind": "checkin", **_checkin(n)} for n in range(count)]
    began = time.perf_counter()
    for offset in range(0, count, size):
        app.log_many("me", raw[offset : offset + size])
    elapsed = time.perf_counter() - began
    app.close()
    return count / elapsed


def year_of_data(day: date, n: int) -> list[dict[str, Any]]:
    """One day of a diligent person's logging: every series the evaluation reads."""
    night = datetime.combine(day - timedelta(days=1), datetime.min.time())
    rows: list[dict[str, Any]] = [
        {"kind": "checkin", "id": f"c{n}", "day": day, "anxiety": n % 11, "tension": 4,
         "mood": 6, "energy": 5, "sleep_quality": 6, "digestion": 7, "panic_episodes": n % 2},
        {"kind": "sleep", "id": f"s{n}", "day": day, "into_bed": night + timedelta(hours=22.5),
         "tried_to_sleep": night + timedelta(hours=23), "latency_min": 20, "awakenings": 2,
         "waso_min": 25, "final_wake": night + timedelta(hours=30.5),
         "out_of_bed": night + timedelta(hours=31), "quality": 3},
        {"kind": "side_effect", "id": f"x{n}", "day": day, "bristol_type": 4},
        {"kind": "practice", "id": f"p{n}", "day": day, "practice": "breathwork", "minutes": 10},
    ]  # fmt: skip
    for k, clock in enumerate(("08:00", "21:30")):
        rows.append({"kind": "dose", "id": f"d{n}-{k}", "day": day, "taken_time": clock,
                     "form": "glycinate", "elemental_mg": 100})  # fmt: skip
    for k in range(3):
        rows.append({"kind": "food", "id": f"f{n}-{k}", "day": day, "food_id": "sr28:12061",
                     "grams": 28, "magnesium_mg": 75.6})  # fmt: skip
    if n % 7 == 0:
        rows.append({"kind": "therapy", "id": f"t{n}", "day": day, "therapy": "emdr"})
    return rows


def load_year(url: str) -> tuple[int, float]:
    """Rows in a full year of every series, and the median time to load them (ms)."""
    app = _app(url)
    raw = [row for n in range(365) for row in year_of_data(START + timedelta(days=n), n)]
    app.log_many("me", raw)
    timings = []
    for _ in range(7):
        began = time.perf_counter()
        series = app.series("me", START, START + timedelta(days=364))
        timings.append((time.perf_counter() - began) * 1000)
    app.close()
    return sum(len(v) for v in series.values()), statistics.median(timings)


def measure(url_for: Any, count: int, sqlite: bool) -> dict[str, float]:
    """One round of every figure on fresh databases from ``url_for``."""
    name = "synchronous=FULL" if sqlite else "synchronous_commit=on"
    figures = {f"per-entry transactions, {name} (entries/s)": per_entry(
        url_for("full"), "FULL", count)}  # fmt: skip
    if sqlite:
        figures["per-entry transactions, synchronous=NORMAL (entries/s)"] = per_entry(
            url_for("normal"), "NORMAL", count
        )
    figures["batches of 1,000 per transaction (entries/s)"] = batched(url_for("batch"), count * 5)
    rows, ms = load_year(url_for("year"))
    figures[f"load one person's year of every series, {rows:,} entries (ms)"] = ms
    return figures


def report(label: str, rounds: list[dict[str, float]]) -> None:
    """Print the median and range of each figure over the rounds."""
    for name in rounds[0]:
        values = [r[name] for r in rounds]
        print(f"{label}: {name}: median {statistics.median(values):,.1f} "
              f"(range {min(values):,.1f}–{max(values):,.1f}, {len(values)} runs)")  # fmt: skip


def postgres_urls(base: str) -> Any:
    """Fresh schemas in the database at ``base``, one per call (dropped at exit)."""
    import atexit
    import uuid

    import sqlalchemy as sa

    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make(_name: str) -> str:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        made.append(schema)
        url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            for schema in made:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')

    atexit.register(drop)
    return make


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="entries per per-entry run")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (median is reported)")
    parser.add_argument("--postgres", help="also run on this PostgreSQL database (temp schemas)")
    args = parser.parse_args()
    rounds = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            url_for = lambda name, f=folder: f"sqlite:///{Path(f) / name}.db"  # noqa: E731
            rounds.append(measure(url_for, args.count, sqlite=True))
    report("SQLite (WAL)", rounds)
    if args.postgres:
        make = postgres_urls(args.postgres)
        report("PostgreSQL", [measure(make, args.count, sqlite=False) for _ in range(args.repeat)])


if __name__ == "__main__":
    main()
