"""Plain words for the field a problem names (``person.age`` → "Age"), for people, not developers.

The JSON API keeps the exact field names; pages show these words instead.
"""

from __future__ import annotations

import re

WORDS = {
    "name": "Your name",
    "person.age": "Age",
    "person.sex": "Sex",
    "person.pregnant": "Pregnant",
    "person.lactating": "Breastfeeding",
    "health.kidney": "Kidney function",
    "health.egfr": "eGFR",
    "health.conditions": "Health conditions",
    "day.wake": "Wake-up time",
    "day.breakfast": "Breakfast time",
    "day.lunch": "Lunch time",
    "day.dinner": "Dinner time",
    "day.bedtime": "Bedtime",
    "goals.focus": "What you would like help with",
    "diet.magnesium_mg": "Magnesium from food",
    "outcome": "The thing you rate every day",
    "start": "How to start",
    "region": "Country",
    "code": "Pairing code",
    "design": "Design",
    "pairs": "Pairs of periods",
    "period_days": "Days per period",
    "baseline_days": "Baseline days first",
    "transition_days": "Transition days",
    "first_day": "First day",
    "trial": "Your trial",
    "guess": "My guess",
    "period": "Period",
    "early": "Unblind early",
    "reason": "Reason",
    "confirm": "Confirmation",
}
ROW_FIELDS = {
    "name": "name",
    "times": "times",
    "amount_mg": "amount",
    "start": "course start",
    "end": "course end",
    "days": "days of the week",
    "every": "how often",
    "as_needed": "only when needed",
}
ROW = re.compile(r"^(medications|supplements)\[(\d+)\]\.?(\w*)")


def field_words(location: str) -> str:
    """The words a person would use for a problem's location (the location itself if unknown)."""
    field = location.split(": ", 1)[-1]
    if field in WORDS:
        return WORDS[field]
    row = ROW.match(field)
    if row:
        table, index, part = row.groups()
        thing = "Medicine" if table == "medications" else "Supplement"
        detail = ROW_FIELDS.get(part, part)
        return f"{thing} {int(index) + 1}" + (f", {detail}" if detail else "")
    head, _, tail = field.partition(".")
    if head in ("checkin", "sleep", "side_effect", "practice", "therapy", "medication_change"):
        return tail.replace("_", " ").capitalize() or head.replace("_", " ").capitalize()
    return field
