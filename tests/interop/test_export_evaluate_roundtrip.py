"""`mgcalm export csv` then `mgcalm evaluate` on the app's own file, two check-ins on some days.

``series.csv`` keeps every check-in; ``evaluate/<measure>.csv`` holds one row per day (the mean
of that day's values), which is what ``mgcalm evaluate`` reads.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from statistics import fmean

from typer.testing import CliRunner

from mgcalm.app import Settings, open_app
from mgcalm.cli.main import app as cli
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = (Path(__file__).parents[1] / "app" / "profile_minimal.toml").read_text(encoding="utf-8")
START = date(2026, 10, 1)
BASELINE_DAYS, MAGNESIUM_DAYS = 14, 21


def _two_checkins_on_even_days(data_dir: Path) -> dict[date, list[int]]:
    """A person with a baseline and a titration; two check-ins on every even day."""
    services = open_app(Settings(data_dir=data_dir))
    try:
        profile, _ = parse_profile_toml(PROFILE)
        assert profile is not None
        services.create_person(profile, person_id="me")
        end = START + timedelta(days=BASELINE_DAYS - 1)
        services.start_phase("me", {"phase": "baseline", "start": START, "end": end})
        services.start_phase("me", {"phase": "titration", "start": end + timedelta(days=1)})
        ratings: dict[date, list[int]] = {}
        for offset in range(BASELINE_DAYS + MAGNESIUM_DAYS):
            day = START + timedelta(days=offset)
            level = 6 if offset < BASELINE_DAYS else 4
            ratings[day] = [level + offset % 3 - 1] + ([level] if offset % 2 == 0 else [])
            for n, value in enumerate(ratings[day]):
                entry = {"id": f"c{offset}-{n}", "day": day, "anxiety": value}
                services.log("me", "checkin", entry)
        return ratings
    finally:
        services.close()


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_evaluate_reads_the_apps_own_export(mgcalm_data_dir: Path, tmp_path: Path) -> None:
    ratings = _two_checkins_on_even_days(mgcalm_data_dir)
    out = tmp_path / "out"
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", "csv", str(out)])
    assert exported.exit_code == 0, exported.stderr

    tidy = [r for r in _rows(out / "series.csv") if r["measure"] == "anxiety"]
    assert len(tidy) == sum(len(v) for v in ratings.values())  # every check-in kept there

    evaluate = ["evaluate", str(out / "evaluate" / "anxiety.csv"), "--transition-days", "0"]
    evaluated = runner.invoke(cli, [*evaluate, "--json"])  # every day counts
    assert evaluated.exit_code == 0, evaluated.stderr
    result = json.loads(evaluated.stdout)
    assert result["n"] == {"baseline": BASELINE_DAYS, "magnesium": MAGNESIUM_DAYS}

    rows = _rows(out / "evaluate" / "anxiety.csv")
    assert [r["date"] for r in rows] == [d.isoformat() for d in sorted(ratings)]
    for row in rows:
        assert float(row["value"]) == fmean(ratings[date.fromisoformat(row["date"])])
    assert {r["phase"] for r in rows} == {"baseline", "magnesium"}
