"""Known daily outcomes: which direction is better and the smallest worthwhile change.

The thresholds are conventions a person can override (``--threshold``): no minimal important
difference has been published for *daily* 0–10 anxiety, tension or sleep-quality ratings, so
mgcalm uses one scale point (10 % of the range) and says so wherever the threshold is shown.
The sleep-diary thresholds (30 minutes of sleep, 10 minutes of latency or wake time, 5 points of
efficiency) are conventions of the same kind, not published minimal important differences.
"""

from __future__ import annotations

from dataclasses import replace

from mgcalm.evaluation.series import Outcome
from mgcalm.evaluation.wearable_outcomes import WEARABLE_OUTCOME_PRESETS

#: The bounds of a 0–10 rating, for floor and ceiling flags.
RATING = (0.0, 10.0)
#: Counts and durations cannot go below zero and have no top.
NON_NEGATIVE = (0.0, None)

OUTCOME_PRESETS: tuple[Outcome, ...] = (
    # Daily check-in ratings, 0–10 (the names of ``mgcalm.domain.entries.CHECKIN_RATINGS``).
    Outcome("anxiety", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("tension", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("irritability", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("mood", higher_is_better=True, threshold=1.0, unit="points", scale=RATING),
    Outcome("energy", higher_is_better=True, threshold=1.0, unit="points", scale=RATING),
    Outcome("sleep_quality", higher_is_better=True, threshold=1.0, unit="points", scale=RATING),
    Outcome("digestion", higher_is_better=True, threshold=1.0, unit="points", scale=RATING),
    # Other 0–10 symptom ratings a person may track from a CSV.
    Outcome("stress", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("muscle_tension", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("low_mood", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("brain_fog", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("fatigue", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    Outcome("nightmares", higher_is_better=False, threshold=1.0, unit="points", scale=RATING),
    # Counts and Consensus Sleep Diary measures.
    Outcome("panic_episodes", False, 1.0, "episodes", NON_NEGATIVE),
    Outcome("sleep_diary_quality", True, 0.5, "points (1–5)", (1.0, 5.0)),
    Outcome("sleep_efficiency", True, 5.0, "percentage points", (0.0, 100.0)),
    Outcome("total_sleep_min", True, 30.0, "minutes", NON_NEGATIVE),
    Outcome("sleep_latency_min", False, 10.0, "minutes", NON_NEGATIVE),
    Outcome("waso_min", False, 10.0, "minutes", NON_NEGATIVE),
    # Measured by the person's own wearable (thresholds and their sources in that module).
    *WEARABLE_OUTCOME_PRESETS,
)


def outcome_for(
    name: str, higher_is_better: bool | None = None, threshold: float | None = None
) -> Outcome:
    """The preset for ``name`` (or a 0–10, lower-is-better rating), with any overrides applied."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    base = next((o for o in OUTCOME_PRESETS if o.name == key), Outcome(key, scale=RATING))
    return replace(
        base,
        higher_is_better=base.higher_is_better if higher_is_better is None else higher_is_better,
        threshold=base.threshold if threshold is None else threshold,
    )
