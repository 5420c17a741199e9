"""Re-planning (onboarding again, ``mgcalm init``) keeps a loose-stools step-down in force."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mgcalm.app.plans.held import is_stepped_down
from mgcalm.app.safety.step_down import step_down_if_needed
from mgcalm.app.tracking.due import due_today
from mgcalm.domain.profile_parse import parse_profile_toml

from .conftest import PROFILE, TODAY


def _step_down(app: Any, person: str, days: tuple[int, ...] = (1, 0)) -> None:
    for back in days:
        day = TODAY - timedelta(days=back)
        app.log(person, "side_effect", {"day": day, "bristol_type": 7})
        step_down_if_needed(app, person, day)


def test_planning_again_keeps_the_stepped_down_dose(mgcalm_app: Any, person: str) -> None:
    _step_down(mgcalm_app, person)
    versions = len(mgcalm_app.plan_history(person))
    plan = mgcalm_app.plan_for(person)
    assert plan.daily_elemental_mg == 100 and is_stepped_down(plan)
    assert mgcalm_app.active_plan(person, TODAY).daily_elemental_mg == 100
    assert len(mgcalm_app.plan_history(person)) == versions  # the same plan: nothing new stored
    alerts = due_today(mgcalm_app, person, TODAY).to_json()["alerts"]
    assert alerts[0]["code"] == "plan_stepped_down" and TODAY.isoformat() in alerts[0]["message"]


def test_a_new_profile_is_planned_under_the_step_down(mgcalm_app: Any, person: str) -> None:
    _step_down(mgcalm_app, person)
    changed, problems = parse_profile_toml(PROFILE + "\n[diet]\nmagnesium_mg = 150\n")
    assert changed is not None, problems
    mgcalm_app.update_profile(person, changed)
    plan = mgcalm_app.plan_for(person, today=TODAY + timedelta(days=5))
    assert plan.daily_elemental_mg == 100 and is_stepped_down(plan)
    assert plan.reference.diet_mg == 150  # the new profile is used, only the dose is held
    later = mgcalm_app.plan_for(person, today=TODAY + timedelta(days=30))
    assert later.daily_elemental_mg == 100  # held until someone chooses to go back up


def test_going_back_up_is_an_explicit_choice(mgcalm_app: Any, person: str) -> None:
    _step_down(mgcalm_app, person)
    plan = mgcalm_app.plan_for(person, keep_step_down=False)
    assert plan.daily_elemental_mg == 200 and not is_stepped_down(plan)
    assert mgcalm_app.active_plan(person, TODAY).daily_elemental_mg == 200


def test_a_stopped_plan_stays_stopped(mgcalm_app: Any, person: str) -> None:
    _step_down(mgcalm_app, person)
    _step_down(mgcalm_app, person, (-1, -2))  # loose again at 100 mg: no magnesium
    day = TODAY + timedelta(days=2)
    assert not mgcalm_app.active_plan(person, day).doses
    plan = mgcalm_app.plan_for(person, today=day)
    assert not plan.doses and "loose_stools_stop" in {n.code for n in plan.warnings}


def test_without_a_step_down_planning_again_gives_the_full_plan(
    mgcalm_app: Any, person: str
) -> None:
    assert mgcalm_app.plan_for(person).daily_elemental_mg == 200
