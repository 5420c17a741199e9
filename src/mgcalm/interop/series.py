"""Tidy series: one measured value per row, the shape every export and analysis shares.

A :class:`SeriesPoint` is ``(date, measure, value, unit, phase)``: a daily rating, a sleep-diary
metric, a questionnaire total or the magnesium taken that day. Keeping every series in this one
long ("tidy") form lets the CSV, FHIR and evaluation code handle new measures without new code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from mgcalm.domain import Problem

#: Trial phases a point may belong to; "" means the day lies outside any trial phase. A
#: randomised trial adds its periods: ``off`` and ``placebo`` (comparison), and ``period`` for a
#: blinded period whose condition is still sealed, and ``run_in`` for its open-label run-in
#: before the periods (never compared).
PHASES: tuple[str, ...] = (
    "",
    "baseline",
    "titration",
    "maintenance",
    "magnesium",
    "withdrawal",
    "off",
    "placebo",
    "period",
    "run_in",
)

MEASURE_PATTERN = re.compile(r"[a-z][a-z0-9_.]{0,63}")
MAX_UNIT_LENGTH = 32


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One value of one measure on one day, with its unit and trial phase."""

    date: date
    measure: str
    value: float
    unit: str = ""
    phase: str = ""


def point_problems(point: SeriesPoint, prefix: str) -> list[Problem]:
    """Every problem with one point's fields, each located at ``prefix`` + the field name."""
    problems: list[Problem] = []
    if not MEASURE_PATTERN.fullmatch(point.measure):
        problems.append(
            Problem(
                f"{prefix}measure",
                f"{point.measure!r} is not a measure id",
                "lower-case letters, digits, '_' or '.', starting with a letter, at most 64",
            )
        )
    if not math.isfinite(point.value):
        problems.append(Problem(f"{prefix}value", f"{point.value!r} is not a finite number"))
    if len(point.unit) > MAX_UNIT_LENGTH or not point.unit.isprintable():
        problems.append(
            Problem(
                f"{prefix}unit",
                f"{point.unit!r} is not a unit",
                f"printable text of at most {MAX_UNIT_LENGTH} characters",
            )
        )
    if point.phase not in PHASES:
        problems.append(
            Problem(
                f"{prefix}phase",
                f"{point.phase!r} is not a trial phase",
                ", ".join(p for p in PHASES if p) + " or empty",
            )
        )
    return problems


def sort_points(points: tuple[SeriesPoint, ...] | list[SeriesPoint]) -> tuple[SeriesPoint, ...]:
    """Points in a stable order: by measure, then date (how a clinician reads a series)."""
    return tuple(sorted(points, key=lambda p: (p.measure, p.date, p.phase, p.value, p.unit)))
