"""Use cases: import the person's own wearable export, their preferred devices, the daily values.

An import reads the whole export first (:mod:`mgcalm.interop.wearables`, which never writes),
then stores every value in one transaction: a file that cannot be read leaves nothing behind.
Values are kept per source; where two sources hold the same measure (a ring read from its own
export and through Apple Health), the series the trial uses takes one of them, never both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from mgcalm.app.plans.people import check_person
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.wearables import MEASURE_BY_NAME
from mgcalm.interop.series import SeriesPoint
from mgcalm.interop.wearables import choose_source, read_export
from mgcalm.store import wearables as repo
from mgcalm.store.wearables import WearableRecord

if TYPE_CHECKING:
    from mgcalm.app.core import App

PhaseOf = Callable[[date], str]
MAX_DEVICES = 8


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ValueError, KeyError, OSError):
        raise InvalidInputError(
            [Problem("--tz", f"{tz!r} is not a time zone", "an IANA name such as Europe/Paris")]
        ) from None


def _devices(devices: Sequence[str]) -> list[str]:
    cleaned = [d.strip() for d in devices if d.strip()]
    if len(cleaned) > MAX_DEVICES or any(len(d) > 120 for d in cleaned):
        raise InvalidInputError(
            [Problem("--device", "too many or too long", f"up to {MAX_DEVICES} names of 120")]
        )
    return cleaned


def import_wearables(
    app: App,
    person_id: str | None,
    path: Path,
    *,
    source: str = "auto",
    tz: str = "UTC",
    devices: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Read the export at ``path`` and store its values; the import's JSON answer.

    ``devices`` (in order of preference) become the person's setting; without them the saved
    setting applies, then the device each measure came from before.
    """
    person = app.person(person_id)
    wanted = _devices(devices)
    with app.store.read() as conn:
        preferred = wanted or repo.preferred_devices(conn, person.id)
        before = {
            s: repo.stored_devices(conn, person.id, s) for s in repo.stored_sources(conn, person.id)
        }
    result = read_export(
        path, source, zone=_zone(tz), preferred=preferred, previous=before, progress=progress
    )
    rows = [(v.day, v.measure, v.value, v.device) for v in result.values]
    with app.store.write() as conn:
        check_person(conn, person.id)
        if wanted:
            repo.set_preferred_devices(conn, person.id, wanted, app.now())
        counts = repo.save_values(conn, person.id, result.source, rows, app.now())
    return {
        **result.summary(),
        "added": counts.added,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
    }


def save_values(
    app: App, person_id: str, source: str, values: Sequence[tuple[date, str, float, str]]
) -> repo.SaveCounts:
    """Store (day, measure, value, device) values of one source directly (the demo's ring)."""
    with app.store.write() as conn:
        check_person(conn, person_id)
        return repo.save_values(conn, person_id, source, values, app.now())


def preferred_devices(app: App, person_id: str | None = None) -> list[str]:
    """The person's devices in order of preference (empty when never set)."""
    person = app.person(person_id)
    with app.store.read() as conn:
        return repo.preferred_devices(conn, person.id)


def set_preferred_devices(app: App, person_id: str | None, devices: Sequence[str]) -> list[str]:
    """Save the person's devices in order of preference; returns them."""
    person = app.person(person_id)
    cleaned = _devices(devices)
    with app.store.write() as conn:
        repo.set_preferred_devices(conn, person.id, cleaned, app.now())
    return cleaned


def chosen_values(
    records: Sequence[WearableRecord], preferred: Sequence[str]
) -> list[WearableRecord]:
    """One source per measure (see :func:`choose_source`), the others' values left out."""
    days: dict[str, dict[str, int]] = {}
    devices: dict[str, dict[str, set[str]]] = {}
    for r in records:
        days.setdefault(r.measure, {}).setdefault(r.source, 0)
        days[r.measure][r.source] += 1
        devices.setdefault(r.measure, {}).setdefault(r.source, set()).add(r.device)
    chosen = {m: choose_source(days[m], devices[m], preferred) for m in days}
    return [r for r in records if chosen[r.measure] == r.source]


def stored_values(
    app: App, person_id: str, start: date | None = None, end: date | None = None
) -> list[WearableRecord]:
    """The values the trial uses (one source per measure) between two days."""
    with app.store.read() as conn:
        records = repo.list_values(conn, person_id, start, end)
        preferred = repo.preferred_devices(conn, person_id)
    return chosen_values(records, preferred)


def wearable_points(
    app: App, person_id: str, phase_of: PhaseOf, start: date | None = None, end: date | None = None
) -> tuple[SeriesPoint, ...]:
    """The stored values as tidy series points (series ids, units, trial phases)."""
    points = []
    for r in stored_values(app, person_id, start, end):
        spec = MEASURE_BY_NAME.get(r.measure)
        if spec is not None:
            points.append(SeriesPoint(r.day, spec.series, r.value, spec.unit, phase_of(r.day)))
    return tuple(points)


def outcome_values(
    app: App, person_id: str, start: date | None = None, end: date | None = None
) -> list[tuple[str, date, float]]:
    """(series id, day, value) of every outcome measure, for the trial's analysis."""
    found = []
    for r in stored_values(app, person_id, start, end):
        spec = MEASURE_BY_NAME.get(r.measure)
        if spec is not None and spec.outcome:
            found.append((spec.series, r.day, r.value))
    return found
