"""The run-in of a randomised trial: the plan's titration, never above the plan or the limit.

Plans come from the real planner over the packaged knowledge base, for drawn people (age, diet,
magnesium already taken), so the property holds for the plans people actually get.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain.plan_records import TitrationStep
from mgcalm.domain.profile_parse import profile_from_mapping
from mgcalm.evaluation.crossover import RandomisedDesign, analysis_condition
from mgcalm.evaluation.run_in import RUN_IN, reached_planned_dose, run_in
from mgcalm.evaluation.schedule import Schedule
from mgcalm.knowledge.foods import article_portions
from mgcalm.knowledge.loader import knowledge_base
from mgcalm.planning import make_plan

KB = knowledge_base()
FOODS = article_portions()
DOSING = KB.dosing
STEP_MG = int(DOSING.step_mg_per_day.value)
STEP_DAYS = int(DOSING.step_days.value)
START_MG = int(DOSING.start_mg_per_day.value)


def _plan(age: int, sex: str, diet: int | None, already: int, focus: list[str]) -> Any:
    raw: dict[str, Any] = {
        "person": {"age": age, "sex": sex},
        "health": {"kidney": "normal"},
        "day": {"wake": "07:00", "breakfast": "07:30", "lunch": "12:30", "dinner": "18:30",
                "bedtime": "23:00"},
        "goals": {"focus": focus},
    }  # fmt: skip
    if diet is not None:
        raw["diet"] = {"magnesium_mg": diet}
    if already:
        raw["supplements"] = [
            {"name": "magnesium citrate", "amount_mg": already, "times": ["08:00"]}
        ]
    profile, problems = profile_from_mapping(raw)
    assert profile is not None, problems
    return make_plan(profile, KB, FOODS), KB.supplemental_ul(age).value_mg


@settings(max_examples=60)
@given(
    start=st.dates(date(2025, 1, 1), date(2030, 12, 31)),
    age=st.integers(18, 90),
    sex=st.sampled_from(["female", "male"]),
    diet=st.none() | st.integers(0, 500),
    already=st.sampled_from([0, 50, 100, 200, 300]),
    focus=st.lists(
        st.sampled_from(["anxiety", "sleep", "brain_fog", "stress"]),
        min_size=1,
        max_size=2,
        unique=True,
    ),
    baseline=st.sampled_from([0, 7, 14, 28]),
    pairs=st.integers(2, 4),
    period_days=st.integers(14, 42),
    seed=st.integers(0, 2**32),
)
def test_the_run_in_steps_up_by_the_knowledge_base_and_never_past_the_plan_or_limit(
    start: date,
    age: int,
    sex: str,
    diet: int | None,
    already: int,
    focus: list[str],
    baseline: int,
    pairs: int,
    period_days: int,
    seed: int,
) -> None:
    plan, ul = _plan(age, sex, diet, already, focus)
    planned = plan.daily_elemental_mg
    first = start + timedelta(days=baseline)
    found = run_in(first, plan.titration, planned, STEP_DAYS)
    if not plan.doses:
        return
    assert found is not None and found.start == first
    days = [found.start + timedelta(days=i) for i in range(found.days)]
    doses = [found.dose_on(d) for d in days]
    assert all(d is not None for d in doses)  # every run-in day has a dose: no gap
    assert max(d or 0 for d in doses) <= planned
    assert all((d or 0) + already <= ul for d in doses)  # with what is already taken
    assert doses[0] == min(START_MG, planned)  # "start low"
    # Never faster than the knowledge base: a step at most STEP_MG, no sooner than STEP_DAYS.
    for step, following in zip(found.steps, found.steps[1:], strict=False):
        assert following.first == step.last + timedelta(days=1)
        assert 0 < following.mg_per_day - step.mg_per_day <= STEP_MG
        assert (step.last - step.first).days + 1 >= STEP_DAYS
    # It ends on a full step at the planned dose: tolerated before the periods rely on it.
    assert found.reached_mg_per_day == planned
    assert (found.steps[-1].last - found.steps[-1].first).days + 1 == STEP_DAYS

    with_run_in = RandomisedDesign(
        start, seed, pairs, period_days, baseline_days=baseline, run_in_days=found.days
    )
    without = RandomisedDesign(start, seed, pairs, period_days, baseline_days=baseline)
    periods = with_run_in.periods()
    (opening,) = [p for p in periods if p.condition == RUN_IN]
    assert (opening.start, opening.end, opening.pair) == (found.start, found.end, None)
    randomised = [p for p in periods if p.pair is not None]
    assert randomised[0].start == found.end + timedelta(days=1)
    assert all(p.start > found.end for p in randomised)
    # The allocation does not depend on the run-in: the same seed, the same order.
    assert [p.condition for p in randomised] == [
        p.condition for p in without.periods() if p.pair is not None
    ]
    assert with_run_in.end == without.end + timedelta(days=found.days)
    assert all(analysis_condition(p) is None for p in periods if p.condition == RUN_IN)
    schedule = Schedule.of(periods, sealed=True)
    assert all(schedule.period_number(d) is None for d in days)
    assert schedule.period_number(randomised[0].start) == 1
    assert {schedule.phase_on(d) for d in days} == {RUN_IN}


def test_a_plan_below_the_start_dose_runs_in_at_the_plan_for_one_step() -> None:
    found = run_in(date(2026, 3, 2), (TitrationStep(1, 75),), 75, STEP_DAYS)
    assert found is not None
    assert [(s.mg_per_day, (s.last - s.first).days + 1) for s in found.steps] == [(75, STEP_DAYS)]
    assert run_in(date(2026, 3, 2), (), 0, STEP_DAYS) is None  # no dose: no run-in


def test_a_step_above_the_plan_is_cut_to_the_plan() -> None:
    ladder = (TitrationStep(1, 100), TitrationStep(8, 200), TitrationStep(15, 300))
    found = run_in(date(2026, 3, 2), ladder, 150, STEP_DAYS)
    assert found is not None
    assert [s.mg_per_day for s in found.steps] == [100, 150]
    assert found.end == date(2026, 3, 2) + timedelta(days=7 + STEP_DAYS - 1)


def test_the_planned_dose_counts_as_reached_after_a_full_step_of_it() -> None:
    day = date(2026, 3, 1)
    six = {day - timedelta(days=i): 250.0 for i in range(6)}
    assert not reached_planned_dose(six, 250, 7)
    assert reached_planned_dose({**six, day - timedelta(days=20): 300.0}, 250, 7)
    lower = {day - timedelta(days=i): 200.0 for i in range(30)}
    assert not reached_planned_dose(lower, 250, 7)  # a lower dose is not the planned one
    assert not reached_planned_dose({}, 0, 7)
