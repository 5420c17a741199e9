"""Which days questionnaires fall due, looking ahead, for the calendar.

It follows the schedule of ``mgcalm.instruments`` (PCL-5 monthly or the past-week form every
14 days, GAD-7 and PHQ-9 every 14 days) from the day each was last done; anything already due
or overdue is put on ``start``, since a missed questionnaire is taken when it can be.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from mgcalm.instruments.schedule import TITLES, PclVersion, next_due


def questionnaire_days(
    last_done: Mapping[str, date | None],
    start: date,
    until: date,
    *,
    pcl5_version: PclVersion = "month",
) -> tuple[tuple[date, tuple[str, ...]], ...]:
    """Each day from ``start`` to ``until`` on which questionnaires are due, with their names."""
    tasks = ("pcl5" if pcl5_version == "month" else "pcl5_week", "gad7", "phq9")
    due_on: dict[date, list[str]] = defaultdict(list)
    for task in tasks:
        day, _ = next_due(task, last_done.get(task), start)
        day = max(day, start)
        while day <= until:
            due_on[day].append(TITLES[task])
            day, _ = next_due(task, day, day)
    return tuple((day, tuple(names)) for day, names in sorted(due_on.items()))
