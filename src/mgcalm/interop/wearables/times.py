"""Timestamps as exports write them, turned into the person's local time.

The local time of a sample is taken from the most specific thing the export says: a zone the
sample names (Apple's ``HKTimeZone`` metadata, written when a watch records in another zone),
else the UTC offset the timestamp carries, else the person's own time zone (for formats that
store UTC only, such as Garmin's FIT). Zones and offsets are cached: an export repeats a few
of them millions of times.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@lru_cache(maxsize=256)
def offset_zone(text: str) -> timezone:
    """``+0100`` / ``-05:30`` → a fixed-offset zone (ValueError when it is not one)."""
    digits = text.replace(":", "")
    if len(digits) != 5 or digits[0] not in "+-" or not digits[1:].isdigit():
        raise ValueError(f"{text!r} is not a UTC offset")
    minutes = int(digits[1:3]) * 60 + int(digits[3:5])
    return timezone(timedelta(minutes=-minutes if digits[0] == "-" else minutes))


@lru_cache(maxsize=256)
def named_zone(name: str) -> tzinfo | None:
    """An IANA zone by name, or None when this machine does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def apple_time(text: str) -> datetime:
    """Apple Health's ``2024-03-30 23:10:00 +0100`` (ValueError when it is not one)."""
    if len(text) != 25 or text[19] != " ":
        raise ValueError(f"{text!r} is not a date like 2024-03-30 23:10:00 +0100")
    return datetime.fromisoformat(text[:19]).replace(tzinfo=offset_zone(text[20:]))


def iso_time(text: str) -> datetime:
    """An ISO 8601 date-time with or without an offset (naive means local already)."""
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def local(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment`` in ``zone`` when one is given, else as the export wrote it."""
    return moment.astimezone(zone) if zone is not None and moment.tzinfo else moment


def us_date(text: str) -> date:
    """Fitbit's ``MM/DD/YY`` (or ``MM/DD/YYYY``) date."""
    month, day, year = (int(part) for part in text.split()[0].split("/"))
    return date(year + 2000 if year < 100 else year, month, day)
