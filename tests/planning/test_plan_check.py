"""An imported plan is held to the planner's safety rules: property-based, every plan the planner
makes passes the check, and the same plan with its amounts multiplied or a dose moved into a
medicine's window does not (the check is independent of how the planner builds plans)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.planning.test_planner_properties import profiles

from mgcalm.domain.profile import Medication
from mgcalm.planning import make_plan
from mgcalm.planning.check import plan_problems

DAY = date(2026, 11, 26)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_planner_plan_passes_and_ten_times_it_does_not(kb: Any, data: st.DataObject) -> None:
    profile = data.draw(profiles(sorted(kb.medicines)))
    plan = make_plan(profile, kb, today=DAY)
    assert plan_problems(plan, profile, kb, DAY) == []
    if plan.doses:
        doses = tuple(replace(d, elemental_mg=d.elemental_mg * 10) for d in plan.doses)
        bigger = replace(plan, doses=doses)
        assert "doses" in [p.location for p in plan_problems(bigger, profile, kb, DAY)]


def test_a_dose_inside_a_window_is_named(kb: Any, make_profile: Any) -> None:
    profile = replace(make_profile(), medications=(Medication("levothyroxine", (time(6, 30),)),))
    plan = make_plan(profile, kb, today=DAY)
    assert plan.doses and plan_problems(plan, profile, kb, DAY) == []
    moved = replace(plan, doses=(replace(plan.doses[0], time=time(7, 0)),))
    problems = plan_problems(moved, profile, kb, DAY)
    assert [p.location for p in problems] == ["doses"]
    assert "levothyroxine" in problems[0].message


def test_a_plan_for_a_profile_that_needs_a_clinician_may_hold_no_doses(
    kb: Any, make_profile: Any
) -> None:
    safe = make_plan(make_profile(), kb, today=DAY)
    kidney = replace(make_profile(), health=replace(make_profile().health, egfr=20.0))
    problems = plan_problems(safe, kidney, kb, DAY)
    assert any("clinician" in p.message for p in problems)
