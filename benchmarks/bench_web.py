"""Benchmark: the web app under ``mgcalm serve`` on loopback.

Run: ``.venv/bin/python benchmarks/bench_web.py [--requests 300] [--entries 5000]``

Prints:
- GET ``/`` (today page) latency with a year of data (the demo person seeded over 52 weeks),
  sequential requests after a warm-up: p50, p95, max (target: p95 < 100 ms); and the same for
  ``/progress`` (six effects with intervals and the SVG charts; no target, for reference);
- entries logged per second through the JSON API with 50 concurrent connections, first one
  entry per request (``POST /api/entries/checkin``, at most ``--entries``), then ``--batch``
  entries per request (``POST /api/entries``, as an app syncing after being offline), each run
  bounded by ``--seconds`` of wall time, with the number of failed requests (target: >= 500
  entries/s with zero errors).

The server is a real ``mgcalm serve`` subprocess (uvicorn, one process) on a free 127.0.0.1 port,
with a temporary ``MGCALM_DATA_DIR``, SQLite in WAL mode with the default ``synchronous=FULL``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from mgcalm.app import Settings, open_app
from mgcalm.app.demo import seed

CONCURRENCY = 50


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _seed_year(data_dir: Path) -> int:
    app = open_app(Settings(data_dir=data_dir))
    try:
        seed(app, app.today(), weeks=52)
        return len(app.history(app.person().id))
    finally:
        app.close()


def _start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir)}
    env.pop("MGCALM_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(url + "/practices", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("mgcalm serve did not start")


def _latency(url: str, path: str, requests: int, label: str, target: str) -> None:
    """Sequential GETs of ``path`` after a warm-up; prints p50, p95 and max."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for _ in range(min(20, requests)):
            client.get(path).raise_for_status()
        times = []
        for _ in range(requests):
            began = time.perf_counter()
            client.get(path).raise_for_status()
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[max(0, int(0.95 * len(times)) - 1)]
    print(
        f"GET {path} ({label}) with a year of data: n={len(times)} "
        f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms{target}"
    )


async def _log_load(url: str, total: int, seconds: float, batch: int) -> None:
    """``total`` entries from CONCURRENCY connections, one entry (or ``batch``) per request."""
    done = errors = issued = 0
    deadline = time.perf_counter() + seconds

    def checkin() -> dict[str, object]:
        return {"kind": "checkin", "id": uuid.uuid4().hex, "anxiety": issued % 11}

    async def worker() -> None:
        nonlocal done, errors, issued
        # One client per connection: a shared 50-connection pool costs the client more CPU
        # than the server spends on a request, and both share this machine's two cores.
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            while issued < total and time.perf_counter() < deadline:
                issued += batch
                bodies = [checkin() for _ in range(batch)]
                try:
                    if batch == 1:
                        response = await client.post("/api/entries/checkin", json=bodies[0])
                    else:
                        response = await client.post("/api/entries", json={"entries": bodies})
                    ok = response.status_code == 201
                except httpx.HTTPError:
                    ok = False
                done += batch if ok else 0
                errors += 0 if ok else 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - began
    how = "one entry per request" if batch == 1 else f"{batch} entries per request"
    print(
        f"POST /api/entries, {CONCURRENCY} concurrent connections, {how}: {done} entries in "
        f"{elapsed:.1f} s = {done / elapsed:.0f} entries/s, errors {errors} "
        "(target: >= 500 entries/s, 0 errors)"
    )


def main() -> None:
    """Seed a year, start the server, measure the today page, then the logging throughput."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgcalm-bench-web-") as folder:
        data_dir = Path(folder)
        began = time.perf_counter()
        values = _seed_year(data_dir)
        print(f"seeded a year (52 weeks, {values} entries) in {time.perf_counter() - began:.1f} s")
        port = _free_port()
        server = _start_server(data_dir, port)
        try:
            url = f"http://127.0.0.1:{port}"
            _latency(url, "/", args.requests, "today", " (target: p95 < 100 ms)")
            _latency(url, "/progress", 30, "progress: 6 effects, charts", "")
            asyncio.run(_log_load(url, args.entries, args.seconds, batch=1))
            asyncio.run(_log_load(url, args.entries * 4, args.seconds, batch=args.batch))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
