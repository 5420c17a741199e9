"""What a person's own wearable records for mgcalm: the measures, their units and their names.

One value per night or day per measure is kept. Each measure has the id an import summary
uses (``sleep_minutes`` …) and the id its daily series carries in the trial, the tidy CSV and
FHIR. The two are the same except for the device's sleep efficiency, which is
``device_sleep_efficiency`` in a series so that it is never mixed with the sleep diary's
``sleep_efficiency``. Heart-rate variability keeps the name of what the device measures: SDNN
(Apple) and RMSSD (Fitbit, Oura, Garmin) are different quantities and are never merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

#: Short names people read (the ids stay in JSON and CSV).
LABELS: Mapping[str, str] = MappingProxyType(
    {
        "sleep_minutes": "Sleep",
        "sleep_efficiency": "Sleep efficiency",
        "resting_heart_rate": "Resting heart rate",
        "hrv_sdnn": "HRV (SDNN)",
        "hrv_rmssd": "HRV (RMSSD)",
        "dietary_magnesium_mg": "Magnesium from food",
        "mindful_minutes": "Mindful minutes",
    }
)
#: The exports mgcalm reads, as ``--source`` names them.
WEARABLE_SOURCES: tuple[str, ...] = ("apple-health", "google-fitbit", "oura", "garmin")


@dataclass(frozen=True, slots=True)
class WearableMeasure:
    """One measure: its ids, unit, plausible range, and whether it is a trial outcome."""

    name: str
    series: str
    unit: str
    text: str
    low: float
    high: float
    outcome: bool = True

    @property
    def label(self) -> str:
        """A short name for headings and summaries."""
        return LABELS.get(self.name, self.name.replace("_", " ").capitalize())

    def plausible(self, value: float) -> bool:
        """True when ``value`` could be a real night's or day's value of this measure."""
        return self.low <= value <= self.high


WEARABLE_MEASURES: tuple[WearableMeasure, ...] = (
    WearableMeasure(
        "sleep_minutes", "sleep_minutes", "min", "Sleep (asleep, not in bed), wearable", 1, 1440
    ),
    WearableMeasure(
        "sleep_efficiency",
        "device_sleep_efficiency",
        "%",
        "Sleep efficiency, asleep / in bed × 100, wearable",
        1,
        100,
    ),
    WearableMeasure(
        "resting_heart_rate", "resting_heart_rate", "/min", "Resting heart rate, wearable", 25, 220
    ),
    WearableMeasure("hrv_sdnn", "hrv_sdnn", "ms", "Heart-rate variability, SDNN, wearable", 1, 500),
    WearableMeasure(
        "hrv_rmssd", "hrv_rmssd", "ms", "Heart-rate variability, RMSSD, wearable", 1, 500
    ),
    # Context rather than outcomes: what was eaten and practised, not how the body responded.
    WearableMeasure(
        "dietary_magnesium_mg",
        "dietary_magnesium_mg",
        "mg",
        "Magnesium from food, logged in a health app",
        0,
        5000,
        outcome=False,
    ),
    WearableMeasure(
        "mindful_minutes",
        "mindful_minutes",
        "min",
        "Mindful minutes, logged in a health app",
        0.1,
        1440,
        outcome=False,
    ),
)

MEASURE_BY_NAME: Mapping[str, WearableMeasure] = MappingProxyType(
    {m.name: m for m in WEARABLE_MEASURES}
)
MEASURE_BY_SERIES: Mapping[str, WearableMeasure] = MappingProxyType(
    {m.series: m for m in WEARABLE_MEASURES}
)
#: Series ids a person may choose as the trial's primary outcome.
WEARABLE_OUTCOMES: tuple[str, ...] = tuple(m.series for m in WEARABLE_MEASURES if m.outcome)
