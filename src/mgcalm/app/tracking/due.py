"""What is due today beyond the doses: questionnaires, check-in, sleep diary and safety alerts.

The schedule is :func:`mgcalm.instruments.due_assessments`: PCL-5 at baseline then monthly
(past-month form) or every 14 days (past-week form), GAD-7 and PHQ-9 at baseline and every 14
days, the check-in and the sleep diary every day. Last-done dates come from the stored
questionnaire responses and the daily entries: the last of each is found by the database
(:func:`stored_last_done`), so Today costs the same after three years as after three days.
The PCL-5 form is the one the person has used (past-week once they have answered it,
otherwise past-month), as the calendar export decides.

``due_today(app, person_id, day).to_json()`` gives additive keys for ``mgcalm today --json`` and
the web Today page: ``due``, ``questionnaires_due``, ``alerts``, ``crisis`` and
``crisis_resources``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from mgcalm.app.safety.flow import SafetyOutcome, active_alerts
from mgcalm.app.tracking.entries import last_questionnaires, readable_entry
from mgcalm.domain.entries import EntryBase, QuestionnaireResponse
from mgcalm.instruments.schedule import DAILY, Due, PclVersion, due_assessments
from mgcalm.store import entries as entries_repo

if TYPE_CHECKING:
    from mgcalm.app.core import App

QUESTIONNAIRES = ("pcl5", "pcl5_week", "gad7", "phq9")
#: The entry kind behind each daily task.
DAILY_KINDS = {"checkin": "checkin", "sleep": "sleep_diary"}


@dataclass(frozen=True, slots=True)
class DueToday:
    """Tasks due today or overdue, and the safety alerts still current."""

    day: date
    tasks: tuple[Due, ...]
    safety: SafetyOutcome

    @property
    def questionnaires(self) -> tuple[Due, ...]:
        """Only the questionnaires among the tasks."""
        return tuple(t for t in self.tasks if t.task not in DAILY)

    def to_json(self) -> dict[str, Any]:
        """Keys to merge into the Today view (each task with the link that fills it in)."""
        return {
            "due": [_task_json(t) for t in self.tasks],
            "questionnaires_due": [_task_json(t) for t in self.questionnaires],
            "alerts": [a.to_json() for a in self.safety.alerts],
            "crisis": self.safety.crisis,
            "crisis_resources": list(self.safety.crisis_resources),
        }


def _task_json(task: Due) -> dict[str, Any]:
    return {**task.to_json(), "href": TASK_LINKS.get(task.task, f"/assess/{task.task}")}


TASK_LINKS = {"checkin": "/log/checkin", "sleep_diary": "/log/sleep"}


def last_done(entries: Iterable[EntryBase], day: date) -> dict[str, date | None]:
    """The last day each task was done, up to ``day`` (None: never)."""
    last: dict[str, date | None] = dict.fromkeys((*QUESTIONNAIRES, *DAILY))
    for entry in entries:
        if entry.day > day:
            continue
        task = (
            entry.instrument
            if isinstance(entry, QuestionnaireResponse)
            else DAILY_KINDS.get(entry.kind)
        )
        if task in last:
            last[task] = max(entry.day, last[task] or entry.day)
    return last


def pcl5_version(last: dict[str, date | None]) -> PclVersion:
    """The PCL-5 form the person follows: past-week once they have used it, else past-month."""
    return "week" if last.get("pcl5_week") is not None else "month"


def due_tasks(entries: Iterable[EntryBase], day: date) -> list[Due]:
    """Every task due on ``day`` from the person's entries (questionnaires first)."""
    return tasks_due(last_done(entries, day), day)


def tasks_due(last: dict[str, date | None], day: date) -> list[Due]:
    """Every task due on ``day`` given the last day each was done (questionnaires first)."""
    version = pcl5_version(last)
    unused = "pcl5" if version == "week" else "pcl5_week"
    return due_assessments(
        {k: v for k, v in last.items() if k != unused}, day, pcl5_version=version
    )


def stored_last_done(conn: Connection, person_id: str, day: date) -> dict[str, date | None]:
    """:func:`last_done` over everything stored up to ``day``, from a few indexed rows.

    Only the day's own check-ins and diaries are decoded (a daily task is due unless done
    today); the days before come from the index alone. Of the questionnaires, only the last of
    each form is read (:func:`~mgcalm.app.tracking.entries.last_questionnaires`).
    """
    kinds = list(DAILY_KINDS)
    today = entries_repo.list_entries(conn, person_id, kinds=kinds, start=day, end=day)
    daily = [e for e in (readable_entry(r.document) for r in today) if e is not None]
    last = last_done([*last_questionnaires(conn, person_id, day), *daily], day)
    earlier = entries_repo.last_days(conn, person_id, kinds, day - timedelta(days=1))
    for kind, found in earlier.items():
        last[DAILY_KINDS[kind]] = last[DAILY_KINDS[kind]] or found
    return last


def due_today(app: App, person_id: str, day: date | None = None) -> DueToday:
    """What is due on ``day`` (default today) and the safety alerts still current."""
    day = day or app.today()
    with app.store.read() as conn:
        last = stored_last_done(conn, person_id, day)
    return DueToday(day, tuple(tasks_due(last, day)), active_alerts(app, person_id, day))


def questionnaires_due(app: App, person_id: str, day: date) -> list[dict[str, Any]]:
    """Only the questionnaires due on ``day``, as JSON (what the web Today page lists)."""
    with app.store.read() as conn:
        last = stored_last_done(conn, person_id, day)
    return [_task_json(t) for t in tasks_due(last, day) if t.task not in DAILY]
