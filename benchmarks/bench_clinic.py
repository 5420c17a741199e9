"""Clinic mode benchmark: the clinician dashboard for 500 people × 1 year on PostgreSQL.

    .venv/bin/python benchmarks/bench_clinic.py [--people 500] [--days 365] [--runs 60]
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/DB]

Without ``--url`` a database is created on ``MGCALM_TEST_POSTGRES_URL``'s server (default
``postgres@127.0.0.1:5432``) and dropped afterwards. It seeds the clinic in bulk (COPY), logs the
clinician in through the login form, then times ``GET /clinic`` (HTML) and ``GET /api/clinic``
through the whole web stack in process (middleware, session lookup, queries, audit write,
rendering). It also counts the SQL statements one dashboard costs for 10 people and for all of
them: the two must be equal (no query per person). Fails if p95 ≥ 300 ms.
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


def small_clinician(mg: Any, people: int) -> str:
    """A second clinician who sees only the first ``people`` people."""
    from mgcalm.app.clinic import service as clinic
    from mgcalm.store.clinic.access import insert_grant

    account = clinic.create_account(mg, "bench.small", PASSWORD, "clinician")
    with mg.store.write() as conn:
        for i in range(people):
            insert_grant(conn, f"small-{i}", f"bench-{i:05d}", account.id, mg.now())
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


def timings(client: TestClient, path: str, runs: int) -> list[float]:
    """Milliseconds per request, after three warm-up requests."""
    for _ in range(3):
        client.get(path)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return out


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    """Seed, measure, print; exit 1 if the dashboard misses its budget or queries grow."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    with scratch_database(args.url) as url:
        return run(url, args.people, args.days, args.runs)


def run(url: str, people: int, days: int, runs: int) -> int:
    """The benchmark on one database."""
    os.environ.update(MGCALM_CLINIC_MODE="true", MGCALM_DATABASE_URL=url, MGCALM_DATA_DIR=mkdtemp())
    from mgcalm.app.clinic import service as clinic
    from mgcalm.web.app import create_app
    from mgcalm.web.deps import app_of

    web = create_app()
    with TestClient(web, base_url="http://localhost") as client:
        mg = app_of(web)
        start = time.perf_counter()
        seeded = clinic.seed_benchmark(
            mg, people=people, days=days, clinician="bench.clinician", password=PASSWORD
        )
        seed_s = time.perf_counter() - start
        small = small_clinician(mg, min(10, people))
        log_in(client, small)
        few = count_statements(mg, client, "/clinic")
        log_in(client, "bench.clinician")
        many = count_statements(mg, client, "/clinic")
        html = timings(client, "/clinic", runs)
        api = timings(client, "/api/clinic", runs)
    print(f"database: {mg.store.engine.dialect.name}, {Path(url).name.split('?')[0]}")
    print(f"seeded {seeded.people} people, {seeded.entries} entries in {seed_s:.1f} s")
    print(f"SQL statements per dashboard: {few} for 10 people, {many} for {people}")
    for name, values in (("GET /clinic", html), ("GET /api/clinic", api)):
        print(
            f"{name}: p50 {statistics.median(values):.0f} ms, p95 {p95(values):.0f} ms, "
            f"max {max(values):.0f} ms over {runs} requests"
        )
    ok = few == many and p95(html) < BUDGET_MS and p95(api) < BUDGET_MS
    print("OK" if ok else f"FAILED: budget p95 < {BUDGET_MS:.0f} ms and constant statements")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
