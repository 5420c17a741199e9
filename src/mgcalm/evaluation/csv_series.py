"""Read a ``date,phase,value`` CSV into observations, reporting every problem at once."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from datetime import date

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.series import PHASES, Observation, Phase

REQUIRED_COLUMNS = ("date", "phase", "value")
TAKEN_WORDS = {"1": True, "yes": True, "true": True, "0": False, "no": False, "false": False}


# Ratings, minutes, milligrams and totals are all far inside this; beyond it the arithmetic of
# the analysis (squares of sums) would overflow a float.
MAX_ABS_VALUE = 1e6
ACCEPTED = "a finite number from -1000000 to 1000000"


def parse_series_csv(text: str, source: str = "series.csv") -> tuple[Observation, ...]:
    """Observations in date order from CSV text; raises ``InvalidInputError`` with all problems.

    Columns ``date`` (YYYY-MM-DD), ``phase`` (baseline | magnesium | withdrawal | placebo | off,
    in any order over time) and ``value`` (a number) are required, in any order; an optional
    ``taken`` column (1/0, yes/no, true/false; empty = not recorded) says whether every capsule
    was taken that day. Other columns are ignored. One row per day; days may be missing.
    """
    problems: list[Problem] = []
    observations: list[Observation] = []
    first_row: dict[date, int] = {}
    for line, row in _rows(text, source):
        obs = _parse_row(row, f"{source}: row {line}", problems)
        if obs is None:
            continue
        if obs.day in first_row:
            problems.append(
                Problem(
                    f"{source}: row {line}, column date",
                    f"{obs.day.isoformat()} appears again (first on row {first_row[obs.day]})",
                    "one row per day",
                )
            )
            continue
        first_row[obs.day] = line
        observations.append(obs)
    ordered = tuple(sorted(observations, key=lambda o: o.day))
    if not ordered and not problems:
        problems.append(Problem(f"{source}", "no data rows", "one row per day under the header"))
    if problems:
        raise InvalidInputError(problems)
    return ordered


def _rows(text: str, source: str) -> list[tuple[int, dict[str, str | None]]]:
    """(line number, row) pairs; the line numbers are the file's, blank lines included."""
    # newline="" lets the csv module see the file's own line endings (a lone "\r" included).
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        reader.fieldnames = _checked_header(reader.fieldnames, source)
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise InvalidInputError(
            [Problem(f"{source}: line {reader.line_num}", f"not readable as CSV ({error})", "CSV")]
        ) from None


def _checked_header(fieldnames: Sequence[str] | None, source: str) -> list[str]:
    """The lower-cased header; raises when a required column is missing."""
    header = [name.strip().lower() for name in (fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        found = ",".join(header) if header else "an empty file"
        raise InvalidInputError(
            [
                Problem(
                    f"{source}: header",
                    f"missing column {', '.join(missing)} (found {found})",
                    "a header row with date,phase,value",
                )
            ]
        )
    return header


def _parse_row(
    row: dict[str, str | None], where: str, problems: list[Problem]
) -> Observation | None:
    """One observation from a CSV row, or ``None`` after recording what is wrong with it."""
    raw_date = (row.get("date") or "").strip()
    raw_phase = (row.get("phase") or "").strip().lower()
    raw_value = (row.get("value") or "").strip()
    count = len(problems)
    try:
        day = date.fromisoformat(raw_date)
    except ValueError:
        problems.append(
            Problem(f"{where}, column date", f"{raw_date!r} is not a date", "YYYY-MM-DD")
        )
    if raw_phase not in PHASES:
        problems.append(
            Problem(f"{where}, column phase", f"unknown phase {raw_phase!r}", ", ".join(PHASES))
        )
    try:
        value = float(raw_value)
        if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
            raise ValueError(raw_value)
    except ValueError:
        problems.append(
            Problem(
                f"{where}, column value",
                f"{raw_value[:40]!r} is not a number within ±1000000",
                ACCEPTED,
            )
        )
    dosed = _taken(row, where, problems)
    if len(problems) > count:
        return None
    phase: Phase = PHASES[PHASES.index(raw_phase)]
    return Observation(day=day, phase=phase, value=value, dosed=dosed)


def _taken(row: dict[str, str | None], where: str, problems: list[Problem]) -> bool | None:
    """The optional ``taken`` cell: True, False, or ``None`` when absent or empty."""
    raw = (row.get("taken") or "").strip().lower()
    if not raw:
        return False if "taken" in row else None
    if raw not in TAKEN_WORDS:
        problems.append(
            Problem(
                f"{where}, column taken", f"{raw!r} is not yes or no", "1/0, yes/no, true/false"
            )
        )
        return None
    return TAKEN_WORDS[raw]
