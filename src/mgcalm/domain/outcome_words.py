"""Outcomes in the person's words: what pages show instead of series ids like ``waso_min``.

The ids stay in JSON, exports and the clinician's report; pages for the person use these.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

OUTCOME_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "anxiety": "Anxiety or distress (0–10)",
        "tension": "Muscle tension (0–10)",
        "irritability": "Irritability (0–10)",
        "mood": "Mood (0–10)",
        "energy": "Energy (0–10)",
        "sleep_quality": "How well you slept (0–10)",
        "digestion": "Digestion (0–10)",
        "panic_episodes": "Panic episodes a day",
        "sleep_diary_quality": "Sleep quality in the sleep diary",
        "total_sleep_min": "Minutes asleep (sleep diary)",
        "sleep_latency_min": "Minutes to fall asleep (sleep diary)",
        "waso_min": "Minutes awake in the night (sleep diary)",
        "sleep_efficiency": "Share of time in bed asleep (sleep diary)",
        "pcl5": "PTSD symptoms questionnaire (PCL-5)",
        "gad7": "Anxiety questionnaire (GAD-7)",
        "phq9": "Mood questionnaire (PHQ-9)",
        "sleep_minutes": "Minutes asleep (wearable)",
        "device_sleep_efficiency": "Share of time in bed asleep (wearable)",
        "resting_heart_rate": "Resting heart rate (wearable)",
        "hrv_sdnn": "Heart-rate variability, SDNN (wearable)",
        "hrv_rmssd": "Heart-rate variability, RMSSD (wearable)",
    }
)


def outcome_words(name: str | None) -> str:
    """An outcome's name as a person reads it (unknown ids lose their underscores)."""
    if not name:
        return ""
    return OUTCOME_WORDS.get(name, name.replace("_", " ").capitalize())


#: Ids whose underscores-to-spaces form is still a developer's word ("waso min", "hrv sdnn").
_CODED = frozenset(
    {
        "panic_episodes",
        "total_sleep_min",
        "sleep_latency_min",
        "waso_min",
        "sleep_diary_quality",
        "device_sleep_efficiency",
        "sleep_minutes",
        "hrv_sdnn",
        "hrv_rmssd",
    }
)


def outcome_phrase(name: str) -> str:
    """An outcome inside a sentence: "sleep quality", "minutes awake in the night (sleep diary)"."""
    if name in _CODED:
        words = OUTCOME_WORDS[name]
        return words[0].lower() + words[1:]
    return name.replace("_", " ")
