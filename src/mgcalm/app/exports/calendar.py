"""Use case: the person's reminders as an iCalendar file (doses, routine, phases, questionnaires).

Gathers the plan, the trial and the questionnaire history through :class:`App` and hands plain
reminders to :mod:`mgcalm.interop.ics`.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from mgcalm.app.core import App
from mgcalm.app.exports.common import Written, plan_start, write_text
from mgcalm.app.safety.stop import current_stop
from mgcalm.app.tracking.entries import last_questionnaires
from mgcalm.instruments.schedule import PclVersion
from mgcalm.interop.dose_days import on_dose_days
from mgcalm.interop.ics import build_calendar, zone
from mgcalm.interop.questionnaire_days import questionnaire_days
from mgcalm.interop.reminders import (
    Reminder,
    plan_reminders,
    trial_reminders,
    without_doses_from,
)

#: How far ahead questionnaire days are put in the calendar.
CALENDAR_HORIZON = timedelta(days=120)
NO_PLAN = (
    "No plan is stored yet, so the calendar holds no doses or routine; "
    "it will once a plan is made (the subscription feed follows by itself)."
)


def calendar_text(app: App, person_id: str, tz: str, today: date | None = None) -> str:
    """The person's reminders as iCalendar text in the time zone ``tz``."""
    zone(tz)  # an unknown zone is reported before any work is done
    person = app.person(person_id)  # NotFoundError for a person who was deleted
    day = today or app.today()
    return build_calendar(calendar_reminders(app, person.id, day), tz=tz, now=app.now())


def calendar_reminders(app: App, person_id: str, today: date) -> tuple[Reminder, ...]:
    """Doses and routine from the active plan, trial phases and questionnaire days ahead.

    Doses ring only on days that hold one: never in a baseline, off or withdrawal phase, and
    every day of a blinded period (as a capsule, whatever it holds). While magnesium is
    stopped, every dose reminder from the stop's first day is left out, so a subscribed
    calendar drops them at its next refresh.
    """
    plan = app.active_plan(person_id, today)
    state = app.trial(person_id)
    found: list[Reminder] = []
    if plan is not None:
        found += plan_reminders(plan.to_json(), plan_start(app, person_id, plan, today))
    phases = [(p.start, state.shown_phase(p)) for p in state.phases]
    with app.store.read() as conn:
        last_done = {e.instrument: e.day for e in last_questionnaires(conn, person_id, None)}
    version: PclVersion = "week" if "pcl5_week" in last_done else "month"
    days = questionnaire_days(last_done, today, today + CALENDAR_HORIZON, pcl5_version=version)
    found += trial_reminders(phases, days)
    found = list(on_dose_days(found, [(p.start, p.end, p.phase) for p in state.phases]))
    stop = current_stop(app, person_id)
    if stop is not None:  # a stop means stop: no dose reminder from the day it began
        return without_doses_from(found, stop.since)
    return tuple(found)


def write_calendar(app: App, path: Path, tz: str, person_id: str | None = None) -> Written:
    """Write the person's calendar to ``path``."""
    person = app.person(person_id)
    text = calendar_text(app, person.id, tz)
    write_text(path, text)
    notes = () if app.active_plan(person.id) else (NO_PLAN,)
    return Written((path,), {"events": text.count("BEGIN:VEVENT")}, notes)


def local_timezone_name() -> str:
    """This machine's IANA time zone (``TZ``, then ``/etc/localtime``), else ``UTC``."""
    from zoneinfo import available_timezones

    known = available_timezones()
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        candidates.append(target.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    return next((name for name in candidates if name in known), "UTC")
