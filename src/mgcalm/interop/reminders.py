"""Reminders as data: what should appear in the person's calendar, before any file format.

Two shapes cover everything: a :class:`DailyReminder` (a dose, a practice, the wind-down) that
repeats every day at a local clock time between two dates, and a :class:`DatedReminder` (a
titration step, a phase change, a questionnaire day) on one date. :func:`plan_reminders` reads a
plan in the ``mgcalm.plan/1`` JSON shape; :func:`trial_reminders` turns trial phases and
questionnaire days into dated reminders; :func:`without_doses_from` drops every dose from the day
magnesium was stopped. The iCalendar writer only ever sees these two shapes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Any

#: Routine kinds that deserve an alarm; meals and the like appear without one (no nagging).
ALARM_KINDS: tuple[str, ...] = ("dose", "practice", "wind_down", "wind-down", "sleep", "bedtime")
#: Plan statuses under which no dose is scheduled at all.
NO_DOSE_STATUSES: tuple[str, ...] = ("clinician_required", "not_recommended")
#: All-day reminders ring at 09:00 on their day (an offset from the day's midnight).
DAY_ALARM = timedelta(hours=9)


@dataclass(frozen=True, slots=True)
class DailyReminder:
    """Something done every day at a local time, from ``first_day`` to ``last_day`` inclusive."""

    key: str
    kind: str
    at: time
    title: str
    description: str
    first_day: date
    last_day: date | None = None
    alarm: timedelta | None = timedelta(0)
    minutes: int = 15


@dataclass(frozen=True, slots=True)
class DatedReminder:
    """Something on one day: all day when ``at`` is ``None``, else at that local time."""

    key: str
    kind: str
    day: date
    title: str
    description: str
    at: time | None = None
    alarm: timedelta | None = DAY_ALARM


Reminder = DailyReminder | DatedReminder


def plan_reminders(plan: Mapping[str, Any], start: date) -> tuple[Reminder, ...]:
    """Doses (one repeating series per titration stage), titration steps and the routine.

    ``plan`` has the ``mgcalm.plan/1`` shape; ``start`` is day 1 of the plan.
    """
    reminders: list[Reminder] = []
    if plan.get("status") not in NO_DOSE_STATUSES:
        stages = _stages(plan, start)
        for dose in plan.get("doses", []):
            reminders.extend(_dose_reminders(dose, stages, _maintenance_total(plan)))
        reminders.extend(_titration_reminders(plan, start))
    reminders.extend(_routine_reminders(plan, start))
    return tuple(reminders)


def trial_reminders(
    phases: Sequence[tuple[date, str]], questionnaire_days: Sequence[tuple[date, Sequence[str]]]
) -> tuple[DatedReminder, ...]:
    """A dated reminder for each phase start and for each day questionnaires are due."""
    found = [
        DatedReminder(
            key=f"phase-{phase}-{day.isoformat()}",
            kind="phase",
            day=day,
            title=f"mgcalm: {phase.replace('_', ' ')} phase starts",
            description=_PHASE_TEXT.get(phase, "A new phase of your personal trial starts today."),
        )
        for day, phase in phases
    ]
    for day, names in questionnaire_days:
        listed = ", ".join(names)
        found.append(
            DatedReminder(
                key=f"questionnaires-{day.isoformat()}",
                kind="questionnaire",
                day=day,
                title=f"mgcalm: questionnaires today ({listed})",
                description=f"Fill in {listed} in mgcalm. It takes about five minutes.",
            )
        )
    return tuple(found)


def without_doses_from(reminders: Sequence[Reminder], since: date) -> tuple[Reminder, ...]:
    """The reminders with no dose or titration step on or after ``since`` (a stop in force).

    Repeating dose reminders end the day before; those that would only start later go, and a
    note without an alarm marks the day magnesium was paused.
    """
    kept: list[Reminder] = []
    last = since - timedelta(days=1)
    for reminder in reminders:
        if isinstance(reminder, DailyReminder) and reminder.kind == "dose":
            if reminder.first_day <= last:
                end = last if reminder.last_day is None else min(reminder.last_day, last)
                kept.append(replace(reminder, last_day=end))
        elif (
            not (isinstance(reminder, DatedReminder) and reminder.kind == "titration")
            or reminder.day < since
        ):
            kept.append(reminder)
    kept.append(
        DatedReminder(
            key=f"stop-{since.isoformat()}",
            kind="stop",
            day=since,
            title="mgcalm: magnesium paused",
            description="Magnesium is paused after a warning sign: no doses until a doctor, "
            "pharmacist or your clinician says it is safe to resume.",
            alarm=None,
        )
    )
    return tuple(kept)


def _titration_from(reminder: Reminder, since: date) -> bool:
    """True for a titration step on or after ``since``."""
    return (
        isinstance(reminder, DatedReminder)
        and reminder.kind == "titration"
        and reminder.day >= since
    )


_PHASE_TEXT: Mapping[str, str] = {
    "baseline": "Baseline: keep your check-ins and sleep diary going, no magnesium yet.",
    "titration": "Titration: start magnesium at the first step of your plan.",
    "maintenance": "Maintenance: take your planned daily dose; keep logging.",
    "withdrawal": "Withdrawal: pause magnesium as planned and keep logging.",
    "magnesium": "Magnesium period: take your planned daily dose; keep logging.",
    "off": "Off period: no magnesium in this period; keep logging.",
    "period": "A new period of your blinded trial: take the capsules from your organiser, "
    "keep logging, and record your guess near its end.",
    "run_in": "Run-in, open-label: start magnesium at the first step of your plan and step up "
    "as the reminders say; the randomised periods start once it ends.",
}


@dataclass(frozen=True, slots=True)
class _Stage:
    """A run of days at one daily total (the last stage has no end)."""

    number: int
    first_day: date
    last_day: date | None
    total_mg: float


def _stages(plan: Mapping[str, Any], start: date) -> tuple[_Stage, ...]:
    """Titration steps as date ranges; a plan without titration is one open stage."""
    steps = sorted(plan.get("titration", []), key=lambda s: int(s["day"]))
    if not steps:
        return (_Stage(1, start, None, _maintenance_total(plan)),)
    stages = []
    for number, step in enumerate(steps, start=1):
        first = start + timedelta(days=int(step["day"]) - 1)
        following = steps[number] if number < len(steps) else None
        last = start + timedelta(days=int(following["day"]) - 2) if following else None
        stages.append(_Stage(number, first, last, float(step["elemental_mg_per_day"])))
    return tuple(stages)


def _maintenance_total(plan: Mapping[str, Any]) -> float:
    """The planned daily total: the target, else the sum of the doses."""
    target = plan.get("target_elemental_mg_per_day")
    if target is not None:
        return float(target)
    return float(sum(float(d["elemental_mg"]) for d in plan.get("doses", [])))


def _dose_reminders(
    dose: Mapping[str, Any], stages: Sequence[_Stage], full_total: float
) -> list[DailyReminder]:
    """One repeating reminder per stage for a dose time."""
    at = _clock(str(dose["time"]))
    form = str(dose["form"])
    full = _dose_text(dose)
    reminders = []
    for stage in stages:
        if stage.total_mg >= full_total or len(stages) == 1:
            title = f"Magnesium {form} {_mg(dose['elemental_mg'])} mg"
            detail = f"Take {full}."
        else:
            title = f"Magnesium {form} (step {stage.number}: {_mg(stage.total_mg)} mg/day)"
            detail = (
                f"Titration step {stage.number}: {_mg(stage.total_mg)} mg elemental magnesium a"
                f" day in total, split as your plan shows. At the full dose this one is {full}."
            )
        reminders.append(
            DailyReminder(
                key=f"dose-{at:%H%M}-{form}-step{stage.number}",
                kind="dose",
                at=at,
                title=title,
                description=detail + _food_text(dose),
                first_day=stage.first_day,
                last_day=stage.last_day,
            )
        )
    return reminders


def _dose_text(dose: Mapping[str, Any]) -> str:
    """``150 mg elemental magnesium (1064 mg magnesium glycinate)``."""
    text = f"{_mg(dose['elemental_mg'])} mg elemental magnesium"
    if dose.get("compound_mg"):
        text += f" ({_mg(dose['compound_mg'])} mg magnesium {dose['form']})"
    return text


def _food_text(dose: Mapping[str, Any]) -> str:
    """Say whether to take the dose with food, and why it is taken if the plan says."""
    text = " Take it with food." if dose.get("with_food") else ""
    if dose.get("purpose"):
        text += f" Purpose: {dose['purpose']}."
    return text


def _titration_reminders(plan: Mapping[str, Any], start: date) -> list[DatedReminder]:
    """An all-day reminder on the first day of every titration step after day 1."""
    reminders = []
    for step in plan.get("titration", []):
        day = int(step["day"])
        total = _mg(step["elemental_mg_per_day"])
        reminders.append(
            DatedReminder(
                key=f"titration-day{day}",
                kind="titration",
                day=start + timedelta(days=day - 1),
                title=f"mgcalm: magnesium {total} mg a day from today",
                description=(
                    f"Day {day} of your plan: the daily total of elemental magnesium is now"
                    f" {total} mg. Go back a step if your stomach or bowels object."
                ),
            )
        )
    return reminders


def _routine_reminders(plan: Mapping[str, Any], start: date) -> list[DailyReminder]:
    """The daily routine; only practices, the wind-down and the like carry an alarm."""
    reminders = []
    for item in plan.get("routine", []):
        kind = str(item.get("kind", "routine"))
        if kind == "dose":
            continue  # doses come from the plan's dose list, with their titration stages
        at = _clock(str(item["time"]))
        what = str(item["what"])
        reminders.append(
            DailyReminder(
                key=f"routine-{kind}-{at:%H%M}",
                kind=kind,
                at=at,
                title=_short(what),
                description=what,
                first_day=start,
                alarm=timedelta(0) if kind in ALARM_KINDS else None,
            )
        )
    return reminders


def _short(text: str, limit: int = 60) -> str:
    """A calendar title: the text, cut at a word boundary when it is long."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _clock(text: str) -> time:
    """A ``HH:MM`` clock time from the plan (already validated by the planner)."""
    hours, minutes = text.split(":")[:2]
    return time(int(hours), int(minutes))


def _mg(value: object) -> str:
    """Milligrams without a spurious ``.0``."""
    number = float(str(value))
    return str(int(number)) if number.is_integer() else f"{number:g}"
