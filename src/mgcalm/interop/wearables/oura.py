"""An Oura export: sleep periods as JSON or CSV, in the API v2 shape or the older one.

Oura describes each sleep period (``sleep`` in API v2, also the rows of its CSV exports) with
``bedtime_end`` (ISO 8601 with the offset where the person was), the seconds asleep
(``total_sleep_duration``; v1: ``total``) and in bed (``time_in_bed``; v1: ``duration``), the
lowest heart rate (``lowest_heart_rate``; v1: ``hr_lowest``) — what Oura's app shows as resting
heart rate — and the average RMSSD (``average_hrv``; v1: ``rmssd``). The older trends CSV names
the same columns in words ("Bedtime End", "Total Sleep Duration", "Lowest Resting Heart Rate").

A night belongs to the day of its ``bedtime_end`` (v1's ``summary_date`` is the evening before,
so it is not used). Naps add to the day's sleep; resting heart rate and HRV come from the
day's longest period, the one Oura itself reports. Rest-mode periods (``type = rest``) and
deleted ones are not sleep and are left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from mgcalm.interop.wearables.days import DayBook, wake_day
from mgcalm.interop.wearables.files import ExportFiles, basename, unreadable
from mgcalm.interop.wearables.times import iso_time

DEVICE = "Oura"
EXPECTED = "an Oura export: CSV or JSON sleep periods with bedtime_end and total_sleep_duration"
#: Field → the names it goes by (lower case, words joined by '_').
ALIASES: Mapping[str, tuple[str, ...]] = {
    "end": ("bedtime_end",),
    "asleep_s": ("total_sleep_duration", "total", "total_sleep_duration_(s)"),
    "in_bed_s": ("time_in_bed", "duration", "total_bedtime"),
    "lowest_hr": ("lowest_heart_rate", "hr_lowest", "lowest_resting_heart_rate"),
    "hrv": ("average_hrv", "rmssd"),
    "type": ("type",),
}
NOT_SLEEP = frozenset({"rest", "deleted"})


def _key(name: str) -> str:
    return "_".join(str(name).strip().lower().split())


def _field(record: Mapping[str, Any], field: str) -> Any:
    keys = {_key(k): v for k, v in record.items()}
    return next((keys[a] for a in ALIASES[field] if keys.get(a) not in (None, "")), None)


def looks_like_oura(head: bytes) -> bool:
    """True when the start of a CSV or JSON file names Oura's sleep-period fields."""
    text = head.decode("utf-8", "replace").lower()
    return ("bedtime_end" in text or "bedtime end" in text) and (
        "total_sleep_duration" in text or "total sleep duration" in text or '"total"' in text
    )


def _periods(payload: Any) -> list[Any]:
    if isinstance(payload, dict):
        for key in ("sleep", "data"):
            if isinstance(payload.get(key), list):
                return list(payload[key])
        return []
    return payload if isinstance(payload, list) else []


def _load(files: ExportFiles, name: str) -> list[Mapping[str, Any]]:
    label = f"{files.label}: {name}" if len(files.names()) > 1 else files.label
    with files.open(name) as stream:
        raw = stream.read()
    text = raw.decode("utf-8-sig", "replace")
    if name.lower().endswith(".json"):
        try:
            return [p for p in _periods(json.loads(text)) if isinstance(p, dict)]
        except json.JSONDecodeError as error:
            raise unreadable(label, f"is not complete JSON ({error})", EXPECTED) from None
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=dialect))


def _feed(book: DayBook, periods: Iterable[Mapping[str, Any]]) -> None:
    """Sleep into the book; heart rate and HRV from each day's longest period."""
    longest: dict[date, tuple[float, Mapping[str, Any]]] = {}
    for period in periods:
        if str(_field(period, "type") or "").lower() in NOT_SLEEP:
            continue
        try:
            end: datetime = iso_time(str(_field(period, "end")))
            asleep = float(_field(period, "asleep_s")) / 60
            in_bed_s = _field(period, "in_bed_s")
            in_bed = float(in_bed_s) / 60 if in_bed_s is not None else None
        except (TypeError, ValueError):
            book.skip("Oura sleep period", "no bedtime_end or total_sleep_duration")
            continue
        book.sleep_night(DEVICE, end, asleep, in_bed)
        day = wake_day(end)
        if day not in longest or (in_bed or asleep) > longest[day][0]:
            longest[day] = (in_bed or asleep, period)
    for day, (_, period) in longest.items():
        for measure, field in (("resting_heart_rate", "lowest_hr"), ("hrv_rmssd", "hrv")):
            value = _field(period, field)
            try:
                if value is not None:
                    book.reading(measure, DEVICE, day, float(value))
            except ValueError:
                book.skip(f"Oura {measure}", f"{value!r} is not a number")


def oura_files(files: ExportFiles) -> list[str]:
    """The export's CSV and JSON files whose start names Oura's sleep fields."""
    found = []
    for name in files.names():
        if basename(name).lower().endswith((".csv", ".json")):
            with files.open(name) as stream:
                if looks_like_oura(stream.read(65536)):
                    found.append(name)
    return found


def read_oura(files: ExportFiles, book: DayBook) -> None:
    """Feed every sleep period of the export to ``book``."""
    names = oura_files(files)
    if not names:
        raise unreadable(files.label, "holds no Oura sleep periods", EXPECTED)
    for name in names:
        _feed(book, _load(files, name))
