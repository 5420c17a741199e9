"""Dose reminders ring on dose days only: never in a baseline, off or withdrawal phase.

Schedules are drawn by hypothesis (randomised pairs, open or blinded, any seed, baseline or not,
a plan starting before or after the trial); the reminders are expanded day by day, and through
the iCalendar text for a stored trial, and every day is checked against its phase.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.evaluation.trial_store import Clock, open_person

from mgcalm.evaluation.crossover import MAX_SEED, RandomisedDesign
from mgcalm.interop.dose_days import dose_windows, on_dose_days
from mgcalm.interop.ics import build_calendar, reminder_uid
from mgcalm.interop.reminders import (
    DailyReminder,
    DatedReminder,
    Reminder,
    plan_reminders,
    trial_reminders,
)

START = date(2027, 3, 1)
DOSES = (
    {"time": "08:00", "form": "glycinate", "elemental_mg": 100, "with_food": True},
    {"time": "21:30", "form": "glycinate", "elemental_mg": 150},
)
DOSE_DAYS = ("titration", "maintenance", "magnesium", "period")


def _plan(titration: bool, times: int) -> dict[str, Any]:
    steps = [{"day": 1, "elemental_mg_per_day": 100}, {"day": 8, "elemental_mg_per_day": 250}]
    return {
        "status": "ok",
        "target_elemental_mg_per_day": 250,
        "titration": steps if titration else [],
        "doses": list(DOSES[:times]),
        "routine": [{"time": "22:30", "kind": "wind_down", "what": "Lights low."}],
    }


def _occurrences(reminders: tuple[Reminder, ...], last: date) -> Counter[tuple[date, time]]:
    """Every (day, time) a dose reminder rings, up to ``last``."""
    rings: Counter[tuple[date, time]] = Counter()
    for r in reminders:
        if isinstance(r, DailyReminder) and r.kind == "dose":
            day = r.first_day
            while day <= min(r.last_day or last, last):
                rings[(day, r.at)] += 1
                day += timedelta(days=1)
    return rings


def _first(reminder: Reminder) -> date:
    return reminder.first_day if isinstance(reminder, DailyReminder) else reminder.day


def _phase_of(phases: list[tuple[date, date | None, str]], day: date) -> str:
    return next((p for a, b, p in phases if a <= day and (b is None or day <= b)), "")


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, MAX_SEED),
    pairs=st.integers(2, 4),
    period_days=st.integers(7, 35),
    blinded=st.booleans(),
    baseline_days=st.sampled_from([0, 7, 14, 21]),
    plan_offset=st.integers(-20, 20),
    titration=st.booleans(),
    times=st.integers(1, 2),
)
def test_no_dose_on_an_off_day_and_every_on_day_reminded(
    seed: int,
    pairs: int,
    period_days: int,
    blinded: bool,
    baseline_days: int,
    plan_offset: int,
    titration: bool,
    times: int,
) -> None:
    design = RandomisedDesign(START, seed, pairs, period_days, blinded, baseline_days)
    # What the store holds: a blinded trial's periods are only ever "period".
    phases = [
        (p.start, p.end, "period" if blinded and p.pair is not None else p.condition)
        for p in design.periods()
    ]
    plan_start = START + timedelta(days=plan_offset)
    found = plan_reminders(_plan(titration, times), plan_start)
    found += trial_reminders([(a, p) for a, _, p in phases], [])
    cut = on_dose_days(found, phases)
    horizon = design.end + timedelta(days=30)
    rings = _occurrences(cut, horizon)
    before = _occurrences(found, horizon)
    dose_times = {time.fromisoformat(d["time"]) for d in DOSES[:times]}
    day = START - timedelta(days=25)
    while day <= horizon:
        phase = _phase_of(phases, day)
        for at in dose_times:
            if phase == "":  # outside the trial: as the plan says, unchanged
                assert rings[(day, at)] == before[(day, at)], (day, at)
            elif phase in DOSE_DAYS and day >= plan_start:
                assert rings[(day, at)] == 1, (day, at, phase)
            else:
                assert rings[(day, at)] == 0, (day, at, phase)
        day += timedelta(days=1)
    for r in cut:
        if isinstance(r, DatedReminder) and r.kind == "titration":
            assert _phase_of(phases, r.day) in ("", "titration", "maintenance", "magnesium")
        in_period = _phase_of(phases, _first(r)) == "period"
        if isinstance(r, DailyReminder) and r.kind == "dose" and in_period:
            assert "magnesium" not in r.title.lower()
    uids = [reminder_uid(r) for r in cut]
    assert len(uids) == len(set(uids))


def test_the_quick_look_stops_reminding_at_the_return_to_baseline() -> None:
    phases: list[tuple[date, date | None, str]] = [
        (START, date(2027, 3, 14), "baseline"),
        (date(2027, 3, 15), date(2027, 3, 28), "titration"),
        (date(2027, 3, 29), date(2027, 5, 9), "maintenance"),
        (date(2027, 5, 10), None, "withdrawal"),
    ]
    found = plan_reminders(_plan(True, 2), date(2027, 3, 15))
    rings = _occurrences(on_dose_days(found, phases), date(2027, 8, 1))
    days = {day for day, _ in rings}
    assert min(days) == date(2027, 3, 15) and max(days) == date(2027, 5, 9)
    assert all(rings[(d, t)] == 1 for d, t in rings)


def test_phases_become_runs_of_days_with_what_they_hold() -> None:
    runs = dose_windows(
        [(date(2027, 3, 10), date(2027, 3, 12), "off"), (date(2027, 3, 13), None, "period")]
    )
    assert [(r.first, r.last, r.kind) for r in runs] == [
        (date.min, date(2027, 3, 9), "plan"),
        (date(2027, 3, 10), date(2027, 3, 12), "none"),
        (date(2027, 3, 13), None, "capsule"),
    ]


def _ics_dose_days(ics: str, last: date) -> Counter[date]:
    """Days a dose event of the calendar happens, expanded from its RRULE."""
    days: Counter[date] = Counter()
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        if "dose" not in [str(c) for c in event.get("categories").cats]:
            continue
        start = event.decoded("dtstart")
        rule = event.get("rrule").to_ical().decode()
        end = datetime.combine(last, time(23, 59), tzinfo=start.tzinfo)
        for when in rrulestr(rule, dtstart=start).between(start, end, inc=True):
            days[when.date()] += 1
    return days


@pytest.mark.parametrize("blinded", [False, True])
def test_a_stored_randomised_trial_calendar_rings_on_its_on_days(
    tmp_path: Path, blinded: bool
) -> None:
    from mgcalm.app.exports.calendar import calendar_text
    from mgcalm.app.trial.registration import RegistrationRequest, register

    clock = Clock(datetime(2027, 3, 1, 9, tzinfo=UTC))
    app = open_person(tmp_path, clock)
    seed = None if blinded else 7
    request = RegistrationRequest(
        outcome="anxiety", randomised=True, blinded=blinded, pairs=2, period_days=21, seed=seed
    )
    register(app, "me", request)
    state = app.trial("me")
    ics = calendar_text(app, "me", "Europe/London")
    app.close()
    doses = len(app_plan_times(ics))
    days = _ics_dose_days(ics, state.registration.planned_end)
    for phase in state.phases:
        day = phase.start
        while day <= (phase.end or phase.start):
            expected = doses if phase.phase in DOSE_DAYS else 0
            assert days[day] == expected, (day, phase.phase)
            day += timedelta(days=1)
    if blinded:  # within the randomised periods, a capsule: the same words whatever it holds
        end = state.registration.planned_end
        run_in = state.run_in
        assert run_in is not None  # never took magnesium: the trial begins with a run-in
        events = [
            (event.decoded("dtstart").date(), str(event.get("summary")))
            for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
            if "dose" in [str(c) for c in event.get("categories").cats]
        ]
        periods = {title for day, title in events if run_in.end < day <= end}
        assert periods == {"mgcalm: trial capsule from your organiser"}
        # The run-in is open-label magnesium, stepping up; nothing in it speaks of the periods.
        opening = {title for day, title in events if run_in.start <= day <= run_in.end}
        assert opening and all(t.startswith("Magnesium glycinate") for t in opening)


def app_plan_times(ics: str) -> set[str]:
    """The distinct clock times of the calendar's dose events."""
    return {
        event.decoded("dtstart").strftime("%H:%M")
        for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
        if "dose" in [str(c) for c in event.get("categories").cats]
    }


def test_the_calendar_text_is_valid_for_cut_reminders() -> None:
    phases: list[tuple[date, date | None, str]] = [
        (START, date(2027, 3, 7), "baseline"),
        (date(2027, 3, 8), date(2027, 3, 14), "magnesium"),
        (date(2027, 3, 15), date(2027, 3, 21), "off"),
        (date(2027, 3, 22), date(2027, 3, 28), "magnesium"),
    ]
    found = on_dose_days(plan_reminders(_plan(False, 1), START), phases)
    ics = build_calendar(found, tz="Europe/Paris", now=datetime(2027, 2, 1, tzinfo=UTC))
    days = _ics_dose_days(ics, date(2027, 3, 28))
    assert sorted(days) == [date(2027, 3, 8) + timedelta(days=i) for i in range(7)] + [
        date(2027, 3, 22) + timedelta(days=i) for i in range(7)
    ]
