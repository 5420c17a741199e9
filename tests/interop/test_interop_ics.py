"""iCalendar export: parses back to the same events and alarms, in local time across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain import InvalidInputError
from mgcalm.interop.ics import build_calendar, reminder_uid
from mgcalm.interop.reminders import (
    DailyReminder,
    DatedReminder,
    Reminder,
    plan_reminders,
    trial_reminders,
)

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
PLAN: dict[str, Any] = {
    "schema": "mgcalm.plan/1",
    "status": "ok",
    "target_elemental_mg_per_day": 250,
    "titration": [
        {"day": 1, "elemental_mg_per_day": 100},
        {"day": 8, "elemental_mg_per_day": 250},
    ],
    "doses": [
        {"time": "12:30", "form": "glycinate", "elemental_mg": 100, "compound_mg": 709,
         "with_food": True, "purpose": "anxiety"},
        {"time": "21:30", "form": "glycinate", "elemental_mg": 150, "compound_mg": 1064,
         "with_food": False, "purpose": "sleep"},
    ],
    "routine": [
        {"time": "07:00", "kind": "practice", "what": "Five minutes of slow breathing"},
        {"time": "12:30", "kind": "meal", "what": "Lunch"},
        {"time": "22:00", "kind": "wind_down", "what": "Wind down: dim the lights"},
    ],
}  # fmt: skip


def parsed_events(text: str) -> dict[str, icalendar.Event]:
    """The events of a calendar text, by UID."""
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def local_tz(text: str) -> Any:
    """The time zone built from the calendar's own VTIMEZONE (not from the system database)."""
    (timezone,) = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    return timezone.to_tz(lookup_tzid=False)


def occurrences(text: str, event: icalendar.Event, count: int) -> list[datetime]:
    """The first ``count`` starts of a repeating event, zoned by the embedded VTIMEZONE."""
    start = event.decoded("DTSTART").replace(tzinfo=local_tz(text))
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return list(islice(rule, count))


def summary_of(reminder: Reminder) -> tuple[object, ...]:
    """What the calendar must carry for a reminder: text, timing, repetition and alarm."""
    if isinstance(reminder, DailyReminder):
        when: object = (reminder.first_day, reminder.at, reminder.last_day)
    else:
        when = (reminder.day, reminder.at)
    return (reminder.title, reminder.description, reminder.kind, when, reminder.alarm)


def summary_of_event(event: icalendar.Event) -> tuple[object, ...]:
    """The same summary read back from a parsed VEVENT."""
    start = event.decoded("DTSTART")
    alarms = event.walk("VALARM")
    alarm = alarms[0].decoded("TRIGGER") if alarms else None
    if "RRULE" in event:
        until = event["RRULE"].get("UNTIL")
        last = until[0].astimezone(start.tzinfo).date() if until else None
        when: object = (start.date(), start.time(), last)
    elif isinstance(start, datetime):
        when = (start.date(), start.time())
    else:
        when = (start, None)
    kind = event["CATEGORIES"].cats[0]
    return (str(event["SUMMARY"]), str(event["DESCRIPTION"]), kind, when, alarm)


def test_plan_calendar_round_trips_every_event_and_alarm() -> None:
    reminders = plan_reminders(PLAN, date(2027, 3, 20))
    text = build_calendar(reminders, tz="Europe/London", now=NOW)
    events = parsed_events(text)
    assert set(events) == {reminder_uid(r) for r in reminders}
    for reminder in reminders:
        assert summary_of_event(events[reminder_uid(reminder)]) == summary_of(reminder)
    # 2 doses × 2 titration stages, 2 titration days, 3 routine items.
    assert len(events) == 9
    kinds = sorted(str(e["CATEGORIES"].cats[0]) for e in events.values())
    assert kinds == ["dose"] * 4 + ["meal", "practice", "titration", "titration", "wind_down"]


def test_meals_carry_no_alarm_but_doses_and_practices_do() -> None:
    text = build_calendar(plan_reminders(PLAN, date(2027, 3, 20)), tz="Europe/London", now=NOW)
    with_alarm = {
        str(e["CATEGORIES"].cats[0]) for e in parsed_events(text).values() if e.walk("VALARM")
    }
    assert with_alarm == {"dose", "practice", "wind_down", "titration"}


@pytest.mark.parametrize(
    ("tz", "before", "after", "utc_before", "utc_after"),
    [
        # Europe/London moves to BST on 2027-03-28 and back on 2027-10-31.
        ("Europe/London", date(2027, 3, 27), date(2027, 3, 29), time(21, 30), time(20, 30)),
        ("Europe/London", date(2027, 10, 30), date(2027, 11, 1), time(20, 30), time(21, 30)),
        # America/New_York moves to EDT on 2027-03-14.
        ("America/New_York", date(2027, 3, 13), date(2027, 3, 15), time(2, 30), time(1, 30)),
    ],
)
def test_daily_dose_stays_at_local_time_across_daylight_saving(
    tz: str, before: date, after: date, utc_before: time, utc_after: time
) -> None:
    first = before - timedelta(days=2)
    dose = DailyReminder("dose-2130", "dose", time(21, 30), "Magnesium", "150 mg", first)
    text = build_calendar([dose], tz=tz, now=NOW)
    (event,) = parsed_events(text).values()
    assert event["DTSTART"].params["TZID"] == tz
    starts = {o.date(): o for o in occurrences(text, event, 6)}
    for day, utc in ((before, utc_before), (after, utc_after)):
        assert starts[day].time() == time(21, 30)
        assert starts[day].astimezone(UTC).time() == utc
        assert (
            starts[day].utcoffset()
            == datetime.combine(day, time(21, 30), starts[day].tzinfo).utcoffset()
        )


def test_titration_stage_ends_the_day_before_the_next_step() -> None:
    reminders = plan_reminders(PLAN, date(2027, 3, 20))
    text = build_calendar(reminders, tz="Europe/London", now=NOW)
    step1 = next(r for r in reminders if r.key == "dose-2130-glycinate-step1")
    event = parsed_events(text)[reminder_uid(step1)]
    days = [o.date() for o in occurrences(text, event, 30)]
    assert days == [date(2027, 3, 20) + timedelta(days=n) for n in range(7)]
    step2 = next(r for r in reminders if r.key == "dose-2130-glycinate-step2")
    assert isinstance(step2, DailyReminder)
    assert step2.first_day == date(2027, 3, 27) and step2.last_day is None
    assert step2.title == "Magnesium glycinate 150 mg"


def test_plan_change_keeps_unchanged_events_and_replaces_changed_ones() -> None:
    start = date(2027, 3, 20)
    before = parsed_events(build_calendar(plan_reminders(PLAN, start), tz="Europe/London", now=NOW))
    changed = {**PLAN, "doses": [PLAN["doses"][0], {**PLAN["doses"][1], "time": "21:00"}]}
    after = parsed_events(
        build_calendar(plan_reminders(changed, start), tz="Europe/London", now=NOW)
    )
    kept = set(before) & set(after)
    assert len(kept) == 7  # the lunch dose (2 stages), titration days and routine
    gone = {str(before[u]["DTSTART"].to_ical()) for u in set(before) - kept}
    new = {after[u].decoded("DTSTART").time() for u in set(after) - kept}
    assert len(gone) == 2 and new == {time(21, 0)}


def test_no_dose_is_scheduled_when_a_clinician_must_decide() -> None:
    plan = {**PLAN, "status": "clinician_required"}
    kinds = {r.kind for r in plan_reminders(plan, date(2027, 3, 20))}
    assert kinds == {"practice", "meal", "wind_down"}


def test_trial_phases_and_questionnaire_days_are_all_day_events_with_a_morning_alarm() -> None:
    reminders = trial_reminders(
        [(date(2027, 3, 1), "baseline"), (date(2027, 3, 15), "titration")],
        [(date(2027, 3, 1), ("PCL-5", "GAD-7", "PHQ-9")), (date(2027, 3, 15), ("GAD-7",))],
    )
    text = build_calendar(reminders, tz="Europe/London", now=NOW)
    events = parsed_events(text)
    assert len(events) == 4
    for reminder in reminders:
        event = events[reminder_uid(reminder)]
        assert event.decoded("DTSTART") == reminder.day
        assert event.decoded("DTEND") == reminder.day + timedelta(days=1)
        assert event.walk("VALARM")[0].decoded("TRIGGER") == timedelta(hours=9)
    titles = sorted(str(e["SUMMARY"]) for e in events.values())
    assert "mgcalm: questionnaires today (PCL-5, GAD-7, PHQ-9)" in titles


def test_timed_dated_reminder_round_trips() -> None:
    reminder = DatedReminder("talk", "appointment", date(2027, 4, 2), "Clinic", "Bring the report",
                             at=time(10, 15), alarm=timedelta(minutes=-30))  # fmt: skip
    event = next(
        iter(parsed_events(build_calendar([reminder], tz="Europe/Paris", now=NOW)).values())
    )
    assert summary_of_event(event) == summary_of(reminder)


def test_calendar_headers_ask_subscribers_to_refresh() -> None:
    text = build_calendar([], tz="Europe/London", now=NOW)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text.replace("\r\n", "\n").splitlines()


def test_unknown_time_zone_is_a_problem_naming_the_parameter() -> None:
    with pytest.raises(InvalidInputError) as caught:
        build_calendar([], tz="Mars/Olympus", now=NOW)
    (problem,) = caught.value.problems
    assert problem.location == "tz" and "Europe/London" in problem.accepted


texts = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n"), min_size=1, max_size=80
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
alarms = st.one_of(st.none(), st.integers(-720, 720).map(lambda m: timedelta(minutes=m)))
daily = st.builds(
    DailyReminder,
    key=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    kind=st.sampled_from(["dose", "practice", "wind_down", "meal"]),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    title=texts,
    description=texts,
    first_day=days,
    last_day=st.one_of(st.none(), st.integers(0, 60)),
    alarm=alarms,
).map(
    lambda r: (
        r
        if r.last_day is None
        else DailyReminder(**{**vars_of(r), "last_day": r.first_day + timedelta(days=r.last_day)})
    )
)
dated = st.builds(
    DatedReminder,
    key=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    kind=st.sampled_from(["titration", "phase", "questionnaire"]),
    day=days,
    title=texts,
    description=texts,
    at=st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
    alarm=alarms,
)


def vars_of(reminder: DailyReminder) -> dict[str, Any]:
    return {name: getattr(reminder, name) for name in DailyReminder.__slots__}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(daily, dated), max_size=6, unique_by=reminder_uid),
    st.sampled_from(
        ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kathmandu", "UTC"]
    ),
)
def test_any_reminders_round_trip_through_icalendar(reminders: list[Reminder], tz: str) -> None:
    events = parsed_events(build_calendar(reminders, tz=tz, now=NOW))
    assert set(events) == {reminder_uid(r) for r in reminders}
    for reminder in reminders:
        assert summary_of_event(events[reminder_uid(reminder)]) == summary_of(reminder)


def test_a_literal_backslash_n_is_text_not_a_line_break() -> None:
    # icalendar on its own turns the two characters "\N" into a line break; mgcalm keeps them.
    reminder = DatedReminder(
        key="a", kind="titration", day=date(2026, 1, 1), title="C:\\Notes", description="\\N"
    )
    calendar = icalendar.Calendar.from_ical(build_calendar([reminder], tz="UTC", now=NOW))
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "C:\\Notes" and str(event["description"]) == "\\N"
