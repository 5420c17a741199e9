"""Stored entries → tidy series points: every number a person logged, one row per value.

Measure ids match the evaluation's outcome ids (``anxiety``, ``total_sleep_min``, ``pcl5`` …).
Doses, foods and practices are summed per day (the daily total is what is compared); ratings,
sleep metrics, side effects and questionnaire totals are kept one per entry. A missed dose adds
nothing: the series records what was taken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from mgcalm.domain.entries import (
    CHECKIN_RATINGS,
    CheckIn,
    DoseEntry,
    EntryBase,
    FoodEntry,
    PracticeEntry,
    QuestionnaireResponse,
    SideEffect,
    SleepDiary,
)
from mgcalm.interop.series import SeriesPoint, sort_points

PhaseOf = Callable[[date], str]


def entry_points(entries: Iterable[EntryBase], phase_of: PhaseOf) -> tuple[SeriesPoint, ...]:
    """Every series point the entries carry, each labelled with its day's trial phase."""
    points: list[SeriesPoint] = []
    totals: dict[tuple[date, str, str], float] = defaultdict(float)
    for entry in entries:
        if isinstance(entry, DoseEntry) and not entry.missed:
            totals[(entry.day, "magnesium_mg", "mg")] += entry.elemental_mg
        elif isinstance(entry, FoodEntry):
            totals[(entry.day, "food_magnesium_mg", "mg")] += entry.magnesium_mg
        elif isinstance(entry, PracticeEntry):
            totals[(entry.day, "practice_min", "min")] += entry.minutes
        else:
            points.extend(_values(entry, phase_of(entry.day)))
    points += [
        SeriesPoint(day, measure, value, unit, phase_of(day))
        for (day, measure, unit), value in totals.items()
    ]
    return sort_points(points)


def _values(entry: EntryBase, phase: str) -> list[SeriesPoint]:
    """The measured values of one entry (none for kinds that carry no number)."""
    found: list[tuple[str, float | None, str]] = []
    if isinstance(entry, CheckIn):
        found += [(name, getattr(entry, name), "0-10") for name, _ in CHECKIN_RATINGS]
        found.append(("panic_episodes", entry.panic_episodes, "{count}"))
    elif isinstance(entry, SleepDiary):
        found += _sleep_values(entry)
    elif isinstance(entry, SideEffect):
        found += [("bristol_type", entry.bristol_type, "1-7"), ("nausea", entry.nausea, "0-10")]
    elif isinstance(entry, QuestionnaireResponse):
        found.append((entry.instrument, _total(entry), "{score}"))
    return [
        SeriesPoint(entry.day, measure, float(value), unit, phase)
        for measure, value, unit in found
        if value is not None
    ]


def _sleep_values(night: SleepDiary) -> list[tuple[str, float | None, str]]:
    """Consensus Sleep Diary metrics (TST derived, SE = TST / TIB × 100)."""
    return [
        ("sleep_diary_quality", night.quality, "1-5"),
        ("total_sleep_min", night.total_sleep_min, "min"),
        ("sleep_latency_min", night.latency_min, "min"),
        ("waso_min", night.waso_min, "min"),
        ("awakenings", night.awakenings, "{count}"),
        ("time_in_bed_min", night.time_in_bed_min, "min"),
        ("sleep_efficiency", _round(night.efficiency), "%"),
    ]


def _total(entry: QuestionnaireResponse) -> float | None:
    """The stored total score (computed by mgcalm.instruments when the entry was saved)."""
    total = entry.score.get("total")
    return float(total) if isinstance(total, int | float) else None


def _round(value: float | None) -> float | None:
    """Efficiency to one decimal: more digits would claim precision a diary does not have."""
    return None if value is None else round(value, 1)
