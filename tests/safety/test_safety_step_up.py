"""Going back up after a step-down: one titration step, by choice, never above the full plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from mgcalm.app.errors import InvalidInputError
from mgcalm.app.plans.held import is_stepped_down
from mgcalm.app.safety.step_down import step_down_if_needed, step_up

from .conftest import TODAY


def _loose(app: Any, person: str, days: tuple[date, ...]) -> None:
    for day in days:
        app.log(person, "side_effect", {"day": day, "bristol_type": 7})
        step_down_if_needed(app, person, day)


def _codes(plan: Any) -> set[str]:
    return {n.code for n in plan.warnings}


def test_back_up_to_the_full_plan_is_a_new_version_with_a_note(
    mgcalm_app: Any, person: str
) -> None:
    _loose(mgcalm_app, person, (TODAY - timedelta(days=1), TODAY))
    versions = len(mgcalm_app.plan_history(person))
    change = step_up(mgcalm_app, person, TODAY)
    assert (change.from_mg_per_day, change.to_mg_per_day) == (100, 200)
    plan = mgcalm_app.active_plan(person, TODAY)
    assert plan.daily_elemental_mg == 200 and not is_stepped_down(plan)
    assert "stepped_up_to_plan" in _codes(plan) and "stepped_down" not in _codes(plan)
    assert len(mgcalm_app.plan_history(person)) == versions + 1 == change.version
    assert mgcalm_app.plan_for(person).daily_elemental_mg == 200  # nothing holds it down now
    with pytest.raises(InvalidInputError, match="not stepped down"):  # never above the plan
        step_up(mgcalm_app, person, TODAY)


def test_stools_before_going_up_are_not_counted_again(mgcalm_app: Any, person: str) -> None:
    _loose(mgcalm_app, person, (TODAY - timedelta(days=1), TODAY))
    step_up(mgcalm_app, person, TODAY)
    tomorrow = TODAY + timedelta(days=1)
    mgcalm_app.log(person, "side_effect", {"day": tomorrow, "bristol_type": 4})
    assert step_down_if_needed(mgcalm_app, person, tomorrow) == ((), None)
    assert mgcalm_app.active_plan(person, tomorrow).daily_elemental_mg == 200


def test_from_a_stop_the_restart_is_the_lowest_step_and_is_held(
    mgcalm_app: Any, person: str
) -> None:
    _loose(mgcalm_app, person, (TODAY - timedelta(days=1), TODAY))
    _loose(mgcalm_app, person, (TODAY + timedelta(days=1), TODAY + timedelta(days=2)))
    day = TODAY + timedelta(days=10)
    assert not mgcalm_app.active_plan(person, day).doses
    assert step_up(mgcalm_app, person, day).to_mg_per_day == 100
    plan = mgcalm_app.active_plan(person, day)
    assert plan.daily_elemental_mg == 100 and is_stepped_down(plan) and "stepped_up" in _codes(plan)
    replanned = mgcalm_app.plan_for(person, today=day)  # re-planning keeps it, with its note
    assert replanned.daily_elemental_mg == 100 and "stepped_up" in _codes(replanned)
    assert step_up(mgcalm_app, person, day).to_mg_per_day == 200


def test_without_a_step_down_there_is_nothing_to_go_back_up(mgcalm_app: Any, person: str) -> None:
    versions = len(mgcalm_app.plan_history(person))
    with pytest.raises(InvalidInputError, match="not stepped down"):
        step_up(mgcalm_app, person, TODAY)
    assert len(mgcalm_app.plan_history(person)) == versions


def test_the_planner_never_goes_above_the_full_plan_or_the_upper_limit(mgcalm_app: Any) -> None:
    from mgcalm.app.plans.held import raised_plan
    from mgcalm.domain.profile_parse import parse_profile_toml

    from .conftest import PROFILE

    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    for current in (0, 100, 200, 350, 10_000):
        plan = raised_plan(profile, current, TODAY)
        assert plan.daily_elemental_mg <= 200 <= plan.reference.supplemental_ul_mg
    assert raised_plan(profile, 0, TODAY).daily_elemental_mg == 100
