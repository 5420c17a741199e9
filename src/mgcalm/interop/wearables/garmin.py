"""Garmin data as FIT files (one file, a folder, a zip, or the zip inside Garmin's export).

FIT is Garmin's binary format; it is decoded with Garmin's own FIT SDK (``garmin-fit-sdk``),
whose profile names the wellness messages used here:

- ``sleep_level`` (275): a timestamp and a level (awake, light, deep, rem, unmeasurable); each
  level lasts until the next message, so the last message only closes the night;
- ``monitoring_hr_data`` (211): ``current_day_resting_heart_rate`` (the 7-day average in
  ``resting_heart_rate`` is left out: it would smooth away the change a trial looks for);
- ``hrv_status_summary`` (370): ``last_night_average``, an RMSSD in ms.

FIT timestamps are UTC. A file whose ``monitoring_info`` carries a ``local_timestamp`` says its
own offset; other files are read in the person's time zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from itertools import pairwise
from typing import Any

from mgcalm.interop.wearables.days import DayBook, Stage, wake_day
from mgcalm.interop.wearables.files import (
    READ_ERRORS,
    ExportFiles,
    basename,
    inner_zip,
    unreadable,
)

EXPECTED = "Garmin .fit files: one file, a folder or a zip of them"
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
LEVELS: Mapping[str, Stage] = {
    "awake": "awake",
    "light": "asleep",
    "deep": "asleep",
    "rem": "asleep",
}
#: A longer silence between two sleep levels is a gap in the recording, not a long stage.
MAX_GAP = timedelta(hours=3)


def is_fit_name(name: str) -> bool:
    return basename(name).lower().endswith(".fit")


def _decode(data: bytes, label: str) -> Mapping[str, list[dict[str, Any]]]:
    from garmin_fit_sdk import Decoder, Stream  # imported when a FIT file is read, not before

    stream = Stream.from_byte_array(bytearray(data))
    decoder = Decoder(stream)
    whole = decoder.is_fit() and decoder.check_integrity()
    stream.reset()  # the checks read the stream; decoding starts again from the top
    if not whole:
        raise unreadable(
            label, "is not a complete FIT file (its header or checksum is wrong)", EXPECTED
        )
    messages, errors = decoder.read()
    if errors:
        raise unreadable(label, f"could not be decoded ({errors[0]})", EXPECTED)
    return {str(k): list(v) for k, v in dict(messages).items() if isinstance(v, list)}


def _zone(messages: Mapping[str, list[dict[str, Any]]], person: tzinfo) -> tzinfo:
    """The file's own UTC offset when it states one, else the person's time zone."""
    for info in messages.get("monitoring_info_mesgs", []):
        stamp, local_stamp = info.get("timestamp"), info.get("local_timestamp")
        if isinstance(stamp, datetime) and isinstance(local_stamp, int):
            offset = FIT_EPOCH + timedelta(seconds=local_stamp) - stamp
            return timezone(timedelta(minutes=round(offset.total_seconds() / 60)))
    return person


def _device(messages: Mapping[str, list[dict[str, Any]]]) -> str:
    for file_id in messages.get("file_id_mesgs", []):
        product = file_id.get("garmin_product") or file_id.get("product_name")
        if isinstance(product, str):
            return f"Garmin {product}"
    return "Garmin"


def _sleep(book: DayBook, device: str, levels: Sequence[dict[str, Any]], zone: tzinfo) -> None:
    ordered = sorted((m for m in levels if isinstance(m.get("timestamp"), datetime)), key=_time)
    for here, after in pairwise(ordered):
        stage = LEVELS.get(str(here.get("sleep_level")))
        start, end = _time(here), _time(after)
        if stage is not None and end - start <= MAX_GAP:
            book.sleep_span(device, start.astimezone(zone), end.astimezone(zone), stage)


def _time(message: dict[str, Any]) -> datetime:
    moment: datetime = message["timestamp"]
    return moment


def _daily(book: DayBook, device: str, messages: Mapping[str, Any], zone: tzinfo) -> None:
    for hr in messages.get("monitoring_hr_data_mesgs", []):
        value = hr.get("current_day_resting_heart_rate")
        if isinstance(hr.get("timestamp"), datetime) and isinstance(value, int | float):
            book.reading("resting_heart_rate", device, _time(hr).astimezone(zone).date(), value)
    for hrv in messages.get("hrv_status_summary_mesgs", []):
        value = hrv.get("last_night_average")
        if isinstance(hrv.get("timestamp"), datetime) and isinstance(value, int | float):
            book.reading("hrv_rmssd", device, wake_day(_time(hrv).astimezone(zone)), value)


def _read_fit(files: ExportFiles, name: str, book: DayBook, person: tzinfo) -> None:
    label = f"{files.label}: {name}" if len(files.names()) > 1 else files.label
    try:
        with files.open(name) as stream:
            data = stream.read()
    except READ_ERRORS as error:
        raise unreadable(label, f"could not be read to the end ({error})", EXPECTED) from None
    messages = _decode(data, label)
    zone, device = _zone(messages, person), _device(messages)
    _sleep(book, device, messages.get("sleep_level_mesgs", []), zone)
    _daily(book, device, messages, zone)


def read_garmin(files: ExportFiles, book: DayBook, person: tzinfo, *, nested: bool = True) -> int:
    """Feed every FIT file of the export (and of zips inside it) to ``book``; returns the count."""
    count = 0
    for name in files.names():
        if is_fit_name(name):
            _read_fit(files, name, book, person)
            count += 1
        elif nested and name.lower().endswith(".zip"):
            with inner_zip(files, name) as inner:
                count += read_garmin(inner, book, person, nested=False)
    if nested and not count:
        raise unreadable(files.label, "holds no .fit files", EXPECTED)
    return count
