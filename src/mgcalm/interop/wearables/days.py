"""Samples from one export → one value per device, day and measure.

A night belongs to the day the person wakes, in the local time the sample carries: sleep that
ends from 18:00 on counts for the next day (an evening nap joins the night that follows it),
so every sample of one night, including those before midnight, lands on the same day.
Overlapping samples of one device (stages written twice, an in-bed span around asleep spans)
are merged before they are counted, so nothing is counted twice; samples of different devices
are kept apart here and never added up (``choice`` picks one device per measure).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from mgcalm.domain.wearables import MEASURE_BY_NAME

Stage = Literal["asleep", "awake", "in_bed"]
#: Sleep that ends at or after this hour (local) counts for the next day.
NEXT_DAY_FROM_HOUR = 18
MAX_SPAN_S = 24 * 3600.0


def wake_day(local_end: datetime) -> date:
    """The day a night belongs to: the local date the person woke (evening ends count next day)."""
    return (local_end + timedelta(hours=24 - NEXT_DAY_FROM_HOUR)).date()


@dataclass(frozen=True, slots=True)
class DeviceDay:
    """One device's value of one measure on one day."""

    day: date
    measure: str
    device: str
    value: float


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in the export that was not stored, how often, and why."""

    what: str
    count: int
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"what": self.what, "count": self.count, "reason": self.reason}


def merged_seconds(spans: list[tuple[float, float]]) -> float:
    """Total length of the union of ``(start, end)`` spans, overlaps counted once."""
    total = 0.0
    end = float("-inf")
    for start, stop in sorted(spans):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


class DayBook:
    """Collects one export's samples and turns them into per-device daily values."""

    def __init__(self) -> None:
        # (device, day) → asleep spans, and every span of the night (asleep, awake, in bed).
        self._asleep: dict[tuple[str, date], list[tuple[float, float]]] = defaultdict(list)
        self._night: dict[tuple[str, date], list[tuple[float, float]]] = defaultdict(list)
        self._watched: set[tuple[str, date]] = set()  # device-days with awake or in-bed spans
        # (device, day) → [asleep minutes, in-bed minutes] from formats that summarise nights.
        self._summaries: dict[tuple[str, date], list[float]] = defaultdict(lambda: [0.0, 0.0])
        self._means: dict[tuple[str, str, date], list[float]] = defaultdict(lambda: [0.0, 0.0])
        self._sums: dict[tuple[str, str, date], float] = defaultdict(float)
        self._sessions: dict[tuple[str, str, date], list[tuple[float, float]]] = defaultdict(list)
        self._skipped: Counter[tuple[str, str]] = Counter()

    def sleep_span(self, device: str, start: datetime, end: datetime, stage: Stage) -> None:
        """A span of sleep, wakefulness or time in bed; ``end`` in the person's local time."""
        first, last = start.timestamp(), end.timestamp()
        if not 0 < last - first <= MAX_SPAN_S:
            self.skip(f"sleep sample from {device}", "it does not last between 0 and 24 hours")
            return
        key = (device, wake_day(end))
        self._night[key].append((first, last))
        if stage == "asleep":
            self._asleep[key].append((first, last))
        else:
            self._watched.add(key)

    def sleep_night(
        self, device: str, local_end: datetime, asleep_min: float, in_bed_min: float | None
    ) -> None:
        """A whole sleep period as the device summarised it (minutes asleep and in bed)."""
        if not 0 <= asleep_min <= 1440 or (in_bed_min is not None and in_bed_min < asleep_min):
            self.skip(f"sleep period from {device}", "its asleep and in-bed times do not agree")
            return
        totals = self._summaries[(device, wake_day(local_end))]
        totals[0] += asleep_min
        totals[1] += asleep_min if in_bed_min is None else in_bed_min

    def reading(self, measure: str, device: str, day: date, value: float) -> None:
        """A reading whose daily value is the mean of the day's readings (heart rate, HRV)."""
        if self._plausible(measure, device, value):
            cell = self._means[(measure, device, day)]
            cell[0] += value
            cell[1] += 1

    def amount(self, measure: str, device: str, day: date, value: float) -> None:
        """An amount whose daily value is the day's total (magnesium eaten)."""
        if value >= 0:
            self._sums[(measure, device, day)] += value
        else:
            self.skip(f"{measure} from {device}", "a negative amount")

    def session(self, measure: str, device: str, start: datetime, end: datetime) -> None:
        """A timed session (mindfulness) counted once however many times it was written."""
        first, last = start.timestamp(), end.timestamp()
        if 0 < last - first <= MAX_SPAN_S:
            self._sessions[(measure, device, start.date())].append((first, last))
        else:
            self.skip(f"{measure} from {device}", "it does not last between 0 and 24 hours")

    def skip(self, what: str, reason: str) -> None:
        """Note something left out, with the reason the summary will give."""
        self._skipped[(what, reason)] += 1

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """Everything left out so far, most frequent first."""
        ordered = sorted(self._skipped.items(), key=lambda item: (-item[1], item[0]))
        return tuple(Skipped(what, count, reason) for (what, reason), count in ordered)

    def values(self) -> tuple[DeviceDay, ...]:
        """Every device's daily value of every measure, implausible values left out."""
        found: list[DeviceDay] = []
        for (device, day), spans in self._asleep.items():
            asleep = merged_seconds(spans) / 60
            found.append(DeviceDay(day, "sleep_minutes", device, asleep))
            if (device, day) in self._watched:
                tracked = merged_seconds(self._night[(device, day)]) / 60
                found.append(DeviceDay(day, "sleep_efficiency", device, 100 * asleep / tracked))
        for (device, day), (asleep, in_bed) in self._summaries.items():
            found.append(DeviceDay(day, "sleep_minutes", device, asleep))
            if in_bed > 0:
                found.append(DeviceDay(day, "sleep_efficiency", device, 100 * asleep / in_bed))
        for (measure, device, day), (total, count) in self._means.items():
            found.append(DeviceDay(day, measure, device, total / count))
        for (measure, device, day), total in self._sums.items():
            found.append(DeviceDay(day, measure, device, total))
        for (measure, device, day), spans in self._sessions.items():
            found.append(DeviceDay(day, measure, device, merged_seconds(spans) / 60))
        return tuple(
            DeviceDay(v.day, v.measure, v.device, round(v.value, 1))
            for v in sorted(found, key=lambda v: (v.measure, v.device, v.day))
            if self._plausible(v.measure, v.device, round(v.value, 1))
        )

    def _plausible(self, measure: str, device: str, value: float) -> bool:
        spec = MEASURE_BY_NAME[measure]
        if spec.plausible(value):
            return True
        self.skip(f"{measure} from {device}", f"outside {spec.low:g}–{spec.high:g} {spec.unit}")
        return False
