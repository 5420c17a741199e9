"""Questionnaire trajectories and reliable change from baseline to the latest score.

The judgement of change (thresholds and their sources) belongs to ``mgcalm.instruments``; this
module only picks which two scores to compare: the last one taken by the end of baseline and the
latest one after it, on the same form (the past-week PCL-5 is never compared with the monthly).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mgcalm.instruments.catalog import get_instrument
from mgcalm.instruments.change import Change, describe_change, reliable_change
from mgcalm.instruments.scoring import band_for


@dataclass(frozen=True, slots=True)
class ScoredQuestionnaire:
    """One completed questionnaire: which, when, and its total."""

    instrument: str
    day: date
    total: int


@dataclass(frozen=True, slots=True)
class TrajectoryPoint:
    """A total on a day with its band, for charts and tables."""

    day: date
    total: int
    band: str


@dataclass(frozen=True, slots=True)
class QuestionnaireChange:
    """Baseline versus latest on one instrument, judged by ``mgcalm.instruments``."""

    instrument: str
    name: str
    baseline_day: date
    latest_day: date
    change: Change
    sentence: str


def trajectories(
    results: Sequence[ScoredQuestionnaire],
) -> dict[str, tuple[TrajectoryPoint, ...]]:
    """Every instrument's totals in date order, each with its band."""
    out: dict[str, list[TrajectoryPoint]] = {}
    for r in sorted(results, key=lambda r: (r.instrument, r.day)):
        instrument = get_instrument(r.instrument).id
        point = TrajectoryPoint(r.day, r.total, band_for(instrument, r.total))
        out.setdefault(instrument, []).append(point)
    return {k: tuple(v) for k, v in out.items()}


def changes_since_baseline(
    results: Sequence[ScoredQuestionnaire], baseline_end: date
) -> tuple[QuestionnaireChange, ...]:
    """Reliable change per instrument from its last baseline score to its latest later score.

    An instrument without a score on both sides of ``baseline_end`` is left out: there is
    nothing honest to compare.
    """
    out = []
    for instrument, points in trajectories(results).items():
        before = [p for p in points if p.day <= baseline_end]
        after = [p for p in points if p.day > baseline_end]
        if not before or not after:
            continue
        change = reliable_change(instrument, before[-1].total, after[-1].total)
        out.append(
            QuestionnaireChange(
                instrument=instrument,
                name=get_instrument(instrument).name,
                baseline_day=before[-1].day,
                latest_day=after[-1].day,
                change=change,
                sentence=describe_change(change),
            )
        )
    return tuple(out)
