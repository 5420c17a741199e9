"""iCalendar (RFC 5545) export: reminders as events with alarms in the person's own time zone.

Daily reminders become one event with ``RRULE:FREQ=DAILY`` whose start carries a ``TZID``, so a
dose at 21:30 stays at 21:30 local time on both sides of a daylight-saving change; the calendar
embeds the matching ``VTIMEZONE``. Dated reminders are all-day (or timed) single events. UIDs are
derived from each reminder's content, so a subscribed calendar keeps unchanged events and drops
the ones a plan change removed. The stamp time is a parameter: the core has no clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import icalendar

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.interop.reminders import DailyReminder, DatedReminder, Reminder

PRODID = "-//mgcalm//mgcalm reminders//EN"
#: How often a subscribed calendar should look for plan changes.
REFRESH = timedelta(hours=6)
#: The embedded VTIMEZONE covers this many years after the first event.
TIMEZONE_YEARS = 10


class _Text(icalendar.vText):
    """TEXT escaped exactly as RFC 5545 §3.3.11 says.

    icalendar's own escaping reads a literal backslash followed by ``N`` as an escaped line
    break, so such text would come back changed; this escapes every backslash first.
    """

    def to_ical(self) -> bytes:
        text = str(self)
        for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n")):
            text = text.replace(raw, escaped)
        return text.replace("\n", "\\n").encode("utf-8")


def zone(tz: str) -> ZoneInfo:
    """The IANA time zone named ``tz``; an unknown name is an ``InvalidInputError``."""
    try:
        if tz and tz in available_timezones():
            return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise InvalidInputError(
        [Problem("tz", f"{tz!r} is not a time zone", "an IANA name such as Europe/London")]
    )


def build_calendar(
    reminders: Iterable[Reminder], *, tz: str, now: datetime, name: str = "mgcalm"
) -> str:
    """The reminders as iCalendar text (``now`` is the DTSTAMP of every event)."""
    tzinfo = zone(tz)
    stamp = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    chosen = tuple(reminders)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", tz)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", f"PT{REFRESH // timedelta(hours=1)}H")
    for reminder in chosen:
        calendar.add_component(_event(reminder, tzinfo, stamp))
    if chosen:
        first = min(_first_day(r) for r in chosen)
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1),
            last_date=date(first.year + TIMEZONE_YEARS, 1, 1),
        )
    return str(calendar.to_ical(), "utf-8")


def reminder_uid(reminder: Reminder) -> str:
    """A UID that stays the same while the reminder's content does."""
    digest = hashlib.sha256(repr(reminder).encode("utf-8")).hexdigest()[:16]
    return f"{reminder.key}-{digest}@mgcalm"


def _first_day(reminder: Reminder) -> date:
    return reminder.first_day if isinstance(reminder, DailyReminder) else reminder.day


def _event(reminder: Reminder, tzinfo: ZoneInfo, stamp: datetime) -> icalendar.Event:
    """One VEVENT (with its VALARM when the reminder has an alarm)."""
    event = icalendar.Event()
    event.add("uid", reminder_uid(reminder))
    event.add("dtstamp", stamp)
    event.add("summary", _Text(reminder.title))
    event.add("description", _Text(reminder.description))
    event.add("categories", [reminder.kind])
    event.add("transp", "TRANSPARENT")  # a reminder should not mark the person as busy
    if isinstance(reminder, DailyReminder):
        _add_daily_times(event, reminder, tzinfo)
    else:
        _add_dated_times(event, reminder, tzinfo)
    if reminder.alarm is not None:
        event.add_component(_alarm(reminder.title, reminder.alarm))
    return event


def _add_daily_times(event: icalendar.Event, reminder: DailyReminder, tzinfo: ZoneInfo) -> None:
    """Start and end on the first day, repeating daily (until ``last_day`` if it has one)."""
    start = datetime.combine(reminder.first_day, reminder.at, tzinfo)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=reminder.minutes))
    rule: dict[str, object] = {"freq": "daily"}
    if reminder.last_day is not None:
        # RFC 5545: with a zoned DTSTART, UNTIL is given in UTC.
        until = datetime.combine(reminder.last_day, reminder.at, tzinfo).astimezone(UTC)
        rule["until"] = until
    event.add("rrule", rule)


def _add_dated_times(event: icalendar.Event, reminder: DatedReminder, tzinfo: ZoneInfo) -> None:
    """An all-day event, or a short timed one when the reminder names a time."""
    if reminder.at is None:
        event.add("dtstart", reminder.day)
        event.add("dtend", reminder.day + timedelta(days=1))
        return
    start = datetime.combine(reminder.day, reminder.at, tzinfo)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=15))


def _alarm(title: str, trigger: timedelta) -> icalendar.Alarm:
    """A display alarm relative to the event's start."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _Text(title))
    alarm.add("trigger", trigger)
    return alarm
