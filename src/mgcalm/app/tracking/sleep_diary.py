"""The sleep diary through the Consensus Sleep Diary metrics of ``mgcalm.instruments``.

A stored :class:`~mgcalm.domain.entries.SleepDiary` holds local date-times; the instruments
compute from clock times (:class:`~mgcalm.instruments.SleepNight`). This module maps one to the
other so every write checks the night with :func:`~mgcalm.instruments.validate_night` (an AM/PM
slip, minutes awake with no awakenings, a latency longer than the night) and the interfaces show
the night's time in bed, total sleep time and sleep efficiency.
"""

from __future__ import annotations

from mgcalm.domain.entries import SleepDiary
from mgcalm.domain.problems import Problem
from mgcalm.instruments.sleep import SleepMetrics, SleepNight, sleep_metrics, validate_night

#: The instruments' names for the diary items → the entry's field names (used in messages).
FIELD_NAMES = {
    "final_awakening": "final_wake",
    "sleep_onset_latency_min": "latency_min",
}


def night_of(entry: SleepDiary) -> SleepNight:
    """The entry as a diary night of clock times."""
    return SleepNight(
        into_bed=entry.into_bed.time(),
        tried_to_sleep=entry.tried_to_sleep.time(),
        sleep_onset_latency_min=entry.latency_min,
        awakenings=entry.awakenings,
        waso_min=entry.waso_min,
        final_awakening=entry.final_wake.time(),
        out_of_bed=entry.out_of_bed.time(),
        quality=entry.quality,
        diary_date=entry.day,
    )


def night_problems(entry: SleepDiary, where: str = "sleep") -> list[Problem]:
    """Every problem the diary rules find, each located at ``where.<entry field>``."""
    return [
        Problem(f"{where}.{FIELD_NAMES.get(p.location, p.location)}", p.message, p.accepted)
        for p in validate_night(night_of(entry))
    ]


def night_metrics(entry: SleepDiary) -> SleepMetrics:
    """Time in bed, total sleep time and sleep efficiency of a valid night."""
    return sleep_metrics(night_of(entry))


def metrics_line(metrics: SleepMetrics) -> str:
    """The night in one readable line."""
    return (
        f"Time in bed {_hours(metrics.time_in_bed_min)}, total sleep "
        f"{_hours(metrics.total_sleep_time_min)}, sleep efficiency "
        f"{metrics.sleep_efficiency_pct:g} %."
    )


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min"
