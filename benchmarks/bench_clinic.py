"""Clinic mode benchmark: the clinician dashboard for 500 and 2000 people × 1 year on PostgreSQL.

    .venv/bin/python benchmarks/bench_clinic.py [--people 2000] [--also 500] [--days 365]
        [--runs 60] [--url postgresql+psycopg://postgres@127.0.0.1:5432/DB [--seeded]]

Without ``--url`` a database is created on ``MGCALM_TEST_POSTGRES_URL``'s server (default
``postgres@127.0.0.1:5432``) and dropped afterwards. It seeds the clinic in bulk (COPY), logs two
clinicians in through the login form (one sees all ``--people``, one the first ``--also``), then
times ``GET /clinic`` (HTML, one page of 100 rows, counts over everyone) and ``GET /api/clinic``
(every row) through the whole web stack in process (middleware, session lookup, queries, audit
write, rendering), interleaved with ``GET /support`` on the same server as the floor each figure
is divided by (absolute times swing with the load of a shared machine; ratios much less). It
also counts the SQL statements one dashboard costs for 10, ``--also`` and ``--people`` people:
they must be equal (no query per person). Fails if a dashboard's p95 is 300 ms or more.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import mkdtemp
from typing import Any

import sqlalchemy as sa

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SERVER = os.environ.get(
    "MGCALM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PASSWORD = "benchmark passphrase"
BUDGET_MS = 300.0
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@contextmanager
def scratch_database(url: str | None) -> Iterator[str]:
    """The given database, or a new one dropped afterwards."""
    if url:
        yield url
        return
    name = f"mgcalm_bench_clinic_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def log_in(client: TestClient, username: str) -> None:
    """Log in through the form, as a browser would."""
    client.cookies.clear()
    token = TOKEN.search(client.get("/login").text)
    assert token
    data = {"csrf_token": token.group(1), "username": username, "password": PASSWORD}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def small_clinician(mg: Any, username: str, people: int) -> str:
    """Another clinician who sees only the first ``people`` people (made once per database)."""
    from mgcalm.app.clinic import service as clinic
    from mgcalm.domain.problems import InvalidInputError
    from mgcalm.store.clinic.access import insert_grant

    try:
        account = clinic.create_account(mg, username, PASSWORD, "clinician")
    except InvalidInputError:  # made by an earlier run on the same --seeded database
        return username
    with mg.store.write() as conn:
        for i in range(people):
            insert_grant(conn, f"{username}-{i}", f"bench-{i:05d}", account.id, mg.now())
    return account.username


def count_statements(mg: Any, client: TestClient, path: str) -> int:
    """SQL statements one request costs (executemany counts once)."""
    seen: list[str] = []

    def listen(*args: Any) -> None:
        seen.append(args[2])

    sa.event.listen(mg.store.engine, "before_cursor_execute", listen)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(mg.store.engine, "before_cursor_execute", listen)
    return len(seen)


def timings(clients: dict[str, tuple[TestClient, str]], runs: int) -> dict[str, list[float]]:
    """Milliseconds per request for each (client, path), interleaved round by round.

    Every round requests each path once, so the floor and the dashboards see the same load on
    a shared machine; three warm-up rounds come first (the first view scores every person's
    questionnaires, later views reuse them).
    """
    out: dict[str, list[float]] = {name: [] for name in clients}
    for round_ in range(runs + 3):
        for name, (client, path) in clients.items():
            start = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (path, response.status_code)
            if round_ >= 3:
                out[name].append(elapsed)
    return out


def select_one(mg: Any, runs: int) -> list[float]:
    """Milliseconds of a ``SELECT 1`` round trip on the app's own pool (the database floor)."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        with mg.store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").scalar()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    """Seed, measure, print; exit 1 if a dashboard misses its budget or queries grow."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--also", type=int, default=500, help="a second clinician's people")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--url", default=None)
    parser.add_argument("--seeded", action="store_true", help="--url already holds the clinic")
    args = parser.parse_args()
    with scratch_database(args.url) as url:
        return run(url, args)


def run(url: str, args: argparse.Namespace) -> int:
    """The benchmark on one database."""
    os.environ.update(MGCALM_CLINIC_MODE="true", MGCALM_DATABASE_URL=url, MGCALM_DATA_DIR=mkdtemp())
    from mgcalm.app.clinic import service as clinic
    from mgcalm.web.app import create_app
    from mgcalm.web.deps import app_of

    people, also = args.people, min(args.also, args.people)
    web = create_app()
    with (
        TestClient(web, base_url="http://localhost") as big,
        TestClient(web, base_url="http://localhost") as small,
    ):
        mg = app_of(web)
        start = time.perf_counter()
        if not args.seeded:
            clinic.seed_benchmark(
                mg, people=people, days=args.days, clinician="bench.clinician", password=PASSWORD
            )
        seed_s = time.perf_counter() - start
        few = small_clinician(mg, "bench.ten", 10)
        log_in(small, few)
        statements = {10: count_statements(mg, small, "/clinic")}
        log_in(small, small_clinician(mg, f"bench.{also}", also))
        log_in(big, "bench.clinician")
        statements[also] = count_statements(mg, small, "/clinic")
        statements[people] = count_statements(mg, big, "/clinic")
        measured = timings(
            {
                "GET /support (floor)": (big, "/support"),
                f"GET /clinic, {also} people": (small, "/clinic"),
                f"GET /api/clinic, {also} people": (small, "/api/clinic"),
                f"GET /clinic, {people} people": (big, "/clinic"),
                f"GET /api/clinic, {people} people": (big, "/api/clinic"),
                f"GET /clinic?flag=any&sort=seen, {people} people": (
                    big,
                    "/clinic?flag=any&sort=seen&order=desc",
                ),
            },
            args.runs,
        )
        database = select_one(mg, args.runs)
    return report(url, mg, args, seed_s, statements, measured, database)


def report(
    url: str,
    mg: Any,
    args: argparse.Namespace,
    seed_s: float,
    statements: dict[int, int],
    measured: dict[str, list[float]],
    database: list[float],
) -> int:
    """Print every figure (absolute and as a ratio to the /support floor); 0 if all pass."""
    print(f"database: {mg.store.engine.dialect.name}, {Path(url).name.split('?')[0]}")
    if not args.seeded:
        print(f"seeded {args.people} people × {args.days} days in {seed_s:.0f} s")
    counts = ", ".join(f"{n} for {people} people" for people, n in statements.items())
    print(f"SQL statements per dashboard page: {counts}")
    floor = p95(measured["GET /support (floor)"])
    print(f"floor: GET /support p95 {floor:.1f} ms; SELECT 1 round trip p95 {p95(database):.2f} ms")
    ok = len(set(statements.values())) == 1
    for name, values in measured.items():
        print(
            f"{name}: p50 {statistics.median(values):.0f} ms, p95 {p95(values):.0f} ms "
            f"({p95(values) / floor:.1f}× the floor), max {max(values):.0f} ms, {len(values)} runs"
        )
        ok = ok and (name.startswith("GET /support") or p95(values) < BUDGET_MS)
    print("OK" if ok else f"FAILED: budget p95 < {BUDGET_MS:.0f} ms and constant statements")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
