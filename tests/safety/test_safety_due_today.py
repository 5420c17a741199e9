"""What Today lists beyond doses: questionnaires on their schedule, daily tasks, active alerts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from mgcalm.app.tracking.due import due_tasks, due_today
from mgcalm.domain.entries import parse_entry

from .conftest import TODAY

START = date(2026, 11, 2)  # the day the baseline questionnaires were answered
DAILY = ["checkin", "sleep_diary"]


def _answer_all(app: Any, person: str, day: date, pcl5: str = "pcl5_week") -> None:
    sizes = {"pcl5": 20, "pcl5_week": 20, "gad7": 7, "phq9": 9}
    for instrument in (pcl5, "gad7", "phq9"):
        app.record_questionnaire(person, instrument, [1] * sizes[instrument], day)


def _tasks(app: Any, person: str, day: date) -> list[str]:
    return [t["task"] for t in due_today(app, person, day).to_json()["due"]]


def test_day_0_everything_is_due_at_baseline(mgcalm_app: Any, person: str) -> None:
    due = due_today(mgcalm_app, person, START).to_json()
    assert [t["task"] for t in due["questionnaires_due"]] == ["pcl5", "gad7", "phq9"]
    assert all(t["reason"] == "baseline" for t in due["questionnaires_due"])
    assert [t["task"] for t in due["due"]] == ["pcl5", "gad7", "phq9", *DAILY]
    assert due["questionnaires_due"][1]["href"] == "/assess/gad7"
    assert not due["alerts"] and due["crisis_resources"] == []


def test_answered_today_leaves_only_the_daily_tasks(mgcalm_app: Any, person: str) -> None:
    _answer_all(mgcalm_app, person, START)
    assert _tasks(mgcalm_app, person, START) == DAILY


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (13, DAILY),
        (14, ["pcl5_week", "gad7", "phq9", *DAILY]),
        (20, ["pcl5_week", "gad7", "phq9", *DAILY]),
    ],
)
def test_past_week_pcl5_gad7_phq9_every_14_days(
    mgcalm_app: Any, person: str, days: int, expected: list[str]
) -> None:
    _answer_all(mgcalm_app, person, START)
    assert _tasks(mgcalm_app, person, START + timedelta(days=days)) == expected


def test_overdue_days_are_counted(mgcalm_app: Any, person: str) -> None:
    _answer_all(mgcalm_app, person, START)
    gad7 = due_today(mgcalm_app, person, START + timedelta(days=20)).questionnaires[1]
    assert (gad7.task, gad7.overdue_days, gad7.due_on) == ("gad7", 6, START + timedelta(days=14))


def test_past_month_pcl5_is_due_a_month_later(mgcalm_app: Any, person: str) -> None:
    _answer_all(mgcalm_app, person, START, pcl5="pcl5")
    assert _tasks(mgcalm_app, person, START + timedelta(days=14)) == ["gad7", "phq9", *DAILY]
    assert _tasks(mgcalm_app, person, date(2026, 12, 2))[0] == "pcl5"


def test_a_later_questionnaire_does_not_count_for_an_earlier_day(
    mgcalm_app: Any, person: str
) -> None:
    _answer_all(mgcalm_app, person, TODAY)
    assert _tasks(mgcalm_app, person, START)[:3] == ["pcl5", "gad7", "phq9"]


def test_todays_checkin_and_diary_are_no_longer_due(mgcalm_app: Any, person: str) -> None:
    mgcalm_app.log(person, "checkin", {"day": TODAY, "anxiety": 3})
    assert "checkin" not in _tasks(mgcalm_app, person, TODAY)
    assert "sleep_diary" in _tasks(mgcalm_app, person, TODAY)


def test_due_tasks_is_pure_over_entries() -> None:
    entry = parse_entry(
        "questionnaire", {"id": "q1", "day": START, "instrument": "gad7", "answers": [0] * 7}
    )
    tasks = [t.task for t in due_tasks([entry], START + timedelta(days=1))]
    assert tasks == ["pcl5", "phq9", *DAILY]


def test_todays_crisis_checkin_is_an_active_alert(mgcalm_app: Any, person: str) -> None:
    mgcalm_app.log(person, "checkin", {"day": TODAY - timedelta(days=1), "crisis": True})
    assert not due_today(mgcalm_app, person, TODAY).to_json()["alerts"]  # yesterday's
    mgcalm_app.log(person, "checkin", {"day": TODAY, "crisis": True})
    due = due_today(mgcalm_app, person, TODAY).to_json()
    assert due["alerts"][0]["code"] == "crisis_checkin" and due["crisis_resources"]


def test_recent_red_flag_and_phq9_item9_stay_on_today(mgcalm_app: Any, person: str) -> None:
    yesterday = TODAY - timedelta(days=1)
    mgcalm_app.log(person, "side_effect", {"day": yesterday, "other": "Irregular heartbeat"})
    mgcalm_app.record_questionnaire(person, "phq9", [0] * 8 + [2], yesterday)
    due = due_today(mgcalm_app, person, TODAY).to_json()
    codes = [a["code"] for a in due["alerts"]]
    assert codes == ["suicidal_ideation", "magnesium_red_flag", "magnesium_stopped"]
    # The red flag and the answer fade from Today; the stop stays until someone resumes.
    later = due_today(mgcalm_app, person, TODAY + timedelta(days=1)).to_json()["alerts"]
    assert [a["code"] for a in later] == ["magnesium_stopped"]


def test_a_step_down_shows_for_the_stool_window(mgcalm_app: Any, person: str) -> None:
    for day in (TODAY - timedelta(days=1), TODAY):
        mgcalm_app.log(person, "side_effect", {"day": day, "bristol_type": 7})
    from mgcalm.app.safety.step_down import step_down_if_needed

    assert step_down_if_needed(mgcalm_app, person, TODAY)[1] is not None
    codes = [a["code"] for a in due_today(mgcalm_app, person, TODAY).to_json()["alerts"]]
    assert codes == ["plan_stepped_down"]
    later = due_today(mgcalm_app, person, TODAY + timedelta(days=3)).to_json()["alerts"]
    assert later == []
