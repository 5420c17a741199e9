"""Property-based: over random people and medicine schedules, no plan exceeds the UL or
schedules a dose inside any separation window (checked independently of the planner)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import GOALS, Day, Health, Medication, Person, Profile, Supplement
from mgcalm.planning import make_plan, step_down
from mgcalm.planning.circle import to_minutes, window

PER_DOSE_MAX = 200
UL = 350
clocks = st.builds(time, st.integers(0, 23), st.sampled_from([0, 5, 15, 30, 45, 59]))


@st.composite
def days(draw: st.DrawFn) -> Day:
    """A day starting anywhere on the clock, with meals in order before bed."""
    wake = draw(st.integers(0, 1439))
    gaps = [
        draw(st.integers(0, 90)),
        draw(st.integers(120, 360)),
        draw(st.integers(120, 420)),
        draw(st.integers(60, 300)),
    ]
    points = [wake]
    for gap in gaps:
        points.append(points[-1] + gap)
    wake_t, *rest = (time((p % 1440) // 60, p % 60) for p in points)
    return Day(wake_t, *rest)


def medications(names: list[str]) -> st.SearchStrategy[Medication]:
    course = st.one_of(st.none(), st.just((date(2026, 11, 1), date(2026, 11, 10))))
    return st.builds(
        lambda name, times, dates: Medication(name, tuple(times), *(dates or (None, None))),
        st.sampled_from([*names, "zorbaflex"]),
        st.lists(clocks, min_size=1, max_size=4, unique=True),
        course,
    )


supplements = st.builds(
    Supplement,
    st.sampled_from(["magnesium citrate", "Milk of magnesia", "zinc", "vitamin D", "melatonin"]),
    st.floats(1, 300),
    st.lists(clocks, max_size=2).map(tuple),
)


def profiles(names: list[str]) -> st.SearchStrategy[Profile]:
    return st.builds(
        Profile,
        person=st.builds(Person, st.integers(18, 95), st.sampled_from(["female", "male"])),
        day=days(),
        health=st.builds(Health, st.one_of(st.none(), st.floats(30, 130))),
        goals=st.lists(st.sampled_from(GOALS), unique=True, max_size=3).map(tuple),
        diet_magnesium_mg=st.one_of(st.none(), st.floats(0, 800)),
        medications=st.lists(medications(names), max_size=8).map(tuple),
        supplements=st.lists(supplements, max_size=3).map(tuple),
    )


def _check(plan: Plan, profile: Profile, kb: Any) -> None:
    existing = profile.supplemental_magnesium_mg
    assert plan.daily_elemental_mg + existing <= UL or plan.doses == ()
    assert plan.daily_elemental_mg <= max(0.0, UL - existing)
    assert all(0 < d.elemental_mg <= PER_DOSE_MAX for d in plan.doses)
    if plan.status in ("clinician_required", "not_recommended"):
        assert plan.doses == ()
    resume = plan.resume_after_course
    after = resume.doses if resume is not None else ()
    assert sum(d.elemental_mg for d in after) <= max(0.0, UL - existing)
    for med in profile.medications:
        found = kb.find_medicine(med.name)
        if found is None or found.rule.kind != "separate":
            continue
        rule = found.rule
        for at in med.times:
            w = window(med.name, at, rule.hours_med_before_mg, rule.hours_mg_before_med)
            # The plan's own doses keep every window, courses included, without exception.
            for dose in plan.doses:
                assert w.allows(to_minutes(dose.time)), (med, dose)
            # Doses for after a paused course keep every window of the medicines that go on.
            for dose in after if not med.is_course else ():
                assert w.allows(to_minutes(dose.time)), (med, dose)
    assert Plan.from_json(plan.to_json()) == plan


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_plan_exceeds_the_ul_or_breaks_a_window(kb: Any, data: st.DataObject) -> None:
    profile = data.draw(profiles(sorted(kb.medicines)))
    plan = make_plan(profile, kb)
    _check(plan, profile, kb)
    _check(step_down(plan, profile, kb), profile, kb)


@settings(max_examples=100, deadline=None)
@given(day=days(), times=st.lists(clocks, min_size=1, max_size=6, unique=True))
def test_dense_moxifloxacin_like_schedules_never_leak_a_dose(
    kb: Any, make_profile: Any, day: Day, times: list[time]
) -> None:
    from dataclasses import replace

    profile = replace(
        make_profile(), day=day, medications=(Medication("moxifloxacin", tuple(times)),)
    )
    plan = make_plan(profile, kb)
    _check(plan, profile, kb)
    if not plan.doses:
        assert plan.status == "clinician_required"
