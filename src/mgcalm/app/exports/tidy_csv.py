"""Use case: the person's series as a tidy CSV (``date,measure,value,unit,phase``), and back.

Like the other exports it only gathers: it reads the entries and the trial through :class:`App`
and hands plain records to the pure serialisers in :mod:`mgcalm.interop`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.exports.common import Written, phase_lookup, write_all
from mgcalm.app.tracking import wearables
from mgcalm.interop.entry_series import entry_points
from mgcalm.interop.series import SeriesPoint, sort_points
from mgcalm.interop.tidy_csv import read_series_csv, write_evaluate_csv, write_series_csv

SERIES_FILE = "series.csv"


def series_points(app: App, person_id: str | None = None) -> tuple[SeriesPoint, ...]:
    """Every series the person has, as tidy points labelled with trial phases."""
    person = app.person(person_id)
    entries = [s.entry for s in app.history(person.id)]
    phase_of = phase_lookup(app, person.id)
    measured = wearables.wearable_points(app, person.id, phase_of)  # one source per measure
    return sort_points((*entry_points(entries, phase_of), *measured))


def write_csv(app: App, directory: Path, person_id: str | None = None) -> Written:
    """``series.csv`` with every series, plus ``evaluate/<measure>.csv`` for ``mgcalm evaluate``."""
    points = series_points(app, person_id)
    files = {directory / SERIES_FILE: write_series_csv(points)}
    for measure in sorted({p.measure for p in points}):
        files[directory / "evaluate" / f"{measure}.csv"] = write_evaluate_csv(points, measure)
    write_all(files)  # all of them or none: a full disk leaves no half an export behind
    return Written(tuple(files), {"rows": len(points), "measures": len(files) - 1})


def read_csv(path: Path) -> tuple[SeriesPoint, ...]:
    """Read and validate a tidy CSV file; every bad cell is reported with its row and column."""
    from mgcalm.domain import InvalidInputError, Problem

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError([Problem(str(path), f"cannot be read: {error}")]) from None
    return read_series_csv(text, source=path.name)


def csv_summary(points: Sequence[SeriesPoint]) -> dict[str, Any]:
    """Rows per measure with their dates and unit (what ``read-csv`` reports)."""
    measures: dict[str, dict[str, Any]] = {}
    for p in points:
        seen = measures.setdefault(p.measure, {"rows": 0, "first": p.date, "last": p.date})
        seen["rows"] += 1
        seen["first"], seen["last"] = min(seen["first"], p.date), max(seen["last"], p.date)
        seen["unit"] = p.unit
    for seen in measures.values():
        seen["first"], seen["last"] = seen["first"].isoformat(), seen["last"].isoformat()
    return {"rows": len(points), "measures": measures}


def csv_summary_text(summary: dict[str, Any]) -> str:
    """The summary as lines a person reads."""
    lines = [f"{summary['rows']} rows, all valid."]
    for measure, seen in sorted(summary["measures"].items()):
        lines.append(f"  {measure}: {seen['rows']} from {seen['first']} to {seen['last']}")
    return "\n".join(lines)
