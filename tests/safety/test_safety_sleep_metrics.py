"""The stored sleep diary and the Consensus Sleep Diary metrics agree, night by night."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mgcalm.app.tracking.entries import resolve_sleep_times
from mgcalm.app.tracking.sleep_diary import metrics_line, night_metrics, night_problems
from mgcalm.domain.entries import SleepDiary, parse_entry

MORNING = date(2026, 11, 26)


def _night(**changes: Any) -> SleepDiary:
    data = {"into_bed": "22:40", "tried_to_sleep": "23:05", "latency_min": 35, "awakenings": 2}
    data |= {"waso_min": 25, "final_wake": "06:10", "out_of_bed": "06:55", "quality": 2}
    data |= changes
    raw = resolve_sleep_times(MORNING, {"id": "s1", "day": MORNING, **data})
    entry = parse_entry("sleep", raw)
    assert isinstance(entry, SleepDiary)
    return entry


@pytest.mark.parametrize(
    "changes",
    [{}, {"into_bed": "01:30", "tried_to_sleep": "01:45"}, {"awakenings": 0, "waso_min": 0}],
)
def test_metrics_match_what_the_evaluation_reads(changes: dict[str, Any]) -> None:
    entry = _night(**changes)
    metrics = night_metrics(entry)
    assert metrics.time_in_bed_min == entry.time_in_bed_min
    assert metrics.total_sleep_time_min == entry.total_sleep_min
    assert entry.efficiency is not None
    assert metrics.sleep_efficiency_pct == pytest.approx(entry.efficiency, abs=0.05)
    assert night_problems(entry) == []


def test_the_readable_line_states_the_three_numbers() -> None:
    line = metrics_line(night_metrics(_night()))
    assert line == "Time in bed 8 h 15 min, total sleep 6 h 05 min, sleep efficiency 73.7 %."


def test_problems_use_the_entrys_field_names() -> None:
    problems = night_problems(_night(awakenings=0), "entries[3]")
    assert [p.location for p in problems] == ["entries[3].waso_min"]
