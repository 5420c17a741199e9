"""``mgcalm plan``: readable output, the JSON contract, and every problem at exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mgcalm.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "profile.toml"


def test_plan_json_prints_the_contract() -> None:
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "mgcalm.plan/1" and data["status"] == "caution"
    assert data["doses"] and data["separations"][0]["medication"] == "levothyroxine"


def test_plan_readable_output_puts_status_first_and_cites_sources() -> None:
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Status: CAUTION")
    assert "[label-synthroid" in result.stdout and "evidence: very low" in result.stdout
    assert "Not medical advice" in result.stdout and "mgcalm support" in result.stdout


def test_clinician_required_exits_0_and_says_why() -> None:
    path = ROOT / "examples" / "kidney_severe.toml"
    result = CliRunner().invoke(app, ["plan", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Status: TALK TO YOUR CLINICIAN FIRST")
    assert "Talk to your clinician first, because" in result.stdout
    assert "eGFR below 30" in result.stdout


def test_invalid_profile_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("age = 34", "age = 300").replace('"23:00"', '"25:99"')
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    result = CliRunner().invoke(app, ["plan", str(bad)])
    assert result.exit_code == 2
    assert "person.age" in result.stderr and "day.bedtime" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["plan", str(tmp_path / "nope.toml"), "--json"])
    assert result.exit_code == 2 and "file not found" in result.stderr
    assert result.stdout == ""


def test_a_paused_course_is_shown_as_paused_not_as_a_clash() -> None:
    path = ROOT / "examples" / "antibiotic_pause.toml"
    result = CliRunner().invoke(app, ["plan", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Pause magnesium for the course, from 2026-12-01 to 2026-12-10" in result.stdout
    assert "paused" in result.stdout and "│ no " not in result.stdout


def test_a_strength_with_an_unknown_unit_exits_2_naming_the_field(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'name = "levothyroxine"', 'name = "Synthroid 50 mcgg"'
    )
    assert "50 mcgg" in text
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(path)])
    assert result.exit_code == 2
    assert "medications[0].name" in result.output and "mcg" in result.output
    assert "Traceback" not in result.output


def test_plan_shows_what_is_already_taken_and_the_stop_signs(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8") + (
        '\n[[supplements]]\nname = "Mag-Ox"\namount_mg = 120\ntimes = ["12:00"]\n'
    )
    path = tmp_path / "mag.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Already taking" in result.stdout and "Mag-Ox" in result.stdout
    assert "Stop magnesium and get medical help" in result.stdout
    data = json.loads(CliRunner().invoke(app, ["plan", str(path), "--json"]).stdout)
    assert data["existing"][0]["elemental_mg_per_day"] == 120
    planned = sum(d["elemental_mg"] for d in data["doses"])
    assert planned + 120 <= data["reference"]["supplemental_ul_mg"]
