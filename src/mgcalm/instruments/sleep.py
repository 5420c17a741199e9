"""Consensus Sleep Diary metrics for one night (Carney et al. 2012, PMID 22294820).

The person gives clock times (into bed t1, tried to sleep t2, final awakening t6, out of bed t7),
sleep onset latency (SOL), number of awakenings (NWAK), wake after sleep onset (WASO) and a 1–5
quality rating. Metrics, as the diary's authors ask, state their formulas:

- time in bed TIB = t7 − t1
- total sleep time TST = (t6 − t2) − SOL − WASO (WASO excludes the final awakening)
- sleep efficiency SE = TST / TIB × 100
- optional Reed & Sacco (2016) SE = TST / (SOL + TST + WASO + time trying to sleep after the
  final awakening) × 100, when that last item (CSD-E 6b) is given.

A night spans less than 24 hours, so each time is taken as the first moment at or after the one
before it (a night can cross midnight or be slept in the day). Times that are out of order wind
past 24 hours and are reported as problems naming both fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from itertools import pairwise
from typing import Any

from mgcalm.domain import InvalidInputError, Problem

DAY_MIN = 24 * 60
MAX_TIME_IN_BED_MIN = 18 * 60  # longer is almost always an AM/PM slip
QUALITY_LABELS = ("Very poor", "Poor", "Fair", "Good", "Very good")
SLEEP_SOURCES = ("carney2012", "reed2016")
_TIMES = ("into_bed", "tried_to_sleep", "final_awakening", "out_of_bed")


@dataclass(frozen=True, slots=True)
class SleepNight:
    """One night of the Consensus Sleep Diary (core items, plus optional item 6b)."""

    into_bed: time
    tried_to_sleep: time
    sleep_onset_latency_min: int
    awakenings: int
    waso_min: int
    final_awakening: time
    out_of_bed: time
    quality: int
    terminal_wake_min: int | None = None
    diary_date: date | None = None


@dataclass(frozen=True, slots=True)
class SleepMetrics:
    """Derived metrics of one night, in minutes and percent."""

    time_in_bed_min: int
    time_attempting_sleep_min: int
    sleep_onset_latency_min: int
    awakenings: int
    waso_min: int
    time_in_bed_after_waking_min: int
    total_sleep_time_min: int
    sleep_efficiency_pct: float
    sleep_efficiency_reed_sacco_pct: float | None
    quality: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, with the formulas used."""
        data: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        data["formulas"] = {
            "time_in_bed_min": "out_of_bed - into_bed",
            "total_sleep_time_min": "(final_awakening - tried_to_sleep) - SOL - WASO",
            "sleep_efficiency_pct": "TST / TIB x 100",
        }
        return data


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _gap(a: time, b: time) -> int:
    """Minutes from clock time ``a`` forward to clock time ``b`` (0–1439)."""
    return (_minutes(b) - _minutes(a)) % DAY_MIN


def _count_problems(night: SleepNight) -> list[Problem]:
    problems = [
        Problem(name, f"{getattr(night, name)!r} is not a clock time", "a time such as 23:15")
        for name in _TIMES
        if not isinstance(getattr(night, name), time)
    ]
    counts = (
        ("sleep_onset_latency_min", night.sleep_onset_latency_min, "minutes, 0 or more"),
        ("awakenings", night.awakenings, "a whole number, 0 or more"),
        ("waso_min", night.waso_min, "minutes, 0 or more"),
        ("terminal_wake_min", night.terminal_wake_min, "minutes, 0 or more, or blank"),
    )
    for name, value, accepted in counts:
        if value is None and name == "terminal_wake_min":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(Problem(name, f"{value!r} is not a valid count", accepted))
    q = night.quality
    if isinstance(q, bool) or not isinstance(q, int) or not 1 <= q <= 5:
        problems.append(
            Problem("quality", f"{q!r} is not a rating", "1 (very poor) – 5 (very good)")
        )
    return problems


def _order_problems(night: SleepNight) -> list[Problem]:
    named = [(name, getattr(night, name)) for name in _TIMES]
    pairs = list(pairwise(named))
    gaps = [_gap(ta, tb) for (_, ta), (_, tb) in pairs]
    if sum(gaps) >= DAY_MIN:
        found = [
            Problem(b, f"{tb:%H:%M} is before {a} ({ta:%H:%M})", f"a time at or after {a}")
            for ((a, ta), (b, tb)), g in zip(pairs, gaps, strict=True)
            if g > DAY_MIN // 2
        ]
        return found or [Problem("out_of_bed", "the night adds up to 24 hours or more", "")]
    if sum(gaps) > MAX_TIME_IN_BED_MIN:
        return [
            Problem(
                "out_of_bed",
                f"{night.out_of_bed:%H:%M} gives {sum(gaps) // 60} h in bed after "
                f"into_bed ({night.into_bed:%H:%M}); check AM/PM",
                f"at most {MAX_TIME_IN_BED_MIN // 60} hours in bed",
            )
        ]
    return []


def _duration_problems(night: SleepNight) -> list[Problem]:
    window = _gap(night.tried_to_sleep, night.final_awakening)
    problems: list[Problem] = []
    sol, waso = night.sleep_onset_latency_min, night.waso_min
    if sol > window:
        problems.append(
            Problem(
                "sleep_onset_latency_min",
                f"{sol} min is longer than the {window} min from tried_to_sleep to final_awakening",
                f"0–{window}",
            )
        )
    elif sol + waso > window:
        problems.append(
            Problem(
                "waso_min",
                f"latency plus time awake ({sol + waso} min) is longer than the {window} min "
                "from tried_to_sleep to final_awakening",
                f"0–{window - sol}",
            )
        )
    if night.awakenings == 0 and waso > 0:
        problems.append(
            Problem("waso_min", f"{waso} min awake but 0 awakenings", "0 when awakenings is 0")
        )
    after = _gap(night.final_awakening, night.out_of_bed)
    if night.terminal_wake_min is not None and night.terminal_wake_min > after:
        problems.append(
            Problem(
                "terminal_wake_min",
                f"{night.terminal_wake_min} min is longer than the {after} min from "
                "final_awakening to out_of_bed",
                f"0–{after}",
            )
        )
    return problems


def validate_night(night: SleepNight) -> list[Problem]:
    """Every problem with a diary night, each naming its field and what is accepted."""
    problems = _count_problems(night)
    if any(p.location in _TIMES for p in problems):
        return problems
    order = _order_problems(night)
    if order or any(p.location != "quality" for p in problems):
        return problems + order
    return problems + _duration_problems(night)


def sleep_metrics(night: SleepNight) -> SleepMetrics:
    """Compute the night's metrics; raises ``InvalidInputError`` listing every problem."""
    problems = validate_night(night)
    if problems:
        raise InvalidInputError(problems)
    window = _gap(night.tried_to_sleep, night.final_awakening)
    after = _gap(night.final_awakening, night.out_of_bed)
    tib = _gap(night.into_bed, night.tried_to_sleep) + window + after
    tst = window - night.sleep_onset_latency_min - night.waso_min
    reed = None
    if night.terminal_wake_min is not None:
        denominator = night.sleep_onset_latency_min + tst + night.waso_min + night.terminal_wake_min
        reed = round(100 * tst / denominator, 1) if denominator else 0.0
    return SleepMetrics(
        time_in_bed_min=tib,
        time_attempting_sleep_min=window,
        sleep_onset_latency_min=night.sleep_onset_latency_min,
        awakenings=night.awakenings,
        waso_min=night.waso_min,
        time_in_bed_after_waking_min=after,
        total_sleep_time_min=tst,
        sleep_efficiency_pct=round(100 * tst / tib, 1) if tib else 0.0,
        sleep_efficiency_reed_sacco_pct=reed,
        quality=night.quality,
    )
