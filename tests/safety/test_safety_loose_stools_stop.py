"""Loose stools at the lowest dose stop magnesium: the same stop as a red flag, seen by everyone.

On SQLite and PostgreSQL, through the app layer the CLI, the web pages and the API all call.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mgcalm.app.exports.calendar import calendar_text
from mgcalm.app.safety.events import stored_events
from mgcalm.app.safety.step_down import step_up
from mgcalm.app.safety.stop import LOOSE_STOOLS_REASON, current_stop, resume
from mgcalm.app.trial.reports import stored_report_input
from mgcalm.app.views.daily import log_entry, today_view
from mgcalm.app.views.plan import plan_view
from mgcalm.evaluation.report import build_report

from .conftest import TODAY
from .test_safety_events_stop import _dose_days_from


def _stop_by_loose_stools(app: Any, person: str) -> dict[str, Any]:
    """Titration at 100 mg a day, then loose stools two days running: below the lowest step."""
    app.start_phase(person, {"phase": "titration", "start": TODAY - timedelta(days=2)})
    log_entry(app, person, "side_effect", {"day": TODAY - timedelta(days=1), "bristol_type": 6})
    return log_entry(app, person, "side_effect", {"day": TODAY, "bristol_type": 7})


def test_stepping_down_to_nothing_is_a_stop(mgcalm_app: Any, person: str) -> None:
    assert today_view(mgcalm_app, person, TODAY)["doses"]
    result = _stop_by_loose_stools(mgcalm_app, person)
    assert result["plan_change"]["to_mg_per_day"] == 0 and result["plan_change"]["stopped"]
    stop = current_stop(mgcalm_app, person)
    assert stop is not None and stop.since == TODAY and stop.reason == LOOSE_STOOLS_REASON
    # A clear message for the person: paused, until someone says it is safe, and what to do.
    assert result["stop"]["active"] and "loose stools" in result["stop"]["message"]
    alert = next(a for a in result["alerts"] if a["code"] == "loose_stools_stop")
    assert "magnesium is paused" in alert["message"] and "clinician" in alert["message"]
    assert any("blood" in step for step in result["stop"]["what_to_do"])

    view = today_view(mgcalm_app, person, TODAY)
    assert view["doses"] == [] and view["stop"]["since"] == TODAY.isoformat()
    assert "magnesium_stopped" in [a["code"] for a in view["alerts"]]
    ics = calendar_text(mgcalm_app, person, "Europe/London", TODAY)
    assert "mgcalm: magnesium paused" in ics and _dose_days_from(ics, TODAY) == []
    assert plan_view(mgcalm_app, person)["stop"]["reason"] == LOOSE_STOOLS_REASON


def test_the_clinician_is_flagged_once(mgcalm_app: Any, person: str) -> None:
    _stop_by_loose_stools(mgcalm_app, person)
    stops = [e for e in stored_events(mgcalm_app, person) if e.alert.code == "magnesium_stopped"]
    assert len(stops) == 1 and stops[0].origin == "stop" and stops[0].day == TODAY
    assert stops[0].alert.level == "stop_and_seek_care"
    assert stops[0].detail["cause"] == "loose_stools"
    # More loose stools the same day change nothing: one stop, one flag.
    log_entry(mgcalm_app, person, "side_effect", {"day": TODAY, "bristol_type": 7})
    assert len([e for e in stored_events(mgcalm_app, person) if e.origin == "stop"]) == 1
    report = build_report(stored_report_input(mgcalm_app, person, TODAY))
    assert any("loose stools went on" in f for f in report.input.safety_flags)


def test_resuming_is_deliberate_and_the_way_back_is_one_step(mgcalm_app: Any, person: str) -> None:
    _stop_by_loose_stools(mgcalm_app, person)
    resume(mgcalm_app, person, "Dr Patel (GP)", "stools settled, no dehydration")
    assert current_stop(mgcalm_app, person) is None
    view = plan_view(mgcalm_app, person)
    assert view["stepped_down"] and view["last_resumed"]["cleared_by"] == "Dr Patel (GP)"
    assert step_up(mgcalm_app, person, TODAY).to_mg_per_day == 100
    assert sum(d["elemental_mg"] for d in today_view(mgcalm_app, person, TODAY)["doses"]) == 100


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stools=st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=8))
@example(stools=[7, 7])  # always tried: the stop itself
@example(stools=[4, 6, 7, 3, 7, 7])
def test_whatever_stools_are_logged_no_dose_is_due_while_stopped_and_none_is_lost_otherwise(
    mgcalm_app: Any, stools: list[int]
) -> None:
    """Any run of daily Bristol ratings (types 1–7, one a day up to today), as a person logs them:
    after each, Today lists doses exactly when no stop is in force, never more than the plan's
    200 mg, and while stopped the calendar reminds no dose."""
    from mgcalm.domain.profile_parse import parse_profile_toml

    from .conftest import PROFILE

    profile, _ = parse_profile_toml(PROFILE)
    assert profile is not None
    person = str(mgcalm_app.create_person(profile).id)
    mgcalm_app.plan_for(person, today=TODAY - timedelta(days=len(stools) + 2))
    mgcalm_app.start_phase(
        person, {"phase": "titration", "start": TODAY - timedelta(days=len(stools) + 1)}
    )
    for offset, bristol in enumerate(stools):
        day = TODAY - timedelta(days=len(stools) - 1 - offset)
        log_entry(mgcalm_app, person, "side_effect", {"day": day, "bristol_type": bristol})
        due = sum(d["elemental_mg"] for d in today_view(mgcalm_app, person, TODAY)["doses"])
        stopped = current_stop(mgcalm_app, person) is not None
        assert (due == 0) == stopped, (stools[: offset + 1], due)
        assert due <= 200
    if current_stop(mgcalm_app, person) is not None:
        ics = calendar_text(mgcalm_app, person, "Europe/London", TODAY)
        assert _dose_days_from(ics, TODAY) == []
