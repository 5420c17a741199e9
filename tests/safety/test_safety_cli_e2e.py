"""The safety flow and Today's due list end to end through the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgcalm.cli.main import app as cli

from .conftest import PROFILE


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> Any:
    code, out, err = _run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def services(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A person set up with `mgcalm init` on ``database_url``; yields the app on the same store."""
    from mgcalm.app import open_app

    monkeypatch.setenv("MGCALM_DATABASE_URL", database_url)
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    code, out, err = _run("init", "--profile", str(profile))
    assert code == 0, out + err
    app = open_app()
    try:
        yield app
    finally:
        app.close()


def _today(services: Any) -> date:
    day: date = services.today()  # the CLI runs on the real clock
    return day


def test_crisis_checkin_shows_resources_prominently(services: Any) -> None:
    data = _json("log", "checkin", "--crisis", "--anxiety", "7")
    assert data["alerts"][0]["code"] == "crisis_checkin"
    assert any(r["id"] == "us-988" for r in data["crisis_resources"])
    code, out, _ = _run("log", "checkin", "--anxiety", "10")
    assert code == 0 and "!! You rated your distress 10 of 10" in out
    assert "Crisis resources" in out and "988" in out and "clinician" in out


def test_phq9_item9_in_assess_shows_resources_and_today_keeps_them(services: Any) -> None:
    answers = "0\n" * 8 + "1\n" + "\n"  # item 9 above 0; the optional difficulty item skipped
    code, out, _ = _run("assess", "phq9", input=answers)
    assert code == 0 and "Saved PHQ-9" in out
    assert "Crisis resources (US)" in out and "988" in out
    status = _json("today")
    assert status["alerts"][0]["code"] == "suicidal_ideation" and status["crisis_resources"]
    assert "phq9" not in {q["task"] for q in status["questionnaires_due"]}


def test_red_flag_says_stop_magnesium_and_seek_care(services: Any) -> None:
    data = _json("log", "side-effect", "--symptom", "muscle_weakness", "--nausea", "2")
    assert [a["level"] for a in data["alerts"]] == ["stop_and_seek_care"]
    assert data["other"] == "Muscle weakness" and "crisis_resources" not in data
    code, out, _ = _run("log", "side-effect", "--other", "very slow heartbeat since noon")
    assert code == 0 and "Stop taking magnesium now." in out
    code, _, err = _run("log", "side-effect", "--symptom", "tingling")
    assert code == 2 and "symptoms" in err and "muscle_weakness" in err


def test_two_loose_stool_days_store_a_lower_plan_that_today_follows(services: Any) -> None:
    yesterday = (_today(services) - timedelta(days=1)).isoformat()
    person = services.person().id
    before = len(services.plan_history(person))
    first = _json("log", "side-effect", "--bristol", "6", "--day", yesterday)
    assert "plan_change" not in first and first["alerts"] == []
    second = _json("log", "side-effect", "--bristol", "7")
    assert second["plan_change"]["from_mg_per_day"] == 200
    assert second["plan_change"]["to_mg_per_day"] == 100
    assert second["alerts"][0]["level"] == "step_down"
    assert len(services.plan_history(person)) == before + 1
    status = _json("today")
    assert sum(d["elemental_mg"] for d in status["doses"]) == 100
    assert [a["code"] for a in status["alerts"]] == ["plan_stepped_down"]
    code, out, _ = _run("log", "side-effect", "--bristol", "7")  # the same day again
    assert code == 0 and "plan is now" not in out
    assert len(services.plan_history(person)) == before + 1


@pytest.mark.parametrize(
    ("days_ago", "due"), [(0, set()), (13, set()), (14, {"pcl5_week", "gad7", "phq9"})]
)
def test_today_lists_questionnaires_on_their_schedule(
    services: Any, days_ago: int, due: set[str]
) -> None:
    assert {q["task"] for q in _json("today")["questionnaires_due"]} == {"pcl5", "gad7", "phq9"}
    person, answered = services.person().id, _today(services) - timedelta(days=days_ago)
    for instrument, items in (("pcl5_week", 20), ("gad7", 7), ("phq9", 9)):
        services.record_questionnaire(person, instrument, [1] * items, answered)
    status = _json("today")
    assert {q["task"] for q in status["questionnaires_due"]} == due
    assert {t["task"] for t in status["due"]} == due | {"checkin", "sleep_diary"}
    code, out, _ = _run("today")
    assert code == 0 and ("mgcalm assess gad7" in out) == bool(due)


def test_sleep_log_prints_the_nights_metrics(services: Any) -> None:
    night = ["--into-bed", "23:00", "--tried", "23:15", "--latency", "20", "--awakenings", "1"]
    night += ["--waso", "10", "--final-wake", "06:30", "--out-of-bed", "06:45", "--quality", "3"]
    data = _json("log", "sleep", *night)
    metrics = data["metrics"]
    assert (metrics["time_in_bed_min"], metrics["total_sleep_time_min"]) == (465, 405)
    assert metrics["sleep_efficiency_pct"] == pytest.approx(87.1)
    code, out, _ = _run("log", "sleep", *night, "--day", "2026-01-02")
    assert code == 0
    assert "Time in bed 7 h 45 min, total sleep 6 h 45 min, sleep efficiency 87.1 %" in out


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"--awakenings": "0"}, "sleep.waso_min", "0 awakenings"),
        ({"--into-bed": "12:00", "--tried": "12:30"}, "sleep.out_of_bed", "AM/PM"),
        ({"--latency": "500"}, "sleep.waso_min", "longer than the time"),
    ],
)
def test_impossible_nights_exit_2_naming_the_field(
    services: Any, changes: dict[str, str], field: str, words: str
) -> None:
    values = {"--into-bed": "23:00", "--tried": "23:15", "--latency": "20", "--awakenings": "1"}
    values |= {"--waso": "10", "--final-wake": "06:30", "--out-of-bed": "06:45", "--quality": "3"}
    values |= changes
    code, _, err = _run("log", "sleep", *[x for pair in values.items() for x in pair])
    assert code == 2 and field in err and words in err, err
    assert services.history(services.person().id, kinds=["sleep"]) == []
