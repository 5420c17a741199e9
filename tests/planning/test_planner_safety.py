"""One test per safety rule of the planner, against the packaged knowledge base."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest

from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile
from mgcalm.planning import make_plan, step_down
from mgcalm.planning.circle import to_minutes, window

Build = Callable[..., Profile]


def _codes(notes: Any) -> set[str]:
    return {n.code for n in notes}


def _assert_windows_kept(plan: Plan) -> None:
    """Every dose keeps every listed window, checked independently of the planner."""
    for s in plan.separations:
        w = window(
            s.medication, s.medication_time, s.min_hours_med_before_mg, s.min_hours_mg_before_med
        )
        for d in plan.doses:
            assert w.allows(to_minutes(d.time)), (s, d)
        assert s.satisfied


def test_the_baseline_profile_is_ok_with_doses(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(), kb)
    assert plan.status == "ok" and plan.reasons == () and plan.warnings == ()
    assert plan.doses and plan.daily_elemental_mg == plan.target_elemental_mg_per_day
    assert plan.reference.supplemental_ul_mg == 350 and plan.reference.rda_mg == 320


def test_target_never_exceeds_the_supplemental_ul(kb: Any, make_profile: Build) -> None:
    # Diet far below the RDA would ask for more than the UL; the plan stops at 350.
    plan = make_plan(make_profile(person={"age": 40, "sex": "male"}, diet={"magnesium_mg": 0}), kb)
    assert plan.target_elemental_mg_per_day <= 350
    assert plan.daily_elemental_mg <= 350


def test_existing_magnesium_supplements_count_toward_the_ul(kb: Any, make_profile: Build) -> None:
    supplements = [{"name": "Magnesium oxide", "amount_mg": 100, "times": ["08:00", "20:00"]}]
    plan = make_plan(make_profile(diet={"magnesium_mg": 0}, supplements=supplements), kb)
    assert plan.daily_elemental_mg + 200 <= 350
    assert "existing_magnesium_counted" in _codes(plan.warnings)
    assert plan.status == "caution"


def test_supplements_already_over_the_ul_get_no_more(kb: Any, make_profile: Build) -> None:
    supplements = [{"name": "magnesium glycinate", "amount_mg": 400}]
    plan = make_plan(make_profile(supplements=supplements), kb)
    assert plan.doses == () and plan.target_elemental_mg_per_day == 0
    assert "supplements_over_ul" in _codes(plan.warnings)


def test_food_never_counts_toward_the_ul(kb: Any, make_profile: Build) -> None:
    rich = make_plan(make_profile(diet={"magnesium_mg": 900}), kb)
    assert rich.target_elemental_mg_per_day > 0  # a rich diet lowers the need, not the limit


def test_doses_keep_levothyroxine_4_hours_away_both_ways(kb: Any, make_profile: Build) -> None:
    meds = [{"name": "Synthroid", "times": ["07:30"]}]  # a brand name, at breakfast
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.doses
    assert all(d.time != time(7, 30) for d in plan.doses)
    _assert_windows_kept(plan)
    assert "levothyroxine_spacing" in _codes(plan.warnings)


def test_a_bedtime_pill_blocks_the_sleep_slot_across_midnight(kb: Any, make_profile: Build) -> None:
    meds = [{"name": "levothyroxine", "times": ["00:30"]}]  # 4 h either side: 20:30–04:30
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.doses
    assert all(time(4, 30) <= d.time <= time(20, 30) for d in plan.doses)
    _assert_windows_kept(plan)


@pytest.mark.parametrize(
    ("section", "expected_code"),
    [
        ({"health": {"egfr": 22}}, "kidney_severe"),
        ({"health": {"egfr": None, "kidney": "dialysis"}}, "kidney_dialysis"),
        ({"health": {"conditions": ["myasthenia_gravis"]}}, "myasthenia_gravis"),
        ({"health": {"conditions": ["heart block"]}}, "heart_block"),
        ({"person": {"pregnant": True}}, "pregnancy"),
        (
            {"medications": [{"name": "Isentress", "times": ["08:00", "20:00"]}]},
            "raltegravir_no_spacing",
        ),
    ],
)
def test_clinician_required_cases_plan_no_doses(
    kb: Any, make_profile: Build, section: dict[str, Any], expected_code: str
) -> None:
    plan = make_plan(make_profile(**section), kb)
    assert plan.status == "clinician_required"
    assert expected_code in _codes(plan.reasons)
    assert all(r.sources for r in plan.reasons)
    assert plan.doses == () and plan.titration == () and plan.foods == ()


def test_severe_kidney_stage_without_egfr_is_enough(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(health={"egfr": None, "kidney": "severe"}), kb)
    assert plan.status == "clinician_required"


def test_under_18_is_not_recommended(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(person={"age": 16}), kb)
    assert plan.status == "not_recommended"
    assert _codes(plan.reasons) == {"under_18"} and plan.reasons[0].sources
    assert plan.doses == ()


def test_an_unknown_medicine_is_named_in_a_warning(kb: Any, make_profile: Build) -> None:
    meds = [{"name": "Zorbaflex", "times": ["09:00"]}]
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.status == "caution"
    [note] = [n for n in plan.warnings if n.code == "unknown_medicine"]
    assert "Zorbaflex" in note.message and "could not be checked" in note.message


@pytest.mark.parametrize(
    ("medicine", "code"),
    [
        ("furosemide", "loop_diuretic_lowers_mg"),
        ("hydrochlorothiazide", "thiazide_lowers_mg"),
        ("omeprazole", "ppi_lowers_mg"),
        ("digoxin", "digoxin_spacing"),
    ],
)
def test_medicine_warnings(kb: Any, make_profile: Build, medicine: str, code: str) -> None:
    plan = make_plan(make_profile(medications=[{"name": medicine, "times": ["08:00"]}]), kb)
    assert plan.status == "caution" and code in _codes(plan.warnings)
    _assert_windows_kept(plan)


def test_high_dose_zinc_is_warned(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(supplements=[{"name": "Zinc", "amount_mg": 150}]), kb)
    assert {"zinc_high_dose", "zinc_above_ul"} <= _codes(plan.warnings)
    low = make_plan(make_profile(supplements=[{"name": "zinc", "amount_mg": 10}]), kb)
    assert low.status == "ok"


def test_moderate_kidney_impairment_is_a_caution(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(health={"egfr": 45}), kb)
    assert plan.status == "caution" and "kidney_moderate" in _codes(plan.warnings)
    assert plan.doses


def test_no_feasible_time_returns_no_dose(kb: Any, make_profile: Build) -> None:
    # Levothyroxine every 6 hours leaves no minute 4 h from every dose (an artificial
    # schedule, used because it closes the whole circle).
    meds = [{"name": "levothyroxine", "times": ["00:00", "06:00", "12:00", "18:00"]}]
    meds.append({"name": "gabapentin", "times": ["03:00"]})
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.doses == () and plan.status == "clinician_required"
    [reason] = [r for r in plan.reasons if r.code == "no_safe_time"]
    assert "levothyroxine" in reason.message and reason.sources
    assert all(s.satisfied for s in plan.separations)  # no dose, so none breaks a window


def test_a_short_course_that_closes_the_day_suggests_a_pause(kb: Any, make_profile: Build) -> None:
    course = {
        "name": "tetracycline",
        "times": ["06:00", "12:00", "18:00", "00:00"],
        "start": "2026-11-01",
        "end": "2026-11-10",
    }
    plan = make_plan(make_profile(medications=[course]), kb)
    [pause] = [w for w in plan.warnings if w.code == "pause_for_course"]
    assert "2026-11-01" in pause.message and "2026-11-10" in pause.message
    # While the course runs there are no doses, so none can sit inside its window …
    assert plan.status == "caution" and plan.doses == ()
    assert plan.target_elemental_mg_per_day == 0
    assert all(s.satisfied for s in plan.separations)
    # … and the doses for after it start the day after it ends.
    resume = plan.resume_after_course
    assert resume is not None and resume.doses and resume.resume_on == date(2026, 11, 11)
    assert resume.target_elemental_mg_per_day == sum(d.elemental_mg for d in resume.doses)
    assert "resume_after_course" in plan.to_json()
    assert Plan.from_json(plan.to_json()) == plan


def test_a_course_that_has_ended_no_longer_shapes_the_plan(kb: Any, make_profile: Build) -> None:
    course = {
        "name": "tetracycline",
        "times": ["06:00", "12:00", "18:00", "00:00"],
        "start": "2026-11-01",
        "end": "2026-11-10",
    }
    during = make_plan(make_profile(medications=[course]), kb, today=date(2026, 11, 5))
    after = make_plan(make_profile(medications=[course]), kb, today=date(2026, 11, 11))
    assert during.doses == () and during.resume_after_course is not None
    assert after.doses and after.resume_after_course is None
    assert after.separations == ()


def test_a_course_that_fits_is_honoured_without_a_pause(kb: Any, make_profile: Build) -> None:
    meds = [
        {"name": "levothyroxine", "times": ["06:30"]},
        {"name": "Cipro", "times": ["08:00", "20:00"], "start": "2026-11-01", "end": "2026-11-07"},
    ]
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.doses and "pause_for_course" not in _codes(plan.warnings)
    _assert_windows_kept(plan)


def test_doses_are_split_so_none_is_large(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(person={"sex": "male"}, diet={"magnesium_mg": 50}), kb)
    assert plan.daily_elemental_mg == 350 and len(plan.doses) == 2
    assert all(d.elemental_mg <= 200 for d in plan.doses)


def test_sleep_dose_is_one_to_two_hours_before_bed_without_food(
    kb: Any, make_profile: Build
) -> None:
    plan = make_plan(make_profile(), kb)
    [sleep] = [d for d in plan.doses if d.purpose == "sleep"]
    assert time(21, 0) <= sleep.time <= time(22, 0) and not sleep.with_food
    assert sleep.form == "glycinate"
    assert sleep.compound_mg == round(
        sleep.elemental_mg / kb.forms["glycinate"].default.elemental_fraction
    )


def test_daytime_doses_are_with_meals(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(goals={"focus": ["fatigue"]}, diet={"magnesium_mg": 50}), kb)
    assert plan.doses and all(d.with_food for d in plan.doses)
    assert {d.form for d in plan.doses} == {"malate"}


def test_titration_starts_low_and_steps_up_weekly(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(diet={"magnesium_mg": 50}), kb)
    amounts = [s.elemental_mg_per_day for s in plan.titration]
    assert amounts[0] < plan.target_elemental_mg_per_day == amounts[-1]
    assert amounts == sorted(amounts) and [s.day for s in plan.titration][:2] == [1, 8]


def test_step_down_lowers_one_step_and_re_places_doses(kb: Any, make_profile: Build) -> None:
    profile = make_profile(diet={"magnesium_mg": 50})
    plan = make_plan(profile, kb)
    lower = step_down(plan, profile, kb)
    assert lower.target_elemental_mg_per_day == plan.titration[-2].elemental_mg_per_day
    assert lower.daily_elemental_mg == lower.target_elemental_mg_per_day
    assert "stepped_down" in _codes(lower.warnings) and lower.status == "caution"
    mid = step_down(plan, profile, kb, current_mg_per_day=plan.titration[0].elemental_mg_per_day)
    assert mid.doses == () and "loose_stools_stop" in _codes(mid.warnings)


def test_a_magnesium_medicine_of_unknown_amount_stops_new_doses(
    kb: Any, make_profile: Build
) -> None:
    meds = [{"name": "Gaviscon", "times": ["21:00"]}]
    plan = make_plan(make_profile(medications=meds), kb)
    assert plan.doses == () and plan.status == "caution"
    [note] = [w for w in plan.warnings if w.code == "magnesium_medicine_uncounted"]
    assert "Gaviscon" in note.message and "amount_mg" in note.message and note.sources
    assert "unknown_medicine" not in _codes(plan.warnings)


def test_a_laxative_without_an_amount_is_counted_at_its_label_dose(
    kb: Any, make_profile: Build
) -> None:
    meds = [{"name": "Milk of Magnesia", "times": ["21:00"]}]
    plan = make_plan(make_profile(medications=meds), kb)
    # 12 × 5 mL of 400 mg magnesium hydroxide: about 2,000 mg, above the limit on its own.
    [existing] = plan.existing
    assert existing.elemental_mg_per_day is not None and existing.elemental_mg_per_day > 350
    assert plan.doses == () and "supplements_over_ul" in _codes(plan.warnings)
    assert any("Milk of Magnesia" in w.message for w in plan.warnings)


def test_loose_stools_on_two_days_since_the_step_trigger_a_step_down() -> None:
    from datetime import date

    from mgcalm.planning import should_step_down

    step_start = date(2026, 11, 8)
    log = {date(2026, 11, 7): [7], date(2026, 11, 9): [4, 6], date(2026, 11, 10): [5]}
    assert not should_step_down(log, step_start)  # the 7th was before this step
    log[date(2026, 11, 11)] = [7]
    assert should_step_down(log, step_start)


def test_no_known_interaction_is_said_as_absence_of_evidence(kb: Any, make_profile: Build) -> None:
    plan = make_plan(make_profile(medications=[{"name": "sertraline", "times": ["08:00"]}]), kb)
    [note] = [w for w in plan.warnings if w.code == "no_known_interaction"]
    assert "absence of evidence" in note.message
    assert plan.separations == () and plan.doses


def test_when_no_meal_or_bedtime_clears_the_dose_goes_with_a_snack(
    kb: Any, make_profile: Build
) -> None:
    # Gabapentin at every meal and in the evening: 2 h either side closes each meal and the
    # before-bed slot, leaving only the gaps between them.
    meds = [{"name": "gabapentin", "times": ["07:30", "12:30", "18:30", "21:00"]}]
    plan = make_plan(make_profile(medications=meds, diet={"magnesium_mg": 50}), kb)
    [dose] = plan.doses
    assert dose.with_food and dose.elemental_mg == 200
    assert {"dose_with_snack", "fewer_dose_times"} <= _codes(plan.warnings)
    _assert_windows_kept(plan)


def test_unknown_conditions_and_supplements_are_named_not_ignored(
    kb: Any, make_profile: Build
) -> None:
    profile = make_profile(
        health={"conditions": ["zebra_syndrome"]},
        supplements=[{"name": "ashwagandha", "amount_mg": 300}],
    )
    plan = make_plan(profile, kb)
    assert plan.status == "caution"
    messages = " ".join(w.message for w in plan.warnings)
    assert "zebra_syndrome" in messages and "ashwagandha" in messages
    assert {"unknown_condition", "unknown_supplement"} <= _codes(plan.warnings)
