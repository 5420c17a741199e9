"""FHIR codes for the person's wearable measures: LOINC where a code exists, honest where not.

- resting heart rate → LOINC 40443-4 "Heart rate --resting" (category vital-signs);
- HRV as SDNN → LOINC 80404-7 "R-R interval.standard deviation (Heart rate variability)";
- sleep minutes → LOINC 93832-4 "Sleep duration" (the sleep codes of HL7's personal health
  device value sets; category activity).

HRV as RMSSD, the device's sleep efficiency, dietary magnesium and mindful minutes have no LOINC
code that matches what the device reports, so they carry only mgcalm's own code
(``urn:mgcalm:measure``) and a note that says so, never a near-miss code.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from mgcalm.domain.wearables import MEASURE_BY_SERIES
from mgcalm.interop.fhir_common import LOINC, MEASURE_SYSTEM, category

#: Series id → (LOINC code, its display name).
WEARABLE_LOINC: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "resting_heart_rate": ("40443-4", "Heart rate --resting"),
        "hrv_sdnn": ("80404-7", "R-R interval.standard deviation (Heart rate variability)"),
        "sleep_minutes": ("93832-4", "Sleep duration"),
    }
)
VITAL_SIGNS = frozenset({"resting_heart_rate", "hrv_sdnn", "hrv_rmssd"})
MEASURED = "Measured by the person's own wearable device and imported from its export."
NO_LOINC = (
    "No LOINC code matches this measure as the device reports it: coded in mgcalm's own system."
)


def is_wearable(measure: str) -> bool:
    """True for the series ids of wearable measures."""
    return measure in MEASURE_BY_SERIES


def wearable_fields(measure: str) -> dict[str, Any]:
    """The Observation's ``category``, ``code`` and notes for one wearable series id."""
    spec = MEASURE_BY_SERIES[measure]
    codings = [{"system": MEASURE_SYSTEM, "code": measure}]
    notes = [MEASURED]
    if measure in WEARABLE_LOINC:
        code, display = WEARABLE_LOINC[measure]
        codings.insert(0, {"system": LOINC, "code": code, "display": display})
    else:
        notes.append(NO_LOINC)
    return {
        "category": category("vital-signs" if measure in VITAL_SIGNS else "activity"),
        "code": {"coding": codings, "text": spec.text},
        "notes": notes,
    }
