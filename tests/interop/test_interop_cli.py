"""`mgcalm export ics|fhir|csv|read-csv|import-csv|feed`: files, JSON, exit 2 on bad input."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from mgcalm.app import open_app
from mgcalm.cli.main import app as cli
from mgcalm.domain.plan import Plan
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = Path(__file__).with_name("profile_sleep.toml").read_text(encoding="utf-8")
PLAN = {
    "schema": "mgcalm.plan/1", "status": "ok", "reasons": [], "warnings": [],
    "reference": {"rda_mg": 420, "supplemental_ul_mg": 350, "diet_mg": None},
    "target_elemental_mg_per_day": 150,
    "forms": [{"form": "glycinate", "why": "sleep", "evidence_grade": "very_low", "sources": []}],
    "titration": [{"day": 1, "elemental_mg_per_day": 150}],
    "doses": [{"time": "21:30", "form": "glycinate", "elemental_mg": 150, "compound_mg": 1064,
               "with_food": False, "purpose": "sleep"}],
    "separations": [], "foods": [], "routine": [],
}  # fmt: skip


@pytest.fixture
def person() -> str:
    """One person with a plan active since last week and one check-in (in MGCALM_DATA_DIR)."""
    app = open_app()
    app.planner = lambda _profile: Plan.from_json(PLAN)
    try:
        profile, problems = parse_profile_toml(PROFILE)
        assert profile is not None, problems
        pid = app.create_person(profile, person_id="me").id
        app.plan_for(pid, today=date.today() - timedelta(days=7))
        app.log(pid, "checkin", {"day": date.today() - timedelta(days=1), "anxiety": 4})
    finally:
        app.close()
    return pid


def test_export_ics_writes_a_calendar_in_the_given_zone(person: str, tmp_path: Path) -> None:
    path = tmp_path / "mgcalm.ics"
    result = CliRunner().invoke(
        cli, ["export", "ics", str(path), "--tz", "Europe/Berlin", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["paths"] == [str(path)]
    calendar = icalendar.Calendar.from_ical(path.read_text())
    dose = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Magnesium"))
    assert dose["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_export_ics_with_unknown_zone_exits_2_naming_it(person: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "ics", str(tmp_path / "x.ics"), "--tz", "Moon/Base"]
    )
    assert result.exit_code == 2
    assert "tz: 'Moon/Base' is not a time zone" in result.stderr
    assert not (tmp_path / "x.ics").exists()


def test_export_fhir_writes_a_valid_bundle(person: str, tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    result = CliRunner().invoke(cli, ["export", "fhir", str(path), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)["counts"]
    assert counts["Patient"] == 1 and counts["MedicationStatement"] == 1
    Bundle.model_validate_json(path.read_text())


def test_export_csv_then_read_csv(person: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "csv", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(
        cli, ["export", "read-csv", str(tmp_path / "out" / "series.csv"), "--json"]
    )
    assert check.exit_code == 0, check.output
    assert json.loads(check.stdout)["measures"]["anxiety"]["rows"] == 1


def test_read_csv_reports_every_bad_cell_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,measure,value,unit,phase\n2026-02-30,anxiety,4,,\n2026-11-01,,x,,\n")
    result = CliRunner().invoke(cli, ["export", "read-csv", str(path)])
    assert result.exit_code == 2
    for where in ("row 2, column date", "row 3, column value", "row 3, column measure"):
        assert f"bad.csv: {where}" in result.stderr


def test_feed_gives_an_address_and_revoke_stops_it(person: str) -> None:
    made = CliRunner().invoke(cli, ["export", "feed", "--tz", "Europe/London", "--json"])
    assert made.exit_code == 0, made.output
    path = json.loads(made.stdout)["path"]
    assert path.startswith("/calendar/") and path.endswith(".ics")
    stopped = CliRunner().invoke(cli, ["export", "feed", "--revoke", "--json"])
    assert json.loads(stopped.stdout)["revoked"] is True


def test_export_ics_says_when_no_plan_is_stored(tmp_path: Path) -> None:
    app = open_app()
    try:
        profile, _ = parse_profile_toml(PROFILE)
        assert profile is not None
        app.create_person(profile, person_id="me")
    finally:
        app.close()
    result = CliRunner().invoke(cli, ["export", "ics", str(tmp_path / "c.ics"), "--tz", "UTC"])
    assert result.exit_code == 0, result.output
    assert "Note: No plan is stored yet" in result.stdout


def test_export_without_a_person_says_how_to_start(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "fhir", str(tmp_path / "b.json")])
    assert result.exit_code == 2
    assert "mgcalm init" in result.stderr


def test_commands_join_an_existing_export_group_or_make_one() -> None:
    import typer

    from mgcalm.cli import interop_cmds

    alone = typer.Typer()
    interop_cmds.register(alone)
    (group,) = [g for g in alone.registered_groups if g.name == "export"]
    assert group.typer_instance is not None
    names = {c.name for c in group.typer_instance.registered_commands}
    assert names == {"ics", "fhir", "csv", "read-csv", "import-csv", "feed"}
    shared = typer.Typer()
    existing = typer.Typer()
    shared.add_typer(existing, name="export")
    interop_cmds.register(shared)
    assert len(shared.registered_groups) == 1
    assert len(existing.registered_commands) == 6
