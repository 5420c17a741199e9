"""Before unblinding, no view the person has can tell two allocations apart.

Two stores hold the same person, the same plan, the same days logged and the same guesses; only
the sealed allocation differs (two seeds whose schedules differ). Every view — the web pages and
their /api twins, the CLI, the calendar (ICS), the CSV, FHIR and whole exports, the report PDFs —
must then read the same in both, once the seal (which fingerprints the allocation) is blanked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.evaluation.trial_store import blinded_trial
from typer.testing import CliRunner

from mgcalm.app.trial.blinding import record_guess
from mgcalm.cli.main import app as cli
from mgcalm.evaluation.crossover import magnesium_first

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TODAY = date.today()
START = TODAY - timedelta(days=14 + 28 + 10)  # today is day 11 of the second period
SEED_A = 11
SEED_B = next(s for s in range(12, 500) if magnesium_first(s, 2) != magnesium_first(SEED_A, 2))
START_RUN_IN = TODAY - timedelta(days=14 + 5)  # today is day 6 of the open-label run-in
#: What legitimately differs between two runs: the seal, times of day, tokens, file names.
VOLATILE = (
    re.compile(r"\b(DTSTAMP|CREATED|LAST-MODIFIED):\S+"),
    re.compile(r'"(exported_at|generated_at)": "[^"]+"'),
    re.compile(r'name="csrf_token" value="[^"]+"'),
    re.compile(r'nonce="[^"]+"|nonce-[A-Za-z0-9+/=_-]+'),
    re.compile(r"/tmp/\S+"),
    re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(\+00:00|Z)?"),  # the real clock's now
)


def _blank(text: str, seal: str) -> str:
    text = text.replace(seal, "SEAL").replace(seal[:16], "SEAL")
    for pattern in VOLATILE:
        text = pattern.sub("VOLATILE", text)
    return text


def _pdf_text(data: bytes, folder: Path) -> str:
    pdf = folder / "r.pdf"
    pdf.write_bytes(data)
    run = ["pdftotext", str(pdf), "-"]
    return subprocess.run(run, check=True, capture_output=True, text=True, timeout=60).stdout


def _cli_views(folder: Path) -> dict[str, str]:
    runner = CliRunner()
    views: dict[str, str] = {}
    commands = {
        "trial show": ["trial", "show", "--json"],
        "trial status": ["trial", "status", "--json"],
        "trial next": ["trial", "next"],
        "today": ["today", "--json"],
        "history": ["history", "--json"],
        "report json": ["report", "--json"],
        "report person": ["report"],
        "report clinician": ["report", "--clinician"],
    }
    for name, args in commands.items():
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (name, result.output)
        views[name] = result.stdout
    files = {
        "export json": (["export", "--json", str(folder / "all.json")], folder / "all.json"),
        "export ics": (["export", "ics", str(folder / "c.ics"), "--tz", "UTC"], folder / "c.ics"),
        "export fhir": (["export", "fhir", str(folder / "f.json")], folder / "f.json"),
        "export csv": (["export", "csv", str(folder / "csv")], folder / "csv" / "series.csv"),
    }
    for name, (args, path) in files.items():
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (name, result.output)
        views[name] = path.read_text(encoding="utf-8")
    return views


def _web_views(folder: Path) -> dict[str, str]:
    from mgcalm.web.app import create_app

    paths = ("/", "/progress", "/api/progress", "/api/report", "/api/today", "/api/export")
    paths += ("/api/fhir", "/settings/calendar.ics", "/settings/fhir.json")
    paths += ("/trial", "/api/trial", "/trial/unblind")
    views: dict[str, str] = {}
    with TestClient(
        create_app(), raise_server_exceptions=False, base_url="http://localhost"
    ) as client:
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            views[path] = response.text
        if shutil.which("pdftotext"):
            for query in ("", "?clinician=true"):
                pdf = client.get(f"/progress/report.pdf{query}")
                assert pdf.status_code == 200
                views[f"pdf{query}"] = _pdf_text(pdf.content, folder)
    return views


def _all_views(
    base: Path, seed: int, monkeypatch: pytest.MonkeyPatch, *, run_in: bool = False
) -> tuple[dict[str, str], str]:
    folder = base / f"seed-{seed}"
    folder.mkdir()
    start = START_RUN_IN if run_in else START
    yesterday = TODAY - timedelta(1)
    app, clock = blinded_trial(
        folder, start, seed, monkeypatch, logged_until=yesterday, titrated=not run_in
    )
    clock.set(TODAY)
    if not run_in:
        record_guess(app, "me", "magnesium", 1)
    seal = app.trial("me").registration.seal
    app.close()
    monkeypatch.setenv("MGCALM_DATA_DIR", str(folder))
    views = {**_cli_views(folder), **_web_views(folder)}
    return {k: _blank(v, seal) for k, v in views.items()}, seal


def test_no_view_tells_two_sealed_allocations_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, seal_one = _all_views(tmp_path, SEED_A, monkeypatch)
    two, seal_two = _all_views(tmp_path, SEED_B, monkeypatch)
    assert seal_one != seal_two  # the allocations really differ
    assert set(one) == set(two)
    for name in one:
        assert one[name] == two[name], f"{name} differs between two sealed allocations"
    # …and the views do show the trial: numbered periods, the blinding, the primary outcome.
    assert '"phase": "period"' in one["trial show"]
    assert "blinded" in one["report person"] and "Primary outcome: anxiety" in one["report person"]
    assert ",period" in one["export csv"]
    assert "period phase starts" in one["export ics"]


def test_no_view_tells_two_sealed_allocations_apart_during_the_open_label_run_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, seal_one = _all_views(tmp_path, SEED_A, monkeypatch, run_in=True)
    two, seal_two = _all_views(tmp_path, SEED_B, monkeypatch, run_in=True)
    assert seal_one != seal_two
    assert set(one) == set(two)
    for name in one:
        assert one[name] == two[name], f"{name} differs between two sealed allocations"
    # The run-in is shown, open-label, with today's step of the dose; the periods stay numbered.
    assert '"phase": "run_in"' in one["today"] and '"elemental_mg": 100' in one["today"]
    schedule = one["/trial"].split('id="schedule"', 1)[1].split("</section>", 1)[0]
    assert "Run-in (open-label)" in schedule and "(now)" in schedule
    assert "placebo" not in schedule.lower() and "magnesium" not in schedule.lower()
    assert "run in phase starts" in one["export ics"]
    assert "mgcalm: trial capsule from your organiser" in one["export ics"]
    assert ",run_in" in one["export csv"]  # the run-in's check-ins, labelled as such
