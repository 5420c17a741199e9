"""Safety events are stored with what raises them, and a stop stops until someone resumes it.

On SQLite and PostgreSQL, through the app layer the CLI, the web pages and the API all call.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from mgcalm.app.exports.calendar import calendar_text
from mgcalm.app.safety import events as events_module
from mgcalm.app.safety.events import record_answer, stored_events
from mgcalm.app.safety.stop import current_stop, resume
from mgcalm.app.tracking.due import due_today
from mgcalm.app.views.assess import submit_questionnaire
from mgcalm.app.views.daily import log_entry, mark_dose, today_view
from mgcalm.domain import InvalidInputError
from mgcalm.store.database import ConcurrentWriteError

from .conftest import TODAY

PHQ9_ITEM9 = [0] * 8 + [2]


def _codes(app: Any, person: str) -> list[tuple[str, str]]:
    return [(e.source_id, e.alert.code) for e in stored_events(app, person)]


def test_an_item9_answer_is_stored_before_the_questionnaire_is_finished(
    mgcalm_app: Any, person: str
) -> None:
    assert record_answer(mgcalm_app, person, "phq9", [0] * 8, "q-1") == ()  # not yet
    assert _codes(mgcalm_app, person) == []
    alerts = record_answer(mgcalm_app, person, "phq9", [0] * 8 + [1], "q-1")
    assert [a.code for a in alerts] == ["suicidal_ideation"]
    assert _codes(mgcalm_app, person) == [("q-1", "suicidal_ideation")]
    # Nothing else was saved: the questionnaire itself is not there until it is finished.
    assert mgcalm_app.history(person, kinds=["questionnaire"]) == []
    due = due_today(mgcalm_app, person, TODAY).to_json()
    assert due["alerts"][0]["code"] == "suicidal_ideation" and due["crisis_resources"]


def test_finishing_it_later_adds_no_second_event(mgcalm_app: Any, person: str) -> None:
    record_answer(mgcalm_app, person, "phq9", PHQ9_ITEM9, "q-2")
    result = submit_questionnaire(mgcalm_app, person, "phq9", [*PHQ9_ITEM9, 1], "q-2")
    assert result["crisis"] and result["entry_id"] == "q-2" and result["crisis_resources"]
    assert _codes(mgcalm_app, person) == [("q-2", "suicidal_ideation")]  # one line, not two
    event = stored_events(mgcalm_app, person)[0]
    assert event.origin == "answer" and event.day == TODAY


def test_pcl5_item16_is_acted_on_when_answered(mgcalm_app: Any, person: str) -> None:
    assert record_answer(mgcalm_app, person, "pcl5_week", [1] * 15 + [2], "p-1") == ()
    alerts = record_answer(mgcalm_app, person, "pcl5_week", [1] * 15 + [3], "p-1")
    assert [a.code for a in alerts] == ["risky_behaviour"]
    with pytest.raises(InvalidInputError) as raised:
        record_answer(mgcalm_app, person, "pcl5_week", [1] * 15 + [5], "p-1")
    assert raised.value.problems[0].location == "answers.item16"


def test_check_ins_and_worsening_are_events_with_their_day(mgcalm_app: Any, person: str) -> None:
    yesterday = TODAY - timedelta(days=1)
    mgcalm_app.log(person, "checkin", {"id": "c1", "day": yesterday, "anxiety": 9})
    mgcalm_app.log(person, "checkin", {"id": "c2", "day": TODAY, "anxiety": 3, "crisis": True})
    mgcalm_app.record_questionnaire(person, "gad7", [0] * 7, yesterday, "g1")
    mgcalm_app.record_questionnaire(person, "gad7", [3] * 7, TODAY, "g2")
    found = {(e.source_id, e.alert.code, e.day) for e in stored_events(mgcalm_app, person)}
    assert found == {
        ("c1", "high_distress", yesterday),
        ("c2", "crisis_checkin", TODAY),
        ("g2", "sharp_worsening", TODAY),
    }
    mgcalm_app.log(person, "checkin", {"id": "c1", "day": yesterday, "anxiety": 9})  # resent
    assert len(stored_events(mgcalm_app, person)) == 3


def test_an_entry_is_never_saved_without_its_events(
    mgcalm_app: Any, person: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> int:
        raise ConcurrentWriteError([])

    monkeypatch.setattr(events_module.safety_repo, "add_events", broken)
    with pytest.raises(ConcurrentWriteError):
        mgcalm_app.log(person, "checkin", {"id": "c9", "day": TODAY, "anxiety": 10})
    assert mgcalm_app.history(person, kinds=["checkin"]) == []  # rolled back with its event


def test_a_red_flag_stops_magnesium_everywhere_until_resumed(mgcalm_app: Any, person: str) -> None:
    before = today_view(mgcalm_app, person, TODAY)
    planned = [d["time"] for d in before["doses"]]
    assert planned and {d["status"] for d in before["doses"]} == {"due"} and before["stop"] is None
    assert "Magnesium glycinate" in calendar_text(mgcalm_app, person, "Europe/London", TODAY)

    result = log_entry(mgcalm_app, person, "side_effect", {"id": "s1"}, ["slow_heartbeat"])
    assert result["stop"]["active"] and "very slow heartbeat" in result["stop"]["message"]
    view = today_view(mgcalm_app, person, TODAY)
    assert view["doses"] == [] and view["stop"]["since"] == TODAY.isoformat()
    assert [a["code"] for a in view["alerts"]][-1] == "magnesium_stopped"
    with pytest.raises(InvalidInputError) as refused:
        mark_dose(mgcalm_app, person, planned[0], True, mgcalm_app.clock())
    assert "paused since" in refused.value.problems[0].message
    ics = calendar_text(mgcalm_app, person, "Europe/London", TODAY)
    assert "mgcalm: magnesium paused" in ics
    assert _dose_days_from(ics, TODAY) == []  # no dose reminder on or after the stop

    log_entry(mgcalm_app, person, "side_effect", {"id": "s1"}, ["slow_heartbeat"])  # resent
    log_entry(mgcalm_app, person, "side_effect", {"id": "s2", "other": "fainted"})
    assert len([e for e in stored_events(mgcalm_app, person) if e.origin == "stop"]) == 1

    with pytest.raises(InvalidInputError) as missing:
        resume(mgcalm_app, person, "", "  ")
    assert [p.location for p in missing.value.problems] == ["cleared_by", "reason"]
    assert current_stop(mgcalm_app, person) is not None  # still stopped
    done = resume(mgcalm_app, person, "Dr Patel (GP)", "ECG normal")
    assert (done["active"], done["cleared_by"], done["resumed_on"]) == (
        False,
        "Dr Patel (GP)",
        TODAY.isoformat(),
    )
    assert [d["time"] for d in today_view(mgcalm_app, person, TODAY)["doses"]] == planned
    with pytest.raises(InvalidInputError):
        resume(mgcalm_app, person, "Dr Patel", "again")  # nothing left to resume


def test_a_red_flag_from_another_day_stops_from_today(mgcalm_app: Any, person: str) -> None:
    earlier = TODAY - timedelta(days=3)
    mgcalm_app.log(person, "side_effect", {"id": "s3", "day": earlier, "other": "black stool"})
    stop = current_stop(mgcalm_app, person)
    assert stop is not None and stop.since == TODAY and earlier.isoformat() in stop.reason


def test_a_correction_that_adds_a_red_flag_stops_too(mgcalm_app: Any, person: str) -> None:
    mgcalm_app.log(person, "side_effect", {"id": "s4", "day": TODAY, "nausea": 2})
    assert current_stop(mgcalm_app, person) is None
    mgcalm_app.amend(person, "side_effect", {"id": "s4", "day": TODAY, "other": "confused"})
    assert current_stop(mgcalm_app, person) is not None


def test_no_setting_switches_the_safety_flow_off(mgcalm_data_dir: Any, database_url: str) -> None:
    from mgcalm.app import Settings, open_app
    from mgcalm.app.settings import Settings as SettingsModel

    names = " ".join(SettingsModel.model_fields)
    assert not any(word in names for word in ("safety", "crisis", "stop", "flag", "alert"))
    clinic = Settings(data_dir=mgcalm_data_dir, database_url=database_url, clinic_mode=True)
    app = open_app(clinic)
    try:
        from mgcalm.domain.profile_parse import parse_profile_toml

        from .conftest import PROFILE

        profile, _ = parse_profile_toml(PROFILE)
        assert profile is not None
        app.create_person(profile, person_id="c")
        app.log("c", "checkin", {"id": "x", "day": TODAY, "crisis": True})
        assert [e.alert.code for e in stored_events(app, "c")] == ["crisis_checkin"]
    finally:
        app.close()


def _dose_days_from(ics: str, since: Any) -> list[str]:
    """The DTSTART/UNTIL dates of dose events that reach ``since`` or later."""
    import icalendar

    late = []
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        if "dose" not in [str(c) for c in event.get("categories").cats]:
            continue
        rule = event.get("rrule")
        until = rule.get("UNTIL", [None])[0] if rule else None
        start = event.decoded("dtstart")
        last = until.date() if until is not None else None
        if last is None or last >= since or start.date() >= since:
            late.append(str(start))
    return late
