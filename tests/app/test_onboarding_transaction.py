"""Setting up is one transaction: person, profile, plan, outcome and first phase, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgcalm.app.errors import InvalidInputError, PlanningError
from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")


def _profile(text: str = PROFILE) -> Profile:
    profile, problems = parse_profile_toml(text)
    assert profile is not None, problems
    return profile


def _broken_planner(_profile: Profile) -> Plan:
    raise RuntimeError("the planner broke")


def test_set_up_saves_person_plan_outcome_and_phase(mgcalm_app: Any) -> None:
    person, version, plan = mgcalm_app.set_up(_profile(), begin=("anxiety", "baseline"))
    assert (person.id, version) == ("me", 1)
    assert mgcalm_app.active_plan("me") == plan
    trial = mgcalm_app.trial("me")
    assert trial.primary_outcome == "anxiety" and [p.phase for p in trial.phases] == ["baseline"]
    again = mgcalm_app.set_up(_profile(), begin=("sleep_quality", "titration"))
    assert again[1] == 1 and len(mgcalm_app.trial("me").phases) == 1  # the trial goes on as it was


def test_a_failing_planner_leaves_no_person_behind(mgcalm_app: Any) -> None:
    mgcalm_app.planner = _broken_planner
    with pytest.raises(PlanningError) as raised:
        mgcalm_app.set_up(_profile(), begin=("anxiety", "baseline"))
    assert "nothing was saved" in str(raised.value)
    assert mgcalm_app.people() == []


def test_a_failing_planner_leaves_an_existing_person_as_they_were(mgcalm_app: Any) -> None:
    mgcalm_app.set_up(_profile())
    mgcalm_app.planner = _broken_planner
    with pytest.raises(PlanningError):
        mgcalm_app.set_up(_profile(PROFILE + "\n[diet]\nmagnesium_mg = 150\n"))
    assert len(mgcalm_app.profile_history("me")) == 1
    assert len(mgcalm_app.plan_history("me")) == 1


def test_a_problem_late_in_the_write_undoes_the_earlier_writes(mgcalm_app: Any) -> None:
    with pytest.raises(InvalidInputError):  # the outcome is checked after the person is written
        mgcalm_app.set_up(_profile(), begin=("not_an_outcome", "baseline"))
    assert mgcalm_app.people() == []


def test_init_saves_nothing_when_the_planner_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mgcalm_data_dir: Path
) -> None:
    from mgcalm.app import core
    from mgcalm.cli.main import app

    planner = core.default_planner
    monkeypatch.setattr(core, "default_planner", lambda today=None: _broken_planner)
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    result = CliRunner().invoke(app, ["init", "--profile", str(profile)])
    assert result.exit_code == 2 and "nothing was saved" in result.stderr
    # Only the planner goes back: undoing everything would also drop this test's private data
    # folder and open the real one.
    monkeypatch.setattr(core, "default_planner", planner)
    assert CliRunner().invoke(app, ["history"]).exit_code == 2  # still nobody set up
