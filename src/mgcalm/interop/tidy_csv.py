"""CSV in tidy form (``date,measure,value,unit,phase``): export every series and import it back.

The import validates every row and every column and reports all problems at once, each naming
the row (1 is the header, so data starts at row 2, as a spreadsheet numbers it) and the column.
Nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from datetime import date
from statistics import fmean

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.interop.series import SeriesPoint, point_problems, sort_points

COLUMNS: tuple[str, ...] = ("date", "measure", "value", "unit", "phase")
EVALUATE_COLUMNS: tuple[str, ...] = ("date", "phase", "value")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The evaluation's phases; titration and maintenance both take magnesium. A sealed "period" has
# no condition yet, so it is left out like a day outside the trial.
_EVALUATE_PHASE = {
    "baseline": "baseline",
    "titration": "magnesium",
    "maintenance": "magnesium",
    "magnesium": "magnesium",
    "withdrawal": "withdrawal",
    "off": "off",
    "placebo": "placebo",
}


def format_value(value: float) -> str:
    """A number as short text that reads back to the same float (``7`` rather than ``7.0``)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def write_series_csv(points: Iterable[SeriesPoint]) -> str:
    """Every point as tidy CSV text with a header row, sorted by measure then date."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in sort_points(list(points)):
        writer.writerow((p.date.isoformat(), p.measure, format_value(p.value), p.unit, p.phase))
    return buffer.getvalue()


def write_evaluate_csv(points: Iterable[SeriesPoint], measure: str) -> str:
    """One measure as ``date,phase,value`` CSV, the input of ``mgcalm evaluate``.

    Days outside a trial phase are left out, since the evaluation compares phases. The
    evaluation takes one value per day, so a measure recorded twice on a day (two check-ins)
    becomes that day's mean; ``series.csv`` keeps every entry.
    """
    days: dict[date, tuple[str, list[float]]] = {}
    for p in sort_points([p for p in points if p.measure == measure]):
        if p.phase in _EVALUATE_PHASE:
            days.setdefault(p.date, (_EVALUATE_PHASE[p.phase], []))[1].append(p.value)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EVALUATE_COLUMNS)
    for day, (phase, values) in sorted(days.items()):
        writer.writerow((day.isoformat(), phase, format_value(round(fmean(values), 4))))
    return buffer.getvalue()


def read_series_csv(text: str, *, source: str = "series.csv") -> tuple[SeriesPoint, ...]:
    """Parse tidy CSV text into points; raise ``InvalidInputError`` listing every bad cell."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    problems = _header_problems(rows[0] if rows else [], source)
    if problems:
        raise InvalidInputError(problems)
    points: list[SeriesPoint] = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue  # a blank line carries no data
        point, row_problems = _parse_row(row, f"{source}: row {number}")
        problems.extend(row_problems)
        if point is not None:
            points.append(point)
    if problems:
        raise InvalidInputError(problems)
    return tuple(points)


def _header_problems(header: list[str], source: str) -> list[Problem]:
    """The header must name exactly the tidy columns, in order (a BOM from Excel is fine)."""
    cleaned = [cell.strip().lstrip("\ufeff") for cell in header]
    if tuple(cleaned) == COLUMNS:
        return []
    found = ",".join(cleaned) or "missing"
    return [Problem(f"{source}: row 1", f"the header is {found!r}", ",".join(COLUMNS))]


def _parse_row(row: list[str], location: str) -> tuple[SeriesPoint | None, list[Problem]]:
    """One data row into a point, or every problem with its columns."""
    if len(row) != len(COLUMNS):
        accepted = f"{len(COLUMNS)} columns: {','.join(COLUMNS)}"
        return None, [Problem(location, f"has {len(row)} columns", accepted)]
    day_text, measure, value_text, unit, phase = (cell.strip() for cell in row)
    prefix = f"{location}, column "
    problems: list[Problem] = []
    if not _ISO_DATE.fullmatch(day_text):
        problems.append(Problem(f"{prefix}date", f"{day_text!r} is not a date", "YYYY-MM-DD"))
        day_text = "0001-01-01"  # placeholder so the other columns are still checked
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        problems.append(Problem(f"{prefix}date", f"{day_text!r} is not a date", "YYYY-MM-DD"))
        day = date.min
    value = _parse_value(value_text, prefix, problems)
    point = SeriesPoint(day, measure, value, unit, phase)
    problems.extend(point_problems(point, prefix))
    return (None, problems) if problems else (point, [])


def _parse_value(text: str, prefix: str, problems: list[Problem]) -> float:
    """A finite decimal number, or 0 with a problem added."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isfinite(value):
        return value
    problems.append(Problem(f"{prefix}value", f"{text!r} is not a number", "a finite number"))
    return 0.0
