"""The report from stored data: entries through ``mgcalm.app`` into the evaluation's model."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from mgcalm.app import Settings, open_app
from mgcalm.app.trial.reports import stored_report_input
from mgcalm.cli.main import app as cli
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.evaluation.report import build_report
from mgcalm.evaluation.report_json import report_json

START = date(2026, 8, 1)
TODAY = date(2026, 11, 7)  # 98 days after START: the day after the planned end
PROFILE = """
[person]
age = 41
sex = "male"
[health]
kidney = "normal"
[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"
[goals]
focus = ["anxiety"]
[[medications]]
name = "levothyroxine"
times = ["06:30"]
"""


def fill(app: Any) -> str:
    """A person with 14 baseline, 14 titration, 42 maintenance and 28 withdrawal days."""
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    pid: str = app.create_person(profile, person_id="me").id
    app.plan_for(pid, START)
    app.choose_outcome(pid, "anxiety", today=START - timedelta(days=2))
    phases = (("baseline", 0), ("titration", 14), ("maintenance", 28), ("withdrawal", 70))
    for phase, offset in phases:
        app.start_phase(pid, {"id": phase, "phase": phase, "start": START + timedelta(offset)})
    rng = np.random.default_rng(5)
    raw: list[dict[str, Any]] = []
    for i in range(98):
        day = START + timedelta(days=i)
        on = 14 <= i < 70
        anxiety = int(np.clip(round(6 - 2.5 * on + rng.normal()), 0, 10))
        raw.append({"kind": "checkin", "id": f"c{i}", "day": day, "anxiety": anxiety})
        if on and i != 40:  # one unlogged day
            raw.append(
                {
                    "kind": "dose",
                    "id": f"d{i}",
                    "day": day,
                    "form": "glycinate",
                    "elemental_mg": 150,
                    **(
                        {"missed": True, "missed_reason": "forgot"}
                        if i % 10 == 0
                        else {"taken_time": "21:30"}
                    ),
                }
            )
        raw.append(
            {
                "kind": "food",
                "id": f"f{i}",
                "day": day,
                "food_id": "x",
                "grams": 100,
                "magnesium_mg": 200,
            }
        )
    raw.append({"kind": "therapy", "id": "t1", "day": START + timedelta(30), "therapy": "cpt"})
    raw.append({"kind": "side_effect", "id": "s1", "day": START + timedelta(16), "bristol_type": 6})
    raw.append(
        {
            "kind": "medication_change",
            "id": "m1",
            "day": START + timedelta(50),
            "medication": "sertraline",
            "change": "dose_changed",
            "dose": "100 mg",
        }
    )
    app.log_many(pid, raw)
    for day, total in ((START + timedelta(13), (2,) * 7), (START + timedelta(69), (1,) * 7)):
        app.record_questionnaire(pid, "gad7", total, day)
    app.record_questionnaire(pid, "phq9", (0,) * 8 + (1,), START + timedelta(69))
    return pid


@pytest.fixture
def stored_app(mgcalm_data_dir: Path) -> Any:
    settings = Settings(data_dir=mgcalm_data_dir)
    app = open_app(settings, clock=lambda: datetime(2026, 11, 7, 9, 0, tzinfo=UTC))
    app.food_lookup = None  # foods are logged with their magnesium already
    fill(app)
    yield app
    app.close()


def test_stored_trial_becomes_a_report(stored_app: Any) -> None:
    report = build_report(stored_report_input(stored_app, None, TODAY))
    anxiety = next(r for r in report.outcomes if r.outcome.name == "anxiety")
    assert anxiety.effect is not None
    assert anxiety.effect.verdict == "likely_helped"
    # The first 14 days after each switch are left out, as everywhere else.
    assert dict(anxiety.effect.n) == {"baseline": 14, "magnesium": 42, "withdrawal": 14}
    registration = report.input.registration
    assert registration.primary_outcome == "anxiety" and registration.design == "quick"
    assert registration.planned_end == START + timedelta(days=97)  # registered at titration
    assert report_json(report)["primary_outcome"]["registered_before_first_magnesium_day"]
    assert report.adherence.planned == 56  # the plan has one maintenance dose a day
    plan = report.input.plan
    assert plan is not None and plan.checks[0].medication == "levothyroxine"
    assert plan.checks[0].satisfied
    # Days 20, 30, 50 and 60 were logged as missed and day 40 not logged at all.
    assert (report.adherence.taken, report.adherence.days_with_missed_doses) == (51, 5)
    assert report.intake.mean_diet_mg == 200
    kinds = [c.kind for c in report.confounders]
    assert kinds == ["therapy_started", "medication_changed"]
    assert report.flags[0].startswith("PHQ-9 item 9")
    gad7 = next(c for c in report.changes if c.instrument == "gad7")
    assert (gad7.change.before, gad7.change.after) == (14, 7)
    assert report.input.side_effects[0].what == "loose stools"


def test_report_command_on_stored_data(stored_app: Any, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcomes"][0]["outcome"] == "anxiety"
    pdf = tmp_path / "clinician.pdf"
    result = runner.invoke(cli, ["report", "--clinician", "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_report_without_a_trial_says_what_to_do(mgcalm_data_dir: Path) -> None:
    settings = Settings(data_dir=mgcalm_data_dir)
    app = open_app(settings)
    profile, _ = parse_profile_toml(PROFILE)
    app.create_person(profile, person_id="me")
    app.close()
    result = CliRunner().invoke(cli, ["report"])
    assert result.exit_code == 2
    assert "mgcalm trial start baseline" in result.stderr


def test_trial_status_and_next_on_stored_data(stored_app: Any) -> None:
    runner = CliRunner()
    status = runner.invoke(cli, ["trial", "status", "--json"])
    assert status.exit_code == 0, status.output
    data = json.loads(status.stdout)
    assert data["phase"] == "withdrawal"
    assert data["days_logged"]["baseline"] == 14
    assert data["planned_end"] == "2026-11-06" and data["interim"] is False
    steps = runner.invoke(cli, ["trial", "next"])
    assert steps.exit_code == 0, steps.output
    assert steps.stdout.startswith("1. ")


def test_a_report_before_the_planned_end_is_interim(stored_app: Any) -> None:
    early = build_report(stored_report_input(stored_app, None, START + timedelta(days=85)))
    anxiety = next(r for r in early.outcomes if r.outcome.name == "anxiety")
    assert anxiety.effect is not None and anxiety.effect.verdict == "interim"
    assert any(f.startswith("Interim: the trial runs until 2026-11-06") for f in early.flags)


def test_switching_the_primary_outcome_late_shows_in_every_report(
    stored_app: Any, tmp_path: Path
) -> None:
    stored_app.choose_outcome(
        "me", "sleep_quality", "sleep matters more now", START + timedelta(60)
    )
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["report", "--json"]).stdout)
    history = data["primary_outcome"]["history"]
    assert [h["outcome"] for h in history] == ["anxiety", "sleep_quality"]
    assert history[1]["reason"] == "sleep matters more now" and history[1]["after_start"]
    for audience in ([], ["--clinician"]):
        text = runner.invoke(cli, ["report", *audience]).stdout
        assert "Changed to sleep quality on 2026-09-30 (after the trial started)" in text
    anxiety = next(o for o in data["outcomes"] if o["outcome"] == "anxiety")
    assert anxiety["effect"]["verdict"] == "exploratory — no verdict"
