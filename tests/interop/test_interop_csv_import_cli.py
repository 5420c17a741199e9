"""`mgcalm export import-csv`: export, delete all, import; --dry-run and bad files write nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgcalm.app import open_app
from mgcalm.cli.main import app as cli
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = Path(__file__).with_name("profile_sleep.toml").read_text(encoding="utf-8")


def checkins() -> list[dict[str, object]]:
    """The stored check-ins (in MGCALM_DATA_DIR), each without its id."""
    app = open_app()
    try:
        return [s.entry.model_dump(exclude={"id"}) for s in app.history("me", kinds=["checkin"])]
    finally:
        app.close()


def fresh_person(*, delete_all: bool = False) -> None:
    """Person ``me`` with nothing logged (after deleting everything, if asked)."""
    app = open_app()
    try:
        if delete_all:
            app.delete_all()
        profile, problems = parse_profile_toml(PROFILE)
        assert profile is not None, problems
        app.create_person(profile, person_id="me")
    finally:
        app.close()


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """Two check-ins and a dose, exported as tidy CSV; returns series.csv."""
    fresh_person()
    app = open_app()
    try:
        app.log("me", "checkin", {"day": date(2026, 11, 2), "anxiety": 6, "energy": 4})
        app.log("me", "checkin", {"day": date(2026, 11, 3), "anxiety": 4, "panic_episodes": 1})
        app.log("me", "dose", {"day": date(2026, 11, 3), "taken_time": "21:30",
                               "form": "glycinate", "elemental_mg": 100})  # fmt: skip
    finally:
        app.close()
    result = CliRunner().invoke(cli, ["export", "csv", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "series.csv"


def test_export_delete_all_import_brings_the_check_ins_back(exported: Path) -> None:
    before = checkins()
    fresh_person(delete_all=True)
    assert checkins() == []
    result = CliRunner().invoke(cli, ["export", "import-csv", str(exported), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["added"] == {"checkin": 2} and report["dry_run"] is False
    assert report["not_importable"] == [
        {"measure": "magnesium_mg", "rows": 1,
         "reason": "derived from doses: the day's total, without each dose's form and time"},
    ]  # fmt: skip
    assert checkins() == before
    again = CliRunner().invoke(cli, ["export", "import-csv", str(exported)])
    assert again.exit_code == 0, again.output
    assert "Added: nothing." in again.stdout and "Already stored: 2 check-in(s)." in again.stdout
    assert checkins() == before


def test_dry_run_reports_and_writes_nothing(exported: Path) -> None:
    fresh_person(delete_all=True)
    result = CliRunner().invoke(cli, ["export", "import-csv", str(exported), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would add: 2 check-in(s)." in result.stdout
    assert "Not importable: magnesium_mg (1 rows): derived from doses" in result.stdout
    assert checkins() == []


def test_a_bad_file_exits_2_naming_row_and_column_and_writes_nothing(tmp_path: Path) -> None:
    fresh_person()
    path = tmp_path / "bad.csv"
    path.write_text("date,measure,value,unit,phase\n2026-11-01,anxiety,4,0-10,\n"
                    "2026-11-02,anxiety,12,0-10,\n")  # fmt: skip
    result = CliRunner().invoke(cli, ["export", "import-csv", str(path)])
    assert result.exit_code == 2
    assert "bad.csv: row 3, column value: anxiety:" in result.stderr
    assert checkins() == []
