"""Known daily outcomes: which direction is better and the smallest worthwhile change.

The thresholds are conventions a person can override (``--threshold``): no minimal important
difference has been published for *daily* 0–10 anxiety, tension or sleep-quality ratings, so
mgcalm uses one scale point (10 % of the range) and says so wherever the threshold is shown.
The sleep-diary thresholds (30 minutes of sleep, 10 minutes of latency or wake time, 5 points of
efficiency) are conventions of the same kind, not published minimal important differences.
"""

from __future__ import annotations

from mgcalm.evaluation.series import Outcome
from mgcalm.evaluation.wearable_outcomes import WEARABLE_OUTCOME_PRESETS

OUTCOME_PRESETS: tuple[Outcome, ...] = (
    # Daily check-in ratings, 0–10 (the names of ``mgcalm.domain.entries.CHECKIN_RATINGS``).
    Outcome("anxiety", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("tension", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("irritability", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("mood", higher_is_better=True, threshold=1.0, unit="points"),
    Outcome("energy", higher_is_better=True, threshold=1.0, unit="points"),
    Outcome("sleep_quality", higher_is_better=True, threshold=1.0, unit="points"),
    Outcome("digestion", higher_is_better=True, threshold=1.0, unit="points"),
    # Other 0–10 symptom ratings a person may track from a CSV.
    Outcome("stress", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("muscle_tension", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("low_mood", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("brain_fog", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("fatigue", higher_is_better=False, threshold=1.0, unit="points"),
    Outcome("nightmares", higher_is_better=False, threshold=1.0, unit="points"),
    # Counts and Consensus Sleep Diary measures.
    Outcome("panic_episodes", higher_is_better=False, threshold=1.0, unit="episodes"),
    Outcome("sleep_diary_quality", higher_is_better=True, threshold=0.5, unit="points (1–5)"),
    Outcome("sleep_efficiency", higher_is_better=True, threshold=5.0, unit="percentage points"),
    Outcome("total_sleep_min", higher_is_better=True, threshold=30.0, unit="minutes"),
    Outcome("sleep_latency_min", higher_is_better=False, threshold=10.0, unit="minutes"),
    Outcome("waso_min", higher_is_better=False, threshold=10.0, unit="minutes"),
    # Measured by the person's own wearable (thresholds and their sources in that module).
    *WEARABLE_OUTCOME_PRESETS,
)


def outcome_for(
    name: str, higher_is_better: bool | None = None, threshold: float | None = None
) -> Outcome:
    """The preset for ``name`` (or a 0–10, lower-is-better rating), with any overrides applied."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    base = next((o for o in OUTCOME_PRESETS if o.name == key), Outcome(key))
    return Outcome(
        name=base.name,
        higher_is_better=base.higher_is_better if higher_is_better is None else higher_is_better,
        threshold=base.threshold if threshold is None else threshold,
        unit=base.unit,
    )
