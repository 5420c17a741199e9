"""Dose reminders only on the days a dose is taken: never in a baseline, off or withdrawal phase.

A trial's phases say which days hold a dose. Magnesium is taken in ``titration``,
``maintenance`` and ``magnesium`` phases; a blinded trial's ``period`` holds a capsule every day
(magnesium or placebo, the person cannot tell), so its reminder rings every day too — and says
"capsule from your organiser", never "magnesium", so the calendar cannot hint at the allocation.
``baseline``, ``off``, ``withdrawal`` and ``placebo`` days get no dose reminder and no titration
step. Days outside every phase (before a trial, or after it) follow the plan as before.

:func:`dose_windows` turns phases into runs of days; :func:`on_dose_days` cuts each repeating
dose reminder to those runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from mgcalm.interop.reminders import DailyReminder, DatedReminder, Reminder

#: Phases in which magnesium is taken openly.
MAGNESIUM_PHASES: tuple[str, ...] = ("titration", "maintenance", "magnesium")
#: A blinded trial's periods: a capsule every day, magnesium or placebo.
CAPSULE_PHASES: tuple[str, ...] = ("period",)

Kind = Literal["plan", "magnesium", "capsule", "none"]


@dataclass(frozen=True, slots=True)
class DoseWindow:
    """A run of days from ``first`` to ``last`` (``None``: open-ended) and what they hold."""

    first: date
    last: date | None
    kind: Kind


def _kind(phase: str) -> Kind:
    if phase in MAGNESIUM_PHASES:
        return "magnesium"
    if phase in CAPSULE_PHASES:
        return "capsule"
    return "none"


def dose_windows(phases: Sequence[tuple[date, date | None, str]]) -> tuple[DoseWindow, ...]:
    """The whole calendar as runs of days: each phase's own, and ``plan`` outside every phase.

    ``phases`` are ``(start, end, phase)`` in any order; a phase's end is cut at the next start.
    Neighbouring runs of the same kind are merged.
    """
    ordered = sorted(phases, key=lambda p: p[0])
    runs: list[DoseWindow] = []
    cursor: date | None = date.min
    for index, (start, end, phase) in enumerate(ordered):
        following = ordered[index + 1][0] if index + 1 < len(ordered) else None
        last = end
        if following is not None:
            cut = following - timedelta(days=1)
            last = cut if last is None else min(last, cut)
        if last is not None and last < start:
            continue
        if cursor is not None and cursor < start:
            runs.append(DoseWindow(cursor, start - timedelta(days=1), "plan"))
        runs.append(DoseWindow(start, last, _kind(phase)))
        cursor = None if last is None else last + timedelta(days=1)
    if cursor is not None:
        runs.append(DoseWindow(cursor, None, "plan"))
    return _merged(runs)


def _merged(runs: Sequence[DoseWindow]) -> tuple[DoseWindow, ...]:
    out: list[DoseWindow] = []
    for run in runs:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == run.kind
            and previous.last is not None
            and previous.last + timedelta(days=1) == run.first
        ):
            out[-1] = replace(previous, last=run.last)
        else:
            out.append(run)
    return tuple(out)


def on_dose_days(
    reminders: Sequence[Reminder], phases: Sequence[tuple[date, date | None, str]]
) -> tuple[Reminder, ...]:
    """The reminders with doses and titration steps only on days a dose is taken.

    Without phases nothing changes. A repeating dose reminder is cut into one reminder per run
    of dose days; inside a blinded period it becomes a capsule reminder.
    """
    if not phases:
        return tuple(reminders)
    windows = tuple(w for w in dose_windows(phases) if w.kind != "none")
    kept: list[Reminder] = []
    for reminder in reminders:
        if isinstance(reminder, DailyReminder) and reminder.kind == "dose":
            # Two doses at one time are one capsule slot: never the same event twice.
            kept.extend(part for part in _cut(reminder, windows) if part not in kept)
        elif isinstance(reminder, DatedReminder) and reminder.kind == "titration":
            # A step names milligrams of magnesium: only on open magnesium (or plan) days.
            if any(_within(reminder.day, w) and w.kind in ("plan", "magnesium") for w in windows):
                kept.append(reminder)
        else:
            kept.append(reminder)
    return tuple(kept)


def _within(day: date, window: DoseWindow) -> bool:
    return window.first <= day and (window.last is None or day <= window.last)


def _cut(reminder: DailyReminder, windows: Sequence[DoseWindow]) -> list[DailyReminder]:
    """The parts of a repeating reminder that fall in the dose windows."""
    parts: list[DailyReminder] = []
    for window in windows:
        first = max(reminder.first_day, window.first)
        lasts = [d for d in (reminder.last_day, window.last) if d is not None]
        last = min(lasts) if lasts else None
        if last is not None and last < first:
            continue
        whole = first == reminder.first_day and last == reminder.last_day
        part = reminder if whole else replace(reminder, first_day=first, last_day=last)
        if window.kind == "capsule":
            part = _capsule(part)
        if not whole or window.kind == "capsule":
            part = replace(part, key=f"{part.key}-{first.isoformat()}")
        parts.append(part)
    return parts


def _capsule(reminder: DailyReminder) -> DailyReminder:
    """A blinded period's reminder: the organiser's capsule, the same whatever it holds."""
    return replace(
        reminder,
        key=f"capsule-{reminder.at:%H%M}",
        title="mgcalm: trial capsule from your organiser",
        description=(
            f"Take the {reminder.at:%H:%M} capsule from today's slot of your pill organiser, "
            "as your helper filled it. It may hold magnesium or a placebo; you will know once "
            "the trial is unblinded."
        ),
    )
