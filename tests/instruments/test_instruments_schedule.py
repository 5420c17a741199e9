"""Questionnaires fall due on their recall windows; daily tasks each day, never back-filled."""

from __future__ import annotations

from datetime import date

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.instruments import Due, due_assessments
from mgcalm.instruments.schedule import add_month

TODAY = date(2026, 11, 26)


def _tasks(due: list[Due]) -> list[str]:
    return [d.task for d in due]


def test_first_day_everything_is_due_as_baseline() -> None:
    due = due_assessments({}, TODAY)
    assert _tasks(due) == ["pcl5", "gad7", "phq9", "checkin", "sleep_diary"]
    assert {d.reason for d in due[:3]} == {"baseline"}
    assert all(d.due_on == TODAY and d.overdue_days == 0 for d in due)


def test_gad7_and_phq9_every_14_days() -> None:
    last = {"pcl5": TODAY, "checkin": TODAY, "sleep_diary": TODAY}
    assert _tasks(due_assessments({**last, "gad7": date(2026, 11, 13), "phq9": None}, TODAY)) == [
        "phq9"
    ]
    due = due_assessments({**last, "gad7": date(2026, 11, 12), "phq9": date(2026, 11, 10)}, TODAY)
    assert [(d.task, d.due_on, d.overdue_days) for d in due] == [
        ("gad7", date(2026, 11, 26), 0),
        ("phq9", date(2026, 11, 24), 2),
    ]


def test_pcl5_monthly_uses_calendar_months() -> None:
    base = {"gad7": TODAY, "phq9": TODAY, "checkin": TODAY, "sleep_diary": TODAY}
    assert due_assessments({**base, "pcl5": date(2026, 10, 27)}, TODAY) == []
    (due,) = due_assessments({**base, "pcl5": date(2026, 10, 26)}, TODAY)
    assert (due.task, due.reason) == ("pcl5", "monthly")
    assert add_month(date(2027, 1, 31)) == date(2027, 2, 28)
    assert add_month(date(2026, 12, 15)) == date(2027, 1, 15)


def test_pcl5_past_week_form_every_14_days_with_its_own_baseline() -> None:
    base = {"gad7": TODAY, "phq9": TODAY, "checkin": TODAY, "sleep_diary": TODAY}
    # A past-month PCL-5 is not a baseline for the past-week form: compare like with like.
    (due,) = due_assessments({**base, "pcl5": TODAY}, TODAY, pcl5_version="week")
    assert (due.task, due.reason) == ("pcl5_week", "baseline")
    assert (
        due_assessments({**base, "pcl5_week": date(2026, 11, 13)}, TODAY, pcl5_version="week") == []
    )
    (due,) = due_assessments({**base, "pcl5_week": date(2026, 11, 12)}, TODAY, pcl5_version="week")
    assert due.reason == "every 14 days"


def test_daily_tasks_due_today_only_never_back_filled() -> None:
    base = {"pcl5": TODAY, "gad7": TODAY, "phq9": TODAY}
    due = due_assessments({**base, "checkin": date(2026, 11, 20), "sleep_diary": None}, TODAY)
    assert [(d.task, d.due_on, d.overdue_days) for d in due] == [
        ("checkin", TODAY, 0),
        ("sleep_diary", TODAY, 0),
    ]


def test_unknown_task_and_future_dates_are_problems() -> None:
    with pytest.raises(InvalidInputError) as info:
        due_assessments({"bdi": TODAY, "gad7": date(2026, 12, 1)}, TODAY)
    assert {p.location for p in info.value.problems} == {"last_done.bdi", "last_done.gad7"}
