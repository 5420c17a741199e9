"""One device per measure: values from several devices are never added up or mixed.

Two devices that both record sleep (a watch and a ring, or a watch and the phone's bedtime) see
the same night differently; summing them doubles the night and switching between them day by
day adds the devices' difference to the trial's noise. So each measure keeps one device for the
whole import: the first of the person's preferred devices that recorded it, else the device
already chosen before, else the one with the most days (ties by name). The other devices'
days are listed as skipped, with the device that was chosen, so the summary says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from mgcalm.domain.wearables import MEASURE_BY_NAME, WEARABLE_MEASURES
from mgcalm.interop.wearables.days import DeviceDay, Skipped


@dataclass(frozen=True, slots=True)
class DailyValue:
    """The stored form: one value of one measure on one day, from the device that was chosen."""

    day: date
    measure: str
    value: float
    device: str

    @property
    def unit(self) -> str:
        return MEASURE_BY_NAME[self.measure].unit


@dataclass(frozen=True, slots=True)
class WearableImport:
    """What one export yields: its daily values, the device chosen per measure, what was left."""

    source: str
    values: tuple[DailyValue, ...]
    devices: Mapping[str, str]
    skipped: tuple[Skipped, ...]

    def summary(self) -> dict[str, object]:
        """The import's JSON answer (``source, days, first_day, last_day, measures, skipped``)."""
        days = sorted({v.day for v in self.values})
        counts = Counter(v.measure for v in self.values)
        return {
            "source": self.source,
            "days": len(days),
            "first_day": days[0].isoformat() if days else None,
            "last_day": days[-1].isoformat() if days else None,
            "measures": {m.name: counts[m.name] for m in WEARABLE_MEASURES if counts[m.name]},
            "skipped": [s.to_json() for s in self.skipped],
            "devices": dict(self.devices),
        }


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def choose_device(
    days_by_device: Mapping[str, int], preferred: Sequence[str], previous: str | None = None
) -> str:
    """The device to keep for one measure (see the module docstring for the order)."""
    for wanted in (*preferred, *((previous,) if previous else ())):
        found = next((d for d in sorted(days_by_device) if _same(d, wanted)), None)
        if found is not None:
            return found
    return min(days_by_device, key=lambda d: (-days_by_device[d], d))


def choose_source(
    days_by_source: Mapping[str, int],
    devices_by_source: Mapping[str, set[str]],
    preferred: Sequence[str],
) -> str:
    """The source to keep for one measure when several hold it (a ring read twice, say).

    The source holding the first preferred device wins; else the one with the most days.
    """
    for wanted in preferred:
        holding = [
            s
            for s in sorted(days_by_source)
            if any(_same(d, wanted) for d in devices_by_source.get(s, ()))
        ]
        if holding:
            return holding[0]
    return min(days_by_source, key=lambda s: (-days_by_source[s], s))


def choose(
    source: str,
    found: Iterable[DeviceDay],
    skipped: Sequence[Skipped],
    preferred: Sequence[str] = (),
    previous: Mapping[str, str] | None = None,
) -> WearableImport:
    """Keep one device per measure; list the other devices' days as skipped."""
    by_measure: dict[str, list[DeviceDay]] = {}
    for value in found:
        by_measure.setdefault(value.measure, []).append(value)
    devices: dict[str, str] = {}
    kept: list[DailyValue] = []
    left: list[Skipped] = []
    for measure in sorted(by_measure):
        values = by_measure[measure]
        counts = Counter(v.device for v in values)
        chosen = choose_device(counts, preferred, (previous or {}).get(measure))
        devices[measure] = chosen
        kept += [
            DailyValue(v.day, measure, v.value, v.device) for v in values if v.device == chosen
        ]
        left += [
            Skipped(f"{measure} from {device}", count, f"one device per measure: {chosen} is used")
            for device, count in sorted(counts.items())
            if device != chosen
        ]
    kept.sort(key=lambda v: (v.day, v.measure))
    return WearableImport(source, tuple(kept), MappingProxyType(devices), (*left, *skipped))
