"""Magnesium red flags named in a person's own words ("slow pulse", "fainted", "black stool")."""

from __future__ import annotations

import re

from mgcalm.instruments.safety import RED_FLAGS

# Words a person may write for each red flag (besides its label and id). Erring towards showing
# "stop and seek care" is deliberate: a missed red flag costs more than an extra warning.
_RED_FLAG_WORDS: dict[str, tuple[str, ...]] = {
    "muscle_weakness": ("muscle weakness", "weak muscles", "muscles feel weak"),
    "slow_heartbeat": ("slow heartbeat", "slow heart beat", "slow pulse", "slow heart rate"),
    "irregular_heartbeat": ("irregular heartbeat", "irregular heart", "irregular pulse"),
    "difficulty_breathing": ("difficulty breathing", "trouble breathing", "short of breath"),
    "confusion": ("confusion", "confused"),
    "low_blood_pressure": ("fainted", "feel faint", "feeling faint", "low blood pressure"),
    "persistent_vomiting": ("persistent vomiting", "keep vomiting", "keeps vomiting"),
    "urinary_retention": ("unable to pass urine", "cannot pass urine", "can't pass urine"),
    "blood_in_stool": ("blood in the stool", "blood in stool", "black stool", "bloody stool"),
    "dehydration": ("dehydrated", "dehydration"),
}


def red_flags_in(text: str) -> list[str]:
    """Red-flag ids named in free text (labels as the web stores them, ids, or common words)."""
    lowered = " ".join(text.lower().replace("_", " ").split())
    found = []
    for flag in RED_FLAGS:
        words = (flag.label.lower(), flag.id.replace("_", " "), *_RED_FLAG_WORDS.get(flag.id, ()))
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            found.append(flag.id)
    return found
