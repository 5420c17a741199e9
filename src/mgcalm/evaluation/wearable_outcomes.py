"""Worthwhile changes for the outcomes a person's own wearable measures, and where they come from.

- Sleep minutes (30) and device sleep efficiency (5 percentage points): the clinical significance
  thresholds the American Academy of Sleep Medicine's task force set for total sleep time and
  sleep efficiency (Sateia MJ et al., J Clin Sleep Med 2017;13(2):307–349,
  doi:10.5664/jcsm.6470), the same ones the sleep diary uses.
- Resting heart rate (1.5 beats/min) and HRV (3 ms): no minimal important difference has been
  published for a person's own day-to-day values, so the smallest worthwhile change is a small
  standardised effect, 0.2 of the between-person standard deviation (Cohen J, Statistical Power
  Analysis for the Behavioral Sciences, 2nd ed. 1988; Hopkins WG, Sportscience 2004;8:1–7).
  The standard deviations: resting heart rate 7.7 beats/min in 92,457 adults wearing a wrist
  tracker (Quer G et al., PLoS One 2020;15(2):e0227709, doi:10.1371/journal.pone.0227709);
  short-term SDNN 16 ms and RMSSD 15 ms in healthy adults (Nunan D et al., Pacing Clin
  Electrophysiol 2010;33(11):1407–1417, doi:10.1111/j.1540-8159.2010.02841.x).

A lower resting heart rate and a higher HRV count as better (the article's "calmer nervous
system"); the person can choose another threshold with ``--threshold`` where one is offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from mgcalm.evaluation.series import Outcome

WEARABLE_OUTCOME_PRESETS: tuple[Outcome, ...] = (
    Outcome("sleep_minutes", higher_is_better=True, threshold=30.0, unit="minutes"),
    Outcome(
        "device_sleep_efficiency", higher_is_better=True, threshold=5.0, unit="percentage points"
    ),
    Outcome("resting_heart_rate", higher_is_better=False, threshold=1.5, unit="beats/min"),
    Outcome("hrv_sdnn", higher_is_better=True, threshold=3.0, unit="ms"),
    Outcome("hrv_rmssd", higher_is_better=True, threshold=3.0, unit="ms"),
)

_SLEEP = "AASM clinical significance threshold (Sateia et al. 2017)"
_SMALL = "0.2 × the between-person SD of {sd} (Cohen 1988; Hopkins 2004), SD from {who}"

#: Outcome → why its worthwhile change is what it is, as reports print it.
THRESHOLD_BASIS: Mapping[str, str] = MappingProxyType(
    {
        "sleep_minutes": _SLEEP,
        "device_sleep_efficiency": _SLEEP,
        "resting_heart_rate": _SMALL.format(sd="7.7 beats/min", who="Quer et al. 2020"),
        "hrv_sdnn": _SMALL.format(sd="16 ms", who="Nunan et al. 2010"),
        "hrv_rmssd": _SMALL.format(sd="15 ms", who="Nunan et al. 2010"),
    }
)
#: The full references behind ``THRESHOLD_BASIS``.
REFERENCES: tuple[str, ...] = (
    "Sateia MJ, Buysse DJ, Krystal AD, Neubauer DN, Heald JL. J Clin Sleep Med "
    "2017;13(2):307–349. doi:10.5664/jcsm.6470",
    "Quer G, Gouda P, Galarnyk M, Topol EJ, Steinhubl SR. PLoS One 2020;15(2):e0227709. "
    "doi:10.1371/journal.pone.0227709",
    "Nunan D, Sandercock GRH, Brodie DA. Pacing Clin Electrophysiol 2010;33(11):1407–1417. "
    "doi:10.1111/j.1540-8159.2010.02841.x",
    "Cohen J. Statistical Power Analysis for the Behavioral Sciences, 2nd ed. Erlbaum, 1988",
    "Hopkins WG. How to interpret changes in an athletic performance test. Sportscience 2004;8:1–7",
)


def threshold_notes(outcomes: Iterable[Outcome]) -> tuple[str, ...]:
    """One line per wearable outcome shown: its worthwhile change and the source of it."""
    lines = [
        f"{o.name.replace('_', ' ').capitalize()} (your wearable): a worthwhile change is "
        f"{o.threshold:g} {o.unit} — {THRESHOLD_BASIS[o.name]}."
        for o in outcomes
        if o.name in THRESHOLD_BASIS
    ]
    if lines:
        lines.append("Sources: " + "; ".join(REFERENCES) + ".")
    return tuple(lines)
