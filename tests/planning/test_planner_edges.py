"""Safety at the edges: the medicine lists and products real people bring, one test per rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile
from mgcalm.planning import make_plan
from mgcalm.planning.circle import to_minutes, window

Build = Callable[..., Profile]
TODAY = date(2026, 12, 1)


def _codes(notes: Any) -> set[str]:
    return {n.code for n in notes}


def _times(plan: Plan) -> list[time]:
    return [d.time for d in plan.doses]


def _kept(plan: Plan, name: str, at: time, before: float, after: float) -> bool:
    w = window(name, at, before, after)
    return all(w.allows(to_minutes(t)) for t in _times(plan))


def test_uk_names_get_the_same_windows_as_us_names(kb: Any, make_profile: Build) -> None:
    uk = [
        {"name": "alendronic acid", "times": ["07:00"]},
        {"name": "oxytetracycline", "times": ["08:00"]},
    ]
    us = [{"name": "alendronate", "times": ["07:00"]}, {"name": "doxycycline", "times": ["08:00"]}]
    uk_plan = make_plan(make_profile(medications=uk), kb)
    us_plan = make_plan(make_profile(medications=us), kb)
    assert _times(uk_plan) == _times(us_plan) and uk_plan.doses
    assert time(7, 30) not in _times(uk_plan)
    assert _kept(uk_plan, "alendronic acid", time(7), 4, 4)
    assert _kept(uk_plan, "oxytetracycline", time(8), 2, 6)


def test_an_unknown_medicine_keeps_the_default_window_and_is_named(
    kb: Any, make_profile: Build
) -> None:
    meds = [{"name": "Xyzzyquel", "times": ["07:30", "18:30"]}]
    plan = make_plan(make_profile(medications=meds), kb)
    [note] = [w for w in plan.warnings if w.code == "unknown_medicine"]
    assert "Xyzzyquel" in note.message and "could not be" in note.message and note.sources
    hours = kb.safety.unknown_medicine_hours
    assert [(s.medication, s.min_hours_med_before_mg, s.min_hours_mg_before_med)
            for s in plan.separations] == [("Xyzzyquel", hours, hours)] * 2  # fmt: skip
    assert plan.doses and all(s.satisfied for s in plan.separations)


def test_a_fuzzy_match_is_used_and_said(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(medications=[{"name": "levothyroxne", "times": ["07:30"]}]), kb)
    assert "medicine_read_as" in _codes(plan.warnings)
    assert _kept(plan, "levothyroxine", time(7, 30), 4, 4) and plan.doses


def test_magnesium_in_brands_and_antacids_counts_toward_the_limit(
    kb: Any, make_profile: Build
) -> None:
    for name in ("Mag-Ox", "ZMA", "Natural Calm", "Epsom salt", "Slow-Mag"):
        sups = [{"name": name, "amount_mg": 300, "times": ["08:00"]}]
        plan = make_plan(make_profile(supplements=sups), kb)
        assert plan.supplemental_mg_per_day <= 350, name
        assert plan.daily_elemental_mg <= 50, name
    for name in ("Maalox", "Rolaids", "Pepcid Complete", "Milk of Magnesia"):
        plan = make_plan(make_profile(medications=[{"name": name, "times": ["13:00"]}]), kb)
        counted = plan.existing[0].elemental_mg_per_day
        assert counted, name
        # Planned plus existing stays under the limit; a label dose over it on its own adds none.
        assert plan.supplemental_mg_per_day <= 350 or plan.doses == (), name
        assert any(name in w.message for w in plan.warnings), name


def test_a_regular_antacid_with_its_amount_is_counted_exactly(kb: Any, make_profile: Build) -> None:
    meds = [{"name": "Maalox", "times": ["13:00", "21:00"], "amount_mg": 80}]
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.existing[0].elemental_mg_per_day == 160
    assert plan.daily_elemental_mg <= 350 - 160


def test_an_existing_supplement_inside_a_window_is_named_with_a_time(
    kb: Any, make_profile: Build
) -> None:
    meds = [
        {"name": "levothyroxine", "times": ["06:30"]},
        {"name": "ciprofloxacin", "times": ["08:00"]},
    ]
    sups = [{"name": "magnesium citrate", "amount_mg": 100, "times": ["07:00"]}]
    plan = make_plan(make_profile(medications=meds, supplements=sups), kb)
    clashes = [w for w in plan.warnings if w.code == "existing_dose_in_window"]
    assert {("levothyroxine" in w.message, "ciprofloxacin" in w.message) for w in clashes} == {
        (True, False),
        (False, True),
    }
    checks = [c for c in plan.existing_checks if not c.satisfied]
    assert checks and all(c.suggested_time is not None for c in checks)
    suggested = checks[0].suggested_time
    assert suggested is not None
    assert window("l", time(6, 30), 4, 4).allows(to_minutes(suggested))
    assert window("c", time(8, 0), 2, 6).allows(to_minutes(suggested))
    assert plan.status == "caution"


def test_zinc_calcium_and_iron_are_spaced_from_the_antibiotics_that_name_them(
    kb: Any, make_profile: Build
) -> None:
    meds = [{"name": "ciprofloxacin", "times": ["08:00"]}]
    for name in ("zinc", "calcium carbonate", "ferrous sulfate"):
        sups = [{"name": name, "amount_mg": 25, "times": ["08:30"]}]
        plan = make_plan(make_profile(medications=meds, supplements=sups), kb)
        assert "existing_dose_in_window" in _codes(plan.warnings), name
    sups = [{"name": "zinc", "amount_mg": 25, "times": ["08:30"]}]
    plan = make_plan(make_profile(medications=[{"name": "sertraline", "times": ["08:00"]}],
                                  supplements=sups), kb)  # fmt: skip
    assert "existing_dose_in_window" not in _codes(plan.warnings)


def test_calcium_and_iron_have_limits(kb: Any, make_profile: Build) -> None:
    sups = [{"name": "iron", "amount_mg": 65, "times": ["12:00"]}]
    plan = make_plan(make_profile(supplements=sups), kb)
    assert "iron_above_ul" in _codes(plan.warnings)


def test_rules_that_send_to_a_clinician_stop_the_plan(kb: Any, make_profile: Build) -> None:
    for meds, health in (
        ([{"name": "tacrolimus", "times": ["08:00"]}], {}),
        ([{"name": "gentamicin", "times": ["08:00"]}], {}),
        ([{"name": "spironolactone", "times": ["08:00"]}, {"name": "digoxin", "times": ["09:00"]}],
         {"egfr": 50}),
    ):  # fmt: skip
        plan = make_plan(make_profile(medications=meds, health=health), kb)
        assert plan.status == "clinician_required" and plan.doses == (), meds
    fine = make_plan(make_profile(medications=[{"name": "spironolactone", "times": ["08:00"]}]), kb)
    assert fine.status == "caution" and fine.doses


def test_older_people_need_a_recent_egfr(kb: Any, make_profile: Build) -> None:
    old = make_profile(person={"age": 90, "sex": "male"}, health={"egfr": None})
    assert make_plan(old, kb, today=TODAY).status == "clinician_required"
    senior = make_profile(person={"age": 70, "sex": "male"}, health={"egfr": None})
    plan = make_plan(senior, kb, today=TODAY)
    assert plan.status == "caution" and "kidney_check_due" in _codes(plan.warnings)
    recent = make_profile(
        person={"age": 90, "sex": "male"}, health={"egfr": 75, "egfr_date": "2026-03-01"}
    )
    assert "kidney_check_required" not in _codes(make_plan(recent, kb, today=TODAY).reasons)
    stale = make_profile(
        person={"age": 90, "sex": "male"}, health={"egfr": 75, "egfr_date": "2025-06-01"}
    )
    assert make_plan(stale, kb, today=TODAY).status == "clinician_required"


def test_warnings_name_their_medicine_and_lithium_is_not_no_interaction(
    kb: Any, make_profile: Build
) -> None:
    meds = [
        {"name": "Priadel", "times": ["08:00"]},
        {"name": "sertraline", "times": ["08:00"]},
        {"name": "citalopram", "times": ["08:00"]},
    ]
    plan = make_plan(make_profile(medications=meds), kb)
    assert "lithium_fluids_kidneys" in _codes(plan.warnings)
    none = [w for w in plan.warnings if w.code == "no_known_interaction"]
    assert len(none) == 2 and {"sertraline", "citalopram"} == {
        n for n in ("sertraline", "citalopram") for w in none if n in w.message
    }
    assert not any("this medicine" in w.message for w in plan.warnings)


def test_qt_medicines_with_magnesium_lowering_ones_ask_for_blood_checks(
    kb: Any, make_profile: Build
) -> None:
    meds = [{"name": "citalopram", "times": ["08:00"]}, {"name": "omeprazole", "times": ["07:00"]}]
    plan = make_plan(make_profile(medications=meds), kb)
    [note] = [w for w in plan.warnings if w.code == "qt_with_magnesium_lowering"]
    assert "citalopram" in note.message and "omeprazole" in note.message
    assert "potassium" in note.message


def test_ibs_d_is_a_condition(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(health={"conditions": ["ibs_d"]}), kb)
    assert plan.status == "caution" and "ibs_d" in _codes(plan.warnings)


def test_weekly_monthly_and_as_needed_medicines(kb: Any, make_profile: Build) -> None:
    meds = [
        {"name": "alendronic acid", "times": ["07:00"], "days": ["mon"]},
        {"name": "ibandronic acid", "times": ["07:00"], "every": "month"},
        {"name": "ciprofloxacin", "as_needed": True},
    ]
    plan = make_plan(make_profile(medications=meds), kb)
    assert "window_kept_daily" in _codes(plan.warnings)
    assert "spacing_unchecked" in _codes(plan.warnings)
    assert _kept(plan, "alendronic acid", time(7), 4, 4) and plan.doses


def test_with_food_doses_sit_with_a_meal_that_exists(kb: Any, make_profile: Build) -> None:
    day = {
        "wake": "09:00",
        "breakfast": "",
        "lunch": "13:00",
        "dinner": "19:00",
        "bedtime": "23:30",
    }
    profile = make_profile(day=day, goals={"focus": ["anxiety"]})
    assert profile.day.breakfast is None
    plan = make_plan(profile, kb)
    meals = [time(13), time(19)]
    for dose in plan.doses:
        if dose.with_food:
            assert min(abs(to_minutes(dose.time) - to_minutes(m)) for m in meals) <= 45


def test_ok_and_caution_plans_list_the_stop_signs(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(), kb)
    text = " ".join(plan.stop_signs)
    for sign in ("weakness", "heartbeat", "confusion", "vomiting", "blood pressure"):
        assert sign in text
    stopped = make_plan(make_profile(medications=[{"name": "tacrolimus", "times": ["08:00"]}]), kb)
    assert stopped.stop_signs == ()
