"""Benchmark: exports of a year of data — FHIR bundle, tidy CSV round trip, iCalendar feed.

Usage: ``.venv/bin/python benchmarks/bench_interop.py``
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from mgcalm.instruments import GAD7, PCL5, PHQ9
from mgcalm.interop import (
    ClinicianExport,
    CompletedQuestionnaire,
    MagnesiumDose,
    SeriesPoint,
    build_bundle,
    build_calendar,
    plan_reminders,
    questionnaire_days,
    read_series_csv,
    trial_reminders,
    write_series_csv,
)

DAYS = 365
START = date(2026, 1, 1)
EVENING = clock_time(21, 30)
MEASURES = (
    ("anxiety", "0-10"), ("tension", "0-10"), ("irritability", "0-10"), ("mood", "0-10"),
    ("energy", "0-10"), ("sleep_quality", "0-10"), ("digestion", "0-10"),
    ("panic_episodes", "{count}"), ("sleep_diary_quality", "1-5"), ("total_sleep_min", "min"),
    ("sleep_latency_min", "min"), ("waso_min", "min"), ("awakenings", "{count}"),
    ("time_in_bed_min", "min"), ("sleep_efficiency", "%"), ("magnesium_mg", "mg"),
)  # fmt: skip
PLAN = {
    "status": "ok",
    "target_elemental_mg_per_day": 250,
    "titration": [{"day": 1, "elemental_mg_per_day": 100}, {"day": 8, "elemental_mg_per_day": 250}],
    "doses": [{"time": "12:30", "form": "glycinate", "elemental_mg": 100, "compound_mg": 709,
               "with_food": True}, {"time": "21:30", "form": "glycinate", "elemental_mg": 150,
               "compound_mg": 1064, "with_food": False}],
    "routine": [{"time": f"{h:02d}:00", "kind": "practice", "what": "Slow breathing"}
                for h in (7, 15, 22)],
}  # fmt: skip


def year_of_points() -> list[SeriesPoint]:
    """Every measure every day for a year (a full diary: more than anyone keeps)."""
    return [
        SeriesPoint(START + timedelta(days=i), measure, float((i * 7 + j) % 10), unit,
                    "baseline" if i < 28 else "maintenance")
        for i in range(DAYS)
        for j, (measure, unit) in enumerate(MEASURES)
    ]  # fmt: skip


def timed(label: str, work: object) -> object:
    """Run ``work`` once and print how long it took."""
    started = time.perf_counter()
    result = work() if callable(work) else None
    print(f"{label}: {time.perf_counter() - started:.3f} s")
    return result


def main() -> None:
    """Print the timings and sizes."""
    points = year_of_points()
    responses = tuple(
        CompletedQuestionnaire(f"q{n}", i.id, START + timedelta(days=14 * n), ones, len(ones))
        for n in range(DAYS // 14)
        for i in (GAD7, PHQ9)
        for ones in [(1,) * len(i.items)]
    )
    export = ClinicianExport(
        "bench",
        datetime(2027, 1, 1, tzinfo=UTC),
        magnesium=(MagnesiumDose(EVENING, "glycinate", 150, 1064),),
        instruments=(PCL5, GAD7, PHQ9),
        responses=responses,
        series=tuple(points),
    )
    bundle = timed(
        f"FHIR bundle, {len(points)} points + {len(responses)} responses",
        lambda: build_bundle(export),
    )
    assert isinstance(bundle, dict)
    text = json.dumps(bundle)
    print(f"  {len(bundle['entry'])} entries, {len(text) / 1e6:.1f} MB of JSON")
    csv_text = write_series_csv(points)
    timed(
        f"CSV write + validated read, {len(points)} rows",
        lambda: read_series_csv(write_series_csv(points)),
    )
    print(f"  {len(csv_text) / 1e6:.2f} MB of CSV")
    reminders = plan_reminders(PLAN, START) + trial_reminders(
        [(START, "baseline"), (START + timedelta(days=28), "titration")],
        questionnaire_days({}, START, START + timedelta(days=120)),
    )
    now = datetime.now(UTC)
    calendar = timed(
        f"iCalendar, {len(reminders)} events",
        lambda: build_calendar(reminders, tz="Europe/London", now=now),
    )
    assert isinstance(calendar, str)
    print(f"  {len(calendar) / 1e3:.1f} kB of iCalendar")


if __name__ == "__main__":
    main()
