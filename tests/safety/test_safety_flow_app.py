"""The safety flow in the app layer: crisis resources, red flags, and the loose-stools step-down."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest

from mgcalm.app.safety.flow import after_entry, after_questionnaire, previous_score, red_flags_in
from mgcalm.app.safety.step_down import current_daily_mg, step_down_if_needed
from mgcalm.domain import InvalidInputError
from mgcalm.domain.entries import QuestionnaireResponse, TrialPhase
from mgcalm.instruments import RED_FLAGS

from .conftest import TODAY

PHQ9_ITEM9 = [0, 0, 0, 0, 0, 0, 0, 0, 1]


def _log(app: Any, person: str, kind: str, **data: Any) -> Any:
    return app.log(person, kind, {"day": TODAY, **data}).entry


def _stool(app: Any, person: str, day: date, bristol: int = 6) -> Any:
    entry = app.log(person, "side_effect", {"day": day, "bristol_type": bristol}).entry
    return after_entry(app, person, entry)


def test_crisis_checkin_brings_the_regions_resources(mgcalm_app: Any, person: str) -> None:
    outcome = after_entry(mgcalm_app, person, _log(mgcalm_app, person, "checkin", crisis=True))
    assert outcome.crisis and outcome.alerts[0].code == "crisis_checkin"
    assert "clinician" in " ".join(outcome.alerts[0].actions)
    assert any(r["id"] == "us-988" for r in outcome.crisis_resources)
    assert outcome.to_json()["crisis_resources"] == list(outcome.crisis_resources)


def test_high_distress_is_the_distress_rule(mgcalm_app: Any, person: str) -> None:
    calm = after_entry(mgcalm_app, person, _log(mgcalm_app, person, "checkin", anxiety=8))
    assert not calm.alerts and not calm.crisis_resources
    high = after_entry(mgcalm_app, person, _log(mgcalm_app, person, "checkin", anxiety=9))
    assert [a.code for a in high.alerts] == ["high_distress"] and high.crisis


def test_phq9_item9_brings_crisis_resources(mgcalm_app: Any, person: str) -> None:
    entry = mgcalm_app.record_questionnaire(person, "phq9", PHQ9_ITEM9, TODAY)
    outcome = after_questionnaire(mgcalm_app, person, entry)
    assert outcome.alerts[0].code == "suicidal_ideation" and outcome.crisis


def test_a_reliable_worsening_prompts_the_clinician(mgcalm_app: Any, person: str) -> None:
    mgcalm_app.record_questionnaire(person, "gad7", [0] * 7, TODAY - timedelta(days=14))
    entry = mgcalm_app.record_questionnaire(person, "gad7", [2] * 7, TODAY)
    assert isinstance(entry, QuestionnaireResponse)
    before = previous_score(mgcalm_app, person, entry)
    assert before is not None and before.total == 0
    outcome = after_questionnaire(mgcalm_app, person, entry, before)
    assert [a.code for a in outcome.alerts] == ["sharp_worsening"]


@pytest.mark.parametrize("flag", [f.id for f in RED_FLAGS])
def test_every_red_flag_label_is_recognised_in_words(flag: str) -> None:
    label = next(f.label for f in RED_FLAGS if f.id == flag)
    assert red_flags_in(f"Since lunch: {label}") == [flag]


def test_words_without_a_red_flag_raise_nothing() -> None:
    assert red_flags_in("a little tired, mild headache") == []


def test_red_flag_says_stop_and_seek_care(mgcalm_app: Any, person: str) -> None:
    entry = _log(mgcalm_app, person, "side_effect", other="felt confused all afternoon")
    outcome = after_entry(mgcalm_app, person, entry)
    assert [a.level for a in outcome.alerts] == ["stop_and_seek_care"]
    assert "Stop taking magnesium now." in outcome.alerts[0].actions
    assert not outcome.crisis_resources  # a red flag is a medical matter, not a crisis line


def test_unknown_symptom_is_a_problem_naming_the_known_ones(mgcalm_app: Any, person: str) -> None:
    entry = _log(mgcalm_app, person, "side_effect", nausea=2)
    with pytest.raises(InvalidInputError) as error:
        after_entry(mgcalm_app, person, entry, ["tingling"])
    assert "muscle_weakness" in error.value.problems[0].accepted


def test_two_loose_days_step_the_stored_plan_down_once(mgcalm_app: Any, person: str) -> None:
    assert _stool(mgcalm_app, person, TODAY - timedelta(days=1)).plan_change is None
    outcome = _stool(mgcalm_app, person, TODAY, 7)
    change = outcome.plan_change
    assert change is not None and (change.from_mg_per_day, change.to_mg_per_day) == (200, 100)
    assert [a.level for a in outcome.alerts] == ["step_down"]
    assert "100 mg a day" in outcome.alerts[0].message
    assert mgcalm_app.active_plan(person, TODAY).daily_elemental_mg == 100
    doses = mgcalm_app.today_status(person, TODAY).doses
    assert sum(d.elemental_mg for d in doses) == 100
    versions = len(mgcalm_app.plan_history(person))
    again = _stool(mgcalm_app, person, TODAY, 7)  # more loose stools the same day
    assert again.plan_change is None and not again.alerts
    assert len(mgcalm_app.plan_history(person)) == versions


def test_loose_stools_after_a_step_down_count_afresh(mgcalm_app: Any, person: str) -> None:
    def stool_on(day: date) -> Any:
        mgcalm_app.log(person, "side_effect", {"day": day, "bristol_type": 6})
        return step_down_if_needed(mgcalm_app, person, day)[1]

    assert stool_on(TODAY - timedelta(days=1)) is None
    assert stool_on(TODAY) is not None  # 200 → 100 mg from today
    assert stool_on(TODAY + timedelta(days=1)) is None  # one loose day at the new dose: wait
    assert mgcalm_app.active_plan(person, TODAY + timedelta(days=1)).daily_elemental_mg == 100
    change = stool_on(TODAY + timedelta(days=2))
    assert change is not None and change.stopped and change.from_mg_per_day == 100
    assert not mgcalm_app.active_plan(person, TODAY + timedelta(days=2)).doses
    assert mgcalm_app.active_plan(person, TODAY).daily_elemental_mg == 100  # history kept


def test_below_the_lowest_step_the_alert_says_stop(mgcalm_app: Any, person: str) -> None:
    mgcalm_app.start_phase(person, {"phase": "titration", "start": TODAY - timedelta(days=2)})
    _stool(mgcalm_app, person, TODAY - timedelta(days=1))
    outcome = _stool(mgcalm_app, person, TODAY)
    change = outcome.plan_change
    assert change is not None and (change.from_mg_per_day, change.to_mg_per_day) == (100, 0)
    assert outcome.alerts[0].code == "loose_stools_stop"
    assert "Stop taking magnesium." in outcome.alerts[0].actions
    assert not mgcalm_app.active_plan(person, TODAY).doses


def test_no_step_down_while_no_magnesium_is_taken(mgcalm_app: Any, person: str) -> None:
    mgcalm_app.start_phase(person, {"phase": "baseline", "start": date(2026, 11, 20)})
    _stool(mgcalm_app, person, TODAY - timedelta(days=1))
    assert _stool(mgcalm_app, person, TODAY).plan_change is None
    assert mgcalm_app.active_plan(person, TODAY).daily_elemental_mg == 200


def test_mid_titration_steps_down_from_the_current_step() -> None:
    from mgcalm.domain.plan import Dose, Plan, Reference, TitrationStep

    dose = Dose(time(21, 30), "glycinate", 200, 1408, False, "sleep")
    steps = (TitrationStep(1, 100), TitrationStep(8, 200))
    plan = Plan("ok", (), (), Reference(310, 350, None), 200, (), steps, (dose,), (), (), ())
    phase = TrialPhase(id="t", phase="titration", start=TODAY - timedelta(days=2))
    assert current_daily_mg(plan, phase, TODAY) == 100
    assert current_daily_mg(plan, phase, TODAY + timedelta(days=5)) == 200
    assert current_daily_mg(plan, None, TODAY) == 200


def test_the_cli_lists_every_red_flag() -> None:
    from mgcalm.cli.tracking_log_cmds import RED_FLAG_IDS

    assert tuple(f.id for f in RED_FLAGS) == RED_FLAG_IDS


def test_a_finished_medicine_course_does_not_shape_the_lower_plan() -> None:
    from mgcalm.app.plans.held import lower_plan
    from mgcalm.domain.profile_parse import parse_profile_toml

    from .conftest import PROFILE

    course = '[[medications]]\nname = "ciprofloxacin"\ntimes = ["08:00", "14:00", "20:00"]\n'
    course += "start = 2026-11-01\nend = 2026-11-10\n"
    profile, problems = parse_profile_toml(PROFILE + course)
    assert profile is not None, problems
    plan = lower_plan(profile, 200, TODAY)
    assert plan.daily_elemental_mg == 100 and plan.separations == ()


def test_concurrent_checks_step_down_exactly_once(mgcalm_app: Any, person: str) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    for day in (TODAY - timedelta(days=1), TODAY):
        mgcalm_app.log(person, "side_effect", {"day": day, "bristol_type": 7})
    before = len(mgcalm_app.plan_history(person))
    start = Barrier(8)

    def check(_: int) -> Any:
        start.wait()
        return step_down_if_needed(mgcalm_app, person, TODAY)[1]

    with ThreadPoolExecutor(8) as pool:
        changes = [c for c in pool.map(check, range(8)) if c is not None]
    assert len(changes) == 1 and changes[0].to_mg_per_day == 100
    assert len(mgcalm_app.plan_history(person)) == before + 1


def test_a_batch_gets_every_alert_and_one_step_down(mgcalm_app: Any, person: str) -> None:
    from mgcalm.app.safety.flow import after_entries
    from mgcalm.domain.entries import parse_entry

    raw = [
        ("checkin", {"id": "c1", "day": TODAY, "crisis": True}),
        ("side_effect", {"id": "s1", "day": TODAY - timedelta(days=1), "bristol_type": 6}),
        ("side_effect", {"id": "s2", "day": TODAY, "bristol_type": 7}),
    ]
    entries = [parse_entry(kind, data) for kind, data in raw]
    mgcalm_app.log_entries(person, entries)
    outcome = after_entries(mgcalm_app, person, entries)
    assert [a.level for a in outcome.alerts] == ["crisis", "step_down"]
    assert outcome.plan_change is not None and outcome.crisis_resources
