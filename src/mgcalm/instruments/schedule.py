"""What is due today: questionnaires on their recall windows, daily check-in and sleep diary.

- PCL-5 at baseline, then either monthly with the standard past-month form (``pcl5``) or every
  14 days with the past-week form (``pcl5_week``). The baseline uses the same form as the
  follow-ups so totals are compared like with like.
- GAD-7 and PHQ-9 at baseline and every 14 days, matching their two-week recall window.
- The daily check-in and the sleep diary each day. The sleep diary is filled in the morning
  about the night before and is never back-filled (Carney et al. 2012): a missed day stays
  blank, so a daily task is only ever due today.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Literal

from mgcalm.domain import InvalidInputError, Problem

PclVersion = Literal["month", "week"]
QUESTIONNAIRE_DAYS = 14
DAILY = ("checkin", "sleep_diary")
TASKS = ("pcl5", "pcl5_week", "gad7", "phq9", *DAILY)
TITLES: Mapping[str, str] = MappingProxyType(
    {
        "pcl5": "PCL-5 (past month)",
        "pcl5_week": "PCL-5 (past week)",
        "gad7": "GAD-7",
        "phq9": "PHQ-9",
        "checkin": "Daily check-in",
        "sleep_diary": "Sleep diary (last night)",
    }
)


@dataclass(frozen=True, slots=True)
class Due:
    """One task that is due today or overdue."""

    task: str
    title: str
    due_on: date
    overdue_days: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the task."""
        return {
            "task": self.task,
            "title": self.title,
            "due_on": self.due_on.isoformat(),
            "overdue_days": self.overdue_days,
            "reason": self.reason,
        }


def add_month(day: date) -> date:
    """The same day next month, clamped to the month's end (31 Jan → 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(task: str, last: date | None, today: date) -> tuple[date, str]:
    """When a task is next due after it was last done on ``last``, and the rule that says so."""
    if task in DAILY:
        return today, "daily"
    if last is None:
        return today, "baseline"
    if task == "pcl5":
        return add_month(last), "monthly"
    return last + timedelta(days=QUESTIONNAIRE_DAYS), f"every {QUESTIONNAIRE_DAYS} days"


def _validate(last_done: Mapping[str, date | None], today: date) -> None:
    problems = [
        Problem(f"last_done.{k}", "unknown task", ", ".join(TASKS))
        for k in last_done
        if k not in TASKS
    ]
    problems += [
        Problem(f"last_done.{k}", f"{v.isoformat()} is after today ({today})", f"up to {today}")
        for k, v in last_done.items()
        if v is not None and v > today
    ]
    if problems:
        raise InvalidInputError(problems)


def due_assessments(
    last_done: Mapping[str, date | None],
    today: date,
    *,
    pcl5_version: PclVersion = "month",
) -> list[Due]:
    """Tasks due today or overdue, in a stable order (questionnaires first, then daily tasks)."""
    _validate(last_done, today)
    pcl = "pcl5" if pcl5_version == "month" else "pcl5_week"
    due: list[Due] = []
    for task in (pcl, "gad7", "phq9", *DAILY):
        last = last_done.get(task)
        if task in DAILY and last == today:
            continue
        on, reason = next_due(task, last, today)
        if on <= today:
            due.append(Due(task, TITLES[task], on, (today - on).days, reason))
    return due
