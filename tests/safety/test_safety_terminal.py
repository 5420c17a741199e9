"""The safety flow in the terminal: `assess` keeps a crisis answer when quit, a warning sign stops.

``mgcalm assess`` runs in a real pseudo-terminal (pexpect); the other commands through Typer's
runner, on the same data folder.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pexpect
import pytest
from typer.testing import CliRunner

from mgcalm.app import open_app
from mgcalm.app.safety.events import stored_events
from mgcalm.cli.main import app as cli

from .conftest import PROFILE


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def initialised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`mgcalm init --country UK` on a fresh data folder, magnesium from today."""
    monkeypatch.setenv("MGCALM_REGION", "US")  # the saved country must win over the setting
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    code, out, err = _run("init", "--profile", str(profile), "--country", "UK")
    assert code == 0, out + err
    code, out, err = _run("trial", "start", "titration")
    assert code == 0, out + err
    yield tmp_path


def _terminal(*args: str) -> pexpect.spawn:
    env = {**os.environ, "MGCALM_REGION": "US", "COLUMNS": "200"}
    return pexpect.spawn(
        sys.executable, ["-m", "mgcalm", *args], env=env, encoding="utf-8", timeout=60
    )


@pytest.mark.slow
def test_quitting_at_question_10_keeps_the_item9_answer(initialised: Path) -> None:
    child = _terminal("assess", "phq9")
    try:
        for number in range(1, 9):
            child.expect(f"question {number} of")
            child.sendline("0")
        child.expect("question 9 of 9")
        child.sendline("2")
        child.expect("better off dead")  # what the answer means, then the lines, at once
        child.expect("Crisis resources \\(UK\\)")  # the country chosen at init, not the setting
        child.expect("Samaritans: Call 116 123")
        child.expect("one last, optional question \\(not scored\\)")
        child.sendline("q")
        child.expect("the answer shown with the crisis lines was kept")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 1
    app = open_app()
    try:
        events = stored_events(app, "me")
        assert [(e.alert.code, e.origin) for e in events] == [("suicidal_ideation", "answer")]
        assert app.history("me", kinds=["questionnaire"]) == []  # only the event was kept
    finally:
        app.close()
    code, out, _ = _run("today", "--json")
    status = json.loads(out)
    assert code == 0 and status["alerts"][0]["code"] == "suicidal_ideation"
    assert any(r["id"] == "uk-samaritans" for r in status["crisis_resources"])


def test_a_warning_sign_stops_magnesium_until_resumed(initialised: Path) -> None:
    ics = initialised / "before.ics"
    assert _run("export", "ics", str(ics), "--tz", "Europe/London")[0] == 0
    assert _dose_events(ics)

    code, out, _ = _run("log", "side-effect", "--symptom", "slow_heartbeat")
    assert code == 0 and "Stop taking magnesium now." in out
    assert "Magnesium paused since" in out and "mgcalm trial resume" in out
    status = json.loads(_run("today", "--json")[1])
    assert status["stop"]["active"] and all(d["status"] != "due" for d in status["doses"])
    code, out, _ = _run("today")
    assert "No magnesium is due." in out

    after = initialised / "after.ics"
    assert _run("export", "ics", str(after), "--tz", "Europe/London")[0] == 0
    today = date.fromisoformat(status["day"])
    assert all(until < today for until in _dose_events(after))  # every dose ends before
    assert "mgcalm: magnesium paused" in after.read_text()

    code, _, err = _run("trial", "resume", "--reason", "fine")  # no terminal: --by is required
    assert code == 2 and "cleared_by" in err
    code, out, _ = _run("trial", "resume", "--by", "Dr Lee (GP)", "--reason", "ECG normal")
    assert code == 0 and "Magnesium resumed on" in out and "Dr Lee (GP)" in out
    assert json.loads(_run("today", "--json")[1])["stop"] is None


def test_the_safety_plan_and_support_use_the_saved_country(initialised: Path) -> None:
    code, out, _ = _run("safety-plan", "--set", "coping=slow breathing;a walk", "--json")
    view = json.loads(out)
    assert code == 0 and view["steps"]["coping"] == ["slow breathing", "a walk"]
    code, out, _ = _run("safety-plan")
    assert code == 0 and "- a walk" in out and "Crisis lines (UK):" in out and "116 123" in out
    code, _, err = _run("safety-plan", "--set", "hobbies=chess")
    assert code == 2 and "steps.hobbies" in err
    code, out, _ = _run("support")
    assert code == 0 and "Support (UK)" in out and "Combat Stress" in out
    code, out, _ = _run("support", "--region", "FR")
    assert code == 0 and "no checked list of crisis lines for FR" in out and "findahelpline" in out


def test_init_refuses_an_unknown_country(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    code, _, err = _run("init", "--profile", str(profile), "--country", "Atlantis")
    assert code == 2 and "country" in err and "AU, NZ" in err
    assert _run("history")[0] == 2  # nothing was set up


def _dose_events(path: Path) -> list[Any]:
    """The last day of each repeating dose reminder (a far date when it has no end)."""
    ends = []
    for event in icalendar.Calendar.from_ical(path.read_text()).walk("VEVENT"):
        if "dose" in [str(c) for c in event.get("categories").cats]:
            until = event.get("rrule", {}).get("UNTIL", [None])[0]
            ends.append(until.date() if until is not None else date.max)
    return ends
