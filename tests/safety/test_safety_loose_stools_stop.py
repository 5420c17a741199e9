"""Loose stools at the lowest dose stop magnesium: the same stop as a red flag, seen by everyone.

On SQLite and PostgreSQL, through the app layer the CLI, the web pages and the API all call.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
