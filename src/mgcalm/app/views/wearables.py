"""The wearable part of the settings page: what is stored, the upload, and how to export.

An upload arrives as a stream; it is copied to a private temporary folder under its own file name
(the name tells a ``.zip`` from a ``.json``), imported, and deleted whatever happens. Nothing is
sent anywhere: the file goes from the browser to this mgcalm and no further.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import IO, Any

from mgcalm.app.core import App
from mgcalm.app.tracking import wearables
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.wearables import WEARABLE_MEASURES, WEARABLE_SOURCES
from mgcalm.store import wearables as repo

#: How to make the export on each device, step by step (shown under the upload).
GUIDES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "apple-health",
        "Apple Watch or iPhone (Apple Health)",
        (
            "On the iPhone, open the Health app and tap your picture or initials at the top.",
            "Tap Export All Health Data, then Export; it can take a few minutes.",
            "Save export.zip to Files or send it to this computer (AirDrop), then choose it here.",
        ),
    ),
    (
        "google-fitbit",
        "Fitbit (Google Takeout)",
        (
            "Go to takeout.google.com, choose Deselect all, then tick Fitbit.",
            "Choose Next step, then Create export; Google emails you when it is ready.",
            "Download the .zip and choose it here as it is (no need to unpack it).",
        ),
    ),
    (
        "oura",
        "Oura ring",
        (
            "Sign in to your Oura account on the web and open the data export.",
            "Download your sleep data as CSV or JSON.",
            "Choose that file here.",
        ),
    ),
    (
        "garmin",
        "Garmin watch",
        (
            "In your Garmin account's data management, ask to export your data; Garmin emails "
            "you a .zip, which holds your .fit files.",
            "Or connect the watch by USB and copy the .fit files from its GARMIN folder (Sleep, "
            "Monitor, Metrics).",
            "Choose the .zip or a .fit file here.",
        ),
    ),
)


def wearable_section(app: App, person_id: str) -> dict[str, Any]:
    """What the settings page shows: stored days per source and measure, devices, guides."""
    with app.store.read() as conn:
        counts = repo.value_counts(conn, person_id)  # counted by the database, never read whole
        preferred = repo.preferred_devices(conn, person_id)
    first = min((c[3] for c in counts), default=None)
    last = max((c[4] for c in counts), default=None)
    return {
        "sources": list(WEARABLE_SOURCES),
        "stored": [{"source": s, "measure": m, "days": n} for s, m, n, _, _ in counts],
        "first_day": first.isoformat() if first else None,
        "last_day": last.isoformat() if last else None,
        "preferred_devices": preferred,
        "labels": {m.name: m.label for m in WEARABLE_MEASURES},
        "guides": [{"source": s, "title": t, "steps": list(steps)} for s, t, steps in GUIDES],
    }


def import_upload(
    app: App,
    person_id: str,
    filename: str,
    stream: IO[bytes],
    *,
    source: str,
    tz: str,
    devices: Sequence[str] = (),
) -> dict[str, Any]:
    """Import an uploaded export; the temporary copy is deleted afterwards, read or not."""
    name = PurePath(filename.replace("\\", "/")).name
    if not name or name in (".", ".."):
        raise InvalidInputError(
            [Problem("file", "no file was chosen", "your export: .zip, .xml, .json, .csv, .fit")]
        )
    folder = Path(tempfile.mkdtemp(prefix="mgcalm-upload-"))
    try:
        path = folder / name
        with path.open("wb") as copy:
            shutil.copyfileobj(stream, copy, 1 << 20)
        return wearables.import_wearables(
            app, person_id, path, source=source or "auto", tz=tz, devices=devices
        )
    except InvalidInputError as error:  # name the file as the person chose it, not our copy
        raise InvalidInputError(
            [
                Problem(p.location.replace(f"{folder}/", ""), p.message, p.accepted)
                for p in error.problems
            ]
        ) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
