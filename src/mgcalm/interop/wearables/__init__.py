"""A person's own wearable export → one value per day per measure, from one device each.

``read_export(path, source)`` opens the export (file, folder or zip), recognises its format
(``apple-health``, ``google-fitbit``, ``oura``, ``garmin``) unless told, streams it into a
:class:`DayBook` (nights assigned to the day the person wakes, overlaps merged) and keeps one
device per measure (:mod:`choice`). Nothing here writes anything: an export that cannot be read
raises ``InvalidInputError`` naming the file and what was expected, before any value exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, tzinfo
from pathlib import Path

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.wearables import WEARABLE_SOURCES
from mgcalm.interop.wearables.apple_health import Progress, read_apple_health
from mgcalm.interop.wearables.choice import (
    DailyValue,
    WearableImport,
    choose,
    choose_device,
    choose_source,
)
from mgcalm.interop.wearables.days import DayBook, DeviceDay, Skipped, wake_day
from mgcalm.interop.wearables.files import (
    ACCEPTED,
    ExportFiles,
    OneFile,
    basename,
    inner_zip,
    open_export,
    unreadable,
)
from mgcalm.interop.wearables.fitbit import is_fitbit_name, read_fitbit
from mgcalm.interop.wearables.garmin import is_fit_name, read_garmin
from mgcalm.interop.wearables.oura import oura_files, read_oura

__all__ = [
    "DailyValue",
    "DayBook",
    "DeviceDay",
    "Skipped",
    "WearableImport",
    "choose",
    "choose_device",
    "choose_source",
    "detect_source",
    "read_export",
    "wake_day",
]

Reader = Callable[[ExportFiles, DayBook, tzinfo, Progress | None], None]
READERS: Mapping[str, Reader] = {
    "apple-health": lambda files, book, zone, progress: read_apple_health(files, book, progress),
    "google-fitbit": lambda files, book, zone, progress: read_fitbit(files, book),
    "oura": lambda files, book, zone, progress: read_oura(files, book),
    "garmin": lambda files, book, zone, progress: _garmin(files, book, zone),
}


def _garmin(files: ExportFiles, book: DayBook, zone: tzinfo) -> None:
    read_garmin(files, book, zone)


def _has_fit_inside(files: ExportFiles, name: str) -> bool:
    with inner_zip(files, name) as inner:
        return any(is_fit_name(n) for n in inner.names())


def detect_source(files: ExportFiles) -> str:
    """Which export this is, from the names of its files (and the start of CSV/JSON ones)."""
    names = files.names()
    if any(basename(n) == "export.xml" for n in names) or (
        isinstance(files, OneFile) and names[0].lower().endswith(".xml")
    ):
        return "apple-health"
    if any(is_fitbit_name(n) for n in names):
        return "google-fitbit"
    if any(is_fit_name(n) for n in names) or any(
        n.lower().endswith(".zip") and _has_fit_inside(files, n) for n in names
    ):
        return "garmin"
    if oura_files(files):
        return "oura"
    if any(n.startswith("apple_health_export/") for n in names):
        raise unreadable(files.label, "holds no export.xml", "Apple Health's whole export.zip")
    raise unreadable(files.label, "is not a wearable export mgcalm knows", ACCEPTED)


def read_export(
    path: Path,
    source: str = "auto",
    *,
    zone: tzinfo = UTC,
    preferred: Sequence[str] = (),
    previous: Mapping[str, Mapping[str, str]] | None = None,
    progress: Progress | None = None,
) -> WearableImport:
    """Read the export at ``path``; ``zone`` is the person's, for formats that store UTC only.

    ``preferred`` names the person's devices in order; ``previous`` maps a source to the device
    each measure was imported from before, which is kept when no preferred device recorded it.
    """
    if source != "auto" and source not in WEARABLE_SOURCES:
        accepted = ", ".join(("auto", *WEARABLE_SOURCES))
        raise InvalidInputError([Problem("--source", f"unknown source {source!r}", accepted)])
    with open_export(path) as files:
        found = detect_source(files) if source == "auto" else source
        book = DayBook()
        READERS[found](files, book, zone, progress)
    before = (previous or {}).get(found)
    return choose(found, book.values(), book.skipped, preferred, before)
