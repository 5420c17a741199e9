"""Observations for the daily series: check-in ratings, sleep-diary metrics and the like.

These self-reported measures have no LOINC code that matches their wording and scale, so they
are coded in mgcalm's own system (``urn:mgcalm:measure``) with a readable text; a receiving
system can map them. Each note names the trial phase, which a clinician needs to read the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from mgcalm.interop.fhir_common import (
    MEASURE_SYSTEM,
    BundleEntry,
    category,
    entry,
    quantity,
    reference,
)
from mgcalm.interop.fhir_wearables import is_wearable, wearable_fields
from mgcalm.interop.series import SeriesPoint, sort_points

#: Readable names of the measures mgcalm records; others are shown by their id.
MEASURE_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "anxiety": "Anxiety, self-rated 0–10 (higher is worse)",
        "tension": "Muscle tension, self-rated 0–10 (higher is worse)",
        "irritability": "Irritability, self-rated 0–10 (higher is worse)",
        "mood": "Mood, self-rated 0–10 (higher is better)",
        "energy": "Energy, self-rated 0–10 (higher is better)",
        "sleep_quality": "Sleep quality, self-rated 0–10 (higher is better)",
        "digestion": "Digestion, self-rated 0–10 (higher is better)",
        "panic_episodes": "Panic episodes in the day",
        "sleep_diary_quality": "Sleep quality, Consensus Sleep Diary 1–5",
        "total_sleep_min": "Total sleep time, sleep diary (minutes)",
        "sleep_latency_min": "Sleep onset latency, sleep diary (minutes)",
        "waso_min": "Wake after sleep onset, sleep diary (minutes)",
        "time_in_bed_min": "Time in bed, sleep diary (minutes)",
        "sleep_efficiency": "Sleep efficiency TST/TIB × 100, sleep diary (%)",
        "magnesium_mg": "Elemental magnesium taken (mg)",
        "bristol_type": "Stool form, Bristol Stool Form Scale type 1–7",
        "nausea": "Nausea, self-rated 0–10 (higher is worse)",
    }
)


def series_entries(
    points: Iterable[SeriesPoint], patient: BundleEntry, scope: str
) -> tuple[BundleEntry, ...]:
    """One Observation per distinct point, in measure-then-date order."""
    distinct = list(dict.fromkeys(points))  # a repeated identical point says nothing new
    return tuple(_observation(p, patient, scope) for p in sort_points(distinct))


def _observation(point: SeriesPoint, patient: BundleEntry, scope: str) -> BundleEntry:
    """A self-reported value on a day, with its phase in a note."""
    resource: dict[str, Any] = {
        "status": "final",
        "category": category("survey"),
        "code": {
            "coding": [{"system": MEASURE_SYSTEM, "code": point.measure}],
            "text": MEASURE_TEXT.get(point.measure, point.measure),
        },
        "subject": reference(patient),
        "effectiveDateTime": point.date.isoformat(),
        "valueQuantity": quantity(point.value, point.unit),
    }
    notes = [f"Trial phase: {point.phase}."] if point.phase else []
    if is_wearable(point.measure):  # a device measure: its own category, LOINC where one exists
        fields = wearable_fields(point.measure)
        resource |= {"category": fields["category"], "code": fields["code"]}
        notes += fields["notes"]
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    key = f"{point.measure}/{point.date.isoformat()}/{point.phase}/{point.value!r}"
    return entry("Observation", key, resource, scope)
