"""A Google Takeout Fitbit export (zip or unpacked folder), read file by file.

Files used, found by name anywhere in the export (Takeout puts them under
``Takeout/Fitbit/Global Export Data/`` and ``Takeout/Fitbit/Heart Rate Variability/``; Fitbit's
older account export under ``MyFitbitData/<name>/``):

- ``sleep-YYYY-MM-DD.json``: sleep logs with ``endTime`` (local time, no offset),
  ``minutesAsleep`` and ``timeInBed``;
- ``resting_heart_rate-YYYY-MM-DD.json``: ``{"value": {"date": "MM/DD/YY", "value": bpm}}``,
  a value of 0 meaning no reading that day;
- ``Daily Heart Rate Variability Summary - ….csv``: ``timestamp,rmssd,nremhr,entropy``;
- ``daily_resting_heart_rate_YYYY-MM-DD.csv``: ``timestamp,beats per minute`` (newer exports).

Fitbit writes local times, which are the times the person lived, so no zone is applied.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from mgcalm.interop.wearables.days import DayBook
from mgcalm.interop.wearables.files import ExportFiles, basename, unreadable
from mgcalm.interop.wearables.times import iso_time, us_date

DEVICE = "Fitbit"
EXPECTED = "a Google Takeout Fitbit export with Global Export Data/sleep-YYYY-MM-DD.json files"
SLEEP = re.compile(r"^sleep-\d{4}-\d{2}-\d{2}\.json$")
RESTING = re.compile(r"^resting_heart_rate-\d{4}-\d{2}-\d{2}\.json$")
HRV = re.compile(r"^Daily Heart Rate Variability Summary.*\.csv$")
RESTING_CSV = re.compile(r"^daily_resting_heart_rate_.*\.csv$")


def is_fitbit_name(name: str) -> bool:
    """True for a file name only a Fitbit export carries."""
    base = basename(name)
    return any(p.match(base) for p in (SLEEP, RESTING, HRV, RESTING_CSV))


def _json(files: ExportFiles, name: str) -> Any:
    with files.open(name) as stream:
        try:
            return json.load(stream)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            why = f"is not complete JSON ({error})"
            raise unreadable(f"{files.label}: {name}", why, EXPECTED) from None


def _rows(files: ExportFiles, name: str) -> list[dict[str, str]]:
    with files.open(name) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        return list(csv.DictReader(text))


def _sleep(book: DayBook, logs: Any) -> None:
    for log in logs if isinstance(logs, list) else []:
        try:
            book.sleep_night(
                DEVICE,
                iso_time(str(log["endTime"])),
                float(log["minutesAsleep"]),
                float(log["timeInBed"]) if log.get("timeInBed") else None,
            )
        except (KeyError, TypeError, ValueError):
            book.skip("Fitbit sleep log", "no endTime, minutesAsleep or timeInBed")


def _resting(book: DayBook, items: Any) -> None:
    for item in items if isinstance(items, list) else []:
        try:
            value = item["value"]
            bpm = float(value["value"])
            if bpm > 0:  # Fitbit writes 0 for a day without a reading
                book.reading("resting_heart_rate", DEVICE, us_date(str(value["date"])), bpm)
        except (KeyError, TypeError, ValueError):
            book.skip("Fitbit resting heart rate", "no date or value")


def _csv_readings(book: DayBook, rows: list[dict[str, str]], measure: str, column: str) -> None:
    for row in rows:
        try:
            day = iso_time(row["timestamp"]).date()
            book.reading(measure, DEVICE, day, float(row[column]))
        except (KeyError, TypeError, ValueError):
            book.skip(f"Fitbit {measure} row", f"no timestamp or {column}")


def read_fitbit(files: ExportFiles, book: DayBook) -> None:
    """Feed every sleep log, resting heart rate and HRV summary of the export to ``book``."""
    readers: list[tuple[re.Pattern[str], Callable[[str], None]]] = [
        (SLEEP, lambda n: _sleep(book, _json(files, n))),
        (RESTING, lambda n: _resting(book, _json(files, n))),
        (HRV, lambda n: _csv_readings(book, _rows(files, n), "hrv_rmssd", "rmssd")),
        (
            RESTING_CSV,
            lambda n: _csv_readings(
                book, _rows(files, n), "resting_heart_rate", "beats per minute"
            ),
        ),
    ]
    used = 0
    for name in files.names():
        for pattern, read in readers:
            if pattern.match(basename(name)):
                read(name)
                used += 1
    if not used:
        raise unreadable(files.label, "holds no Fitbit sleep, heart-rate or HRV files", EXPECTED)
