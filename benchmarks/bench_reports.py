"""Benchmark: clinician PDF and page with a year of data, Today while an export runs, memory.

Run: ``.venv/bin/python benchmarks/bench_reports.py [--requests 200] [--weeks 52]``

Prints, each against a floor measured in the same run (absolute times are noisy on a shared
machine):
- the clinician's page of one person (``/clinic/people/<id>``) with the demo person's data over
  ``--weeks`` weeks, on a real ``mgcalm serve`` in clinic mode: the first view after start-up
  and the median of later views, against the median of ``/support`` on the same server
  (target: under 1 s), and whether the server process has loaded matplotlib;
- the clinician PDF of the demo person seeded over ``--weeks`` weeks, built in this process
  from the database (read, analyse, lay out, draw): best of three, against rendering a trivial
  one-page PDF with the same library and font (target: under 3 s);
- ``mgcalm report --clinician --pdf`` and ``--html`` as commands: wall and CPU time, against
  ``python -c "import typer, rich"``;
- ``GET /api/today`` p95 on a real ``mgcalm serve`` (one process) while clinician PDFs and FHIR
  bundles are downloaded back to back, against its p95 idle (target: at most 2x);
- the server's resident memory after that load (target: at most 200 MiB), against a bare
  Python process that has imported FastAPI and uvicorn.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from mgcalm.app import Settings, open_app
from mgcalm.app.demo import seed

MiB = 1024 * 1024
PASSWORD = "a year of days"
CHEAP_ARGON2 = {"MGCALM_ARGON2_MEMORY_KIB": "8192", "MGCALM_ARGON2_TIME_COST": "1"}


def _seed(data_dir: Path, weeks: int) -> None:
    app = open_app(Settings(data_dir=data_dir))
    try:
        seed(app, app.today(), weeks=weeks)
    finally:
        app.close()


def _best(run: Callable[[], object], times: int = 3) -> tuple[float, float]:
    """Wall and CPU seconds of the fastest of ``times`` runs (the least disturbed by others)."""
    taken = []
    for _ in range(times):
        began, cpu = time.perf_counter(), time.process_time()
        run()
        taken.append((time.perf_counter() - began, time.process_time() - cpu))
    return min(taken)


def _trivial_pdf() -> bytes:
    """One page of text with the report's font: the floor for PDF rendering."""
    from fpdf import FPDF

    from mgcalm.evaluation.report_pdf import _font_dir

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(_font_dir() / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, "Magnesium personal trial — clinician report")
    return bytes(pdf.output())


def pdf_in_process(data_dir: Path) -> None:
    from mgcalm.app.views.progress import report_pdf

    app = open_app(Settings(data_dir=data_dir))
    try:
        person = app.person().id
        report_pdf(app, person, True)  # warm: imports and first-use caches
        floor = _best(_trivial_pdf)
        took = _best(lambda: report_pdf(app, person, True))
    finally:
        app.close()
    print(
        f"clinician PDF, a year of data, in process: {took[0]:.2f} s wall, {took[1]:.2f} s CPU "
        f"= {took[1] / floor[1]:.1f}x the CPU of a one-page PDF ({floor[1] * 1000:.0f} ms) "
        "(target: < 3 s)"
    )


def _command(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def report_commands(data_dir: Path) -> None:
    """``mgcalm report --clinician`` writing a PDF, then an HTML page, as separate commands."""
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir)}
    env.pop("MGCALM_DATABASE_URL", None)
    floor = min(_command([sys.executable, "-c", "import typer, rich"], env) for _ in range(3))
    for kind in ("pdf", "html"):
        out = str(data_dir / f"report.{kind}")
        command = [sys.executable, "-m", "mgcalm", "report", "--clinician", f"--{kind}", out]
        wall, cpu = min(_command(command, env) for _ in range(2))
        print(
            f"mgcalm report --clinician --{kind}: {wall:.2f} s wall ({wall / floor[0]:.1f}x "
            f"import typer, rich: {floor[0]:.2f} s), {cpu:.2f} s CPU ({cpu / floor[1]:.1f}x "
            f"{floor[1]:.2f} s) (target: < 3 s)"
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(
    data_dir: Path, port: int, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir), **(extra or {})}
    env.pop("MGCALM_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/support", timeout=5)
            return server
        except httpx.TransportError:
            time.sleep(0.25)
    server.terminate()
    raise SystemExit("mgcalm serve did not start")


def _p95(client: httpx.Client, path: str, requests: int) -> float:
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return times[max(0, int(0.95 * len(times)) - 1)]


def _rss(pid: int) -> float:
    """Resident memory of a process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / MiB
    return float("nan")


def _bare_rss() -> float:
    code = (
        "import fastapi, uvicorn, pathlib, os; print(pathlib.Path('/proc/self/status').read_text())"
    )
    status = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024 / MiB


def server_under_export(data_dir: Path, requests: int) -> None:
    port = _free_port()
    server = _start_server(data_dir, port)
    url = f"http://127.0.0.1:{port}"
    stop = threading.Event()
    exports: list[float] = []

    def export() -> None:
        with httpx.Client(base_url=url, timeout=300) as client:
            while not stop.is_set():
                for path in ("/progress/report.pdf?clinician=true", "/api/fhir"):
                    began = time.perf_counter()
                    client.get(path).raise_for_status()
                    exports.append(time.perf_counter() - began)

    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            _p95(client, "/api/today", 20)  # warm-up
            client.get("/progress/report.pdf?clinician=true").raise_for_status()
            idle = _p95(client, "/api/today", requests)
            exporter = threading.Thread(target=export)
            exporter.start()
            while not exports:  # the first export is in flight once one has finished
                time.sleep(0.05)
            busy = _p95(client, "/api/today", requests)
            stop.set()
            exporter.join()
        rss = _rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"GET /api/today p95: idle {idle:.1f} ms, during PDF/FHIR exports {busy:.1f} ms = "
        f"{busy / idle:.2f}x idle (target: <= 2x); {len(exports)} exports, median "
        f"{statistics.median(exports):.2f} s"
    )
    bare = _bare_rss()
    print(
        f"server RSS after load: {rss:.0f} MiB = {rss / bare:.1f}x python with fastapi and "
        f"uvicorn imported ({bare:.0f} MiB) (target: <= 200 MiB)"
    )


def _seed_clinic(data_dir: Path, weeks: int) -> str:
    """The demo person's data under a clinic person account, granted to a clinician; its id."""
    from mgcalm.app.clinic import service as clinic

    app = open_app(Settings(data_dir=data_dir, clinic_mode=True))
    try:
        person = clinic.create_account(app, "alex", PASSWORD, "person")
        doctor = clinic.create_account(app, "dr.year", PASSWORD, "clinician")
        seed(app, app.today(), weeks=weeks, person_id=str(person.person_id))
        clinic.redeem(app, doctor, clinic.invite(app, person))
        return str(person.person_id)
    finally:
        app.close()


def _timed(client: httpx.Client, path: str) -> float:
    began = time.perf_counter()
    client.get(path).raise_for_status()
    return time.perf_counter() - began


def _log_in(client: httpx.Client, username: str) -> None:
    page = client.get("/login").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": token, "username": username, "password": PASSWORD}
    if client.post("/login", data=form).status_code != 303:
        raise SystemExit(f"could not log in as {username}")


def clinic_page(data_dir: Path, weeks: int, views: int = 7) -> None:
    """The clinician's view of one person with a year of data: first view, then later views."""
    with tempfile.TemporaryDirectory(dir=data_dir) as folder:
        person = _seed_clinic(Path(folder), weeks)
        port = _free_port()
        env = {"MGCALM_CLINIC_MODE": "1", **CHEAP_ARGON2}
        server = _start_server(Path(folder), port, env)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                _log_in(client, "dr.year")
                _timed(client, "/support")
                first = _timed(client, f"/clinic/people/{person}")
                later = statistics.median(
                    _timed(client, f"/clinic/people/{person}") for _ in range(views)
                )
                size = len(client.get(f"/clinic/people/{person}").content)
                floor = statistics.median(_timed(client, "/support") for _ in range(20))
            maps = Path(f"/proc/{server.pid}/maps").read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)
    loaded = "matplotlib loaded" if "matplotlib" in maps else "matplotlib not loaded"
    print(
        f"clinician page, {weeks} weeks of data: first view {first:.2f} s = "
        f"{first / floor:.0f}x /support ({floor * 1000:.0f} ms), later views {later:.2f} s = "
        f"{later / floor:.0f}x, {size / 1024:.0f} KiB of HTML; {loaded} (target: < 1 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=52)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgcalm-bench-reports-") as folder:
        data_dir = Path(folder)
        began = time.perf_counter()
        _seed(data_dir, args.weeks)
        print(f"seeded {args.weeks} weeks in {time.perf_counter() - began:.1f} s")
        clinic_page(data_dir, args.weeks)
        pdf_in_process(data_dir)
        report_commands(data_dir)
        server_under_export(data_dir, args.requests)


if __name__ == "__main__":
    main()
