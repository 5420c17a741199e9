"""Reconciliation: a medicine started is checked against magnesium at once, its times are
taken, and the re-plan is offered; a bad time saves nothing."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mgcalm.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "profile.toml"


def _init() -> None:
    result = CliRunner().invoke(app, ["init", "--profile", str(PROFILE)])
    assert result.exit_code == 0, result.output


def _run(*args: str) -> dict:
    result = CliRunner().invoke(app, ["log", "medication", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_started_antibiotic_is_checked_and_re_planned(mgcalm_data_dir: Path) -> None:
    _init()
    out = _run("--name", "Ciproxin 500 mg", "--change", "started", "--times", "08:00,20:00",
               "--replan")  # fmt: skip
    check = out["check"]
    assert check["recognised"]["medicine"] == "ciprofloxacin"
    assert check["times_matter"] is True
    assert any("ciprofloxacin" in n["message"] for n in check["notes"])
    assert out["replanned"] is True and out["entry"]["medication"] == "Ciproxin 500 mg"
    seps = [s for s in out["plan"]["separations"] if "Ciproxin" in s["medication"]]
    assert [s["medication_time"] for s in seps] == ["08:00", "20:00"]
    assert all(s["satisfied"] for s in out["plan"]["separations"])


def test_without_replan_the_profile_and_plan_stay(mgcalm_data_dir: Path) -> None:
    _init()
    before = CliRunner().invoke(app, ["history", "--json"])
    out = _run("--name", "Zorblax", "--change", "started", "--no-replan")
    assert out["replanned"] is False and out["plan"] is None
    assert out["check"]["recognised"]["how"] == "unknown"
    assert any("Zorblax" in n["message"] for n in out["check"]["notes"])
    assert before.exit_code == 0


def test_a_stopped_medicine_is_removed_on_re_plan(mgcalm_data_dir: Path) -> None:
    _init()
    out = _run("--name", "levothyroxine", "--change", "stopped", "--replan")
    assert out["plan"]["separations"] == []


def test_a_bad_time_exits_2_and_saves_nothing(mgcalm_data_dir: Path) -> None:
    _init()
    result = CliRunner().invoke(
        app, ["log", "medication", "--name", "sertraline", "--change", "started",
              "--times", "25:00", "--no-replan"]
    )  # fmt: skip
    assert result.exit_code == 2 and "--times" in result.output
    history = CliRunner().invoke(app, ["history", "--json"])
    assert "sertraline" not in history.stdout
