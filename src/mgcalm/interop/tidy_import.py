"""Tidy CSV rows → entries a person could have logged: the import half of :mod:`tidy_csv`.

Only measures that one logged entry carries as they are map back without loss: the check-in's
ratings and panic episodes (all of one day make one check-in) and a side effect's Bristol type and
nausea. Every other measure is derived (a day's magnesium total, a sleep diary's total sleep time,
a questionnaire's total score) and is reported as not importable with the reason, never guessed.

Each entry's id comes from its kind and day (``csv:checkin:2026-11-26``), so the same file
imported twice makes the same entries. When a day holds several values of one measure, the
values of a one-measure day become one entry each (``…:1``, ``…:2`` in value order); a day where
several measures repeat cannot be told apart into entries and is reported as not importable.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import CHECKIN_RATINGS, EntryBase, parse_entry
from mgcalm.domain.wearables import MEASURE_BY_SERIES
from mgcalm.instruments import INSTRUMENT_IDS
from mgcalm.interop.entry_series import entry_points
from mgcalm.interop.series import SeriesPoint
from mgcalm.interop.tidy_csv import read_series_csv

#: Measures that map back to one field of one entry: measure → (entry kind, unit written).
IMPORTABLE: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        **{name: ("checkin", "0-10") for name, _ in CHECKIN_RATINGS},
        "panic_episodes": ("checkin", "{count}"),
        "bristol_type": ("side_effect", "1-7"),
        "nausea": ("side_effect", "0-10"),
    }
)

_SLEEP = "derived from a sleep diary, whose bed and wake times the CSV does not carry"
_QUESTIONNAIRE = "derived from a questionnaire: a total score without the answers to each item"

#: Measures read from a wearable's export, which is where they come back from.
WEARABLE = "measured by a wearable: import its export again with `mgcalm wearables import`"
#: Measures the export derives from what was logged: measure → why they cannot be turned back.
DERIVED: Mapping[str, str] = MappingProxyType(
    {
        "magnesium_mg": "derived from doses: the day's total, without each dose's form and time",
        "food_magnesium_mg": "derived from foods: the day's total, without the foods and portions",
        "practice_min": "derived from practices: the day's total minutes of every kind together",
        **dict.fromkeys(
            (
                "sleep_diary_quality",
                "total_sleep_min",
                "sleep_latency_min",
                "waso_min",
                "awakenings",
                "time_in_bed_min",
                "sleep_efficiency",
            ),
            _SLEEP,
        ),
        **dict.fromkeys(INSTRUMENT_IDS, _QUESTIONNAIRE),
        **dict.fromkeys(MEASURE_BY_SERIES, WEARABLE),
    }
)
UNKNOWN = "not a measure mgcalm records"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of the file: its row number (the header is row 1) and its point."""

    number: int
    point: SeriesPoint


@dataclass(frozen=True, slots=True)
class DayGroup:
    """The entries of one kind on one day, with the values they carry and their rows."""

    kind: str
    day: date
    entries: tuple[EntryBase, ...]
    values: tuple[tuple[str, float], ...]
    rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    """Rows of one measure that were not imported, and why."""

    measure: str
    rows: int
    reason: str

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form: measure, number of rows and the reason."""
        return {"measure": self.measure, "rows": self.rows, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class TidyImport:
    """What a tidy CSV file holds for the store: entries by kind and day, and what was skipped."""

    groups: tuple[DayGroup, ...]
    skipped: tuple[Skipped, ...]
    phased_rows: int  # rows with a phase: phases come from the trial, not from the file


def read_tidy_import(text: str, *, source: str = "series.csv") -> TidyImport:
    """Parse and map a tidy CSV file; raise ``InvalidInputError`` naming every bad row/column.

    A cell the reader refuses and a value no entry accepts are reported together, in row order.
    """
    rows, problems = numbered_rows(text, source=source)
    try:
        mapped = tidy_import(rows, source=source)
    except InvalidInputError as error:
        problems += error.problems
    if problems:
        raise InvalidInputError(sorted(problems, key=_row_number))
    return mapped


def numbered_rows(
    text: str, *, source: str = "series.csv"
) -> tuple[tuple[Row, ...], list[Problem]]:
    """Each valid row's point with its row number, and every problem of the others.

    Every row goes through :func:`read_series_csv` on its own (with the header), so the
    problems are the reader's, renumbered to the row they belong to; blank lines count, as a
    spreadsheet counts them. A bad header raises at once, since no row can be read without it.
    """
    lines = list(csv.reader(io.StringIO(text, newline="")))
    header = _csv_line(lines[0] if lines else [])
    read_series_csv(header, source=source)
    rows: list[Row] = []
    problems: list[Problem] = []
    for number, cells in enumerate(lines[1:], start=2):
        if not cells:
            continue
        try:
            (point,) = read_series_csv(header + _csv_line(cells), source=source)
        except InvalidInputError as error:
            problems += [_renumbered(p, source, number) for p in error.problems]
        else:
            rows.append(Row(number, point))
    return tuple(rows), problems


def _csv_line(cells: list[str]) -> str:
    """One row as CSV text, quoted as needed."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _renumbered(problem: Problem, source: str, number: int) -> Problem:
    """A problem the reader found in a one-row file, located at the row it comes from."""
    single = f"{source}: row 2"
    location = f"{source}: row {number}" + problem.location.removeprefix(single)
    return Problem(location, problem.message, problem.accepted)


def _row_number(problem: Problem) -> int:
    """The row a problem names (problems without one first)."""
    found = re.search(r": rows? (\d+)", problem.location)
    return int(found.group(1)) if found else 0


def tidy_import(rows: Sequence[Row], *, source: str = "series.csv") -> TidyImport:
    """Rows → entries grouped by kind and day, and the rows that cannot be imported, with why."""
    problems: list[Problem] = []
    by_day: dict[tuple[str, date], list[Row]] = defaultdict(list)
    skipped: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        measure = row.point.measure
        if measure in IMPORTABLE:
            problems += _value_problems(row, source)
            by_day[(IMPORTABLE[measure][0], row.point.date)].append(row)
        else:
            skipped[(measure, DERIVED.get(measure, UNKNOWN))] += 1
    groups: list[DayGroup] = []
    for (kind, day), day_rows in sorted(by_day.items()):
        group = _day_group(kind, day, day_rows, source, problems)
        if group is not None:
            groups.append(group)
            continue
        reason = f"{day.isoformat()} has several {kind} entries that the CSV cannot tell apart"
        for row in day_rows:
            skipped[(row.point.measure, reason)] += 1
    if problems:
        raise InvalidInputError(problems)
    return TidyImport(
        tuple(groups),
        tuple(Skipped(m, n, reason) for (m, reason), n in sorted(skipped.items())),
        sum(1 for row in rows if row.point.phase),
    )


def _value_problems(row: Row, source: str) -> list[Problem]:
    """An importable value must be a whole number in the unit the export writes."""
    where = f"{source}: row {row.number}, column "
    point = row.point
    unit = IMPORTABLE[point.measure][1]
    found = []
    if point.unit != unit:
        found.append(
            Problem(f"{where}unit", f"{point.unit!r} is not the unit of {point.measure}", unit)
        )
    if not point.value.is_integer():
        found.append(Problem(f"{where}value", f"{point.value!r} is not a whole number", unit))
    return found


def _day_group(
    kind: str, day: date, rows: list[Row], source: str, problems: list[Problem]
) -> DayGroup | None:
    """The entries of one kind on one day, or None when repeated values cannot be paired."""
    measures = {row.point.measure for row in rows}
    if len(measures) == len(rows):
        batches = [rows]
    elif len(measures) == 1:
        batches = [[row] for row in sorted(rows, key=lambda r: r.point.value)]
    else:
        return None
    entries = []
    for index, batch in enumerate(batches, start=1):
        suffix = f":{index}" if len(batches) > 1 else ""
        entry = _entry(kind, f"csv:{kind}:{day.isoformat()}{suffix}", day, batch, source, problems)
        if entry is not None:
            entries.append(entry)
    # The values the entries carry (a check-in without a panic_episodes row still has 0 of them),
    # which is what the export of the stored entries would write back.
    points = entry_points(entries, lambda _day: "")
    values = tuple(sorted((p.measure, p.value) for p in points))
    return DayGroup(kind, day, tuple(entries), values, tuple(row.number for row in rows))


def _entry(
    kind: str, entry_id: str, day: date, rows: list[Row], source: str, problems: list[Problem]
) -> EntryBase | None:
    """One entry from rows of distinct measures; a value it refuses is named by row and column."""
    data: dict[str, object] = {"id": entry_id, "day": day}
    data.update({row.point.measure: int(row.point.value) for row in rows})
    try:
        return parse_entry(kind, data)
    except InvalidInputError as error:
        row_of = {row.point.measure: row.number for row in rows}
        for problem in error.problems:
            field = problem.location.partition(".")[2]
            number = row_of.get(field, rows[0].number)
            location = f"{source}: row {number}, column value"
            problems.append(Problem(location, f"{field}: {problem.message}", problem.accepted))
        return None
