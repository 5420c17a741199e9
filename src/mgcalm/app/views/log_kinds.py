"""The kinds of log the web offers, with their words, and the check-in's rating rows."""

from __future__ import annotations

from mgcalm.domain.entries import CHECKIN_RATINGS

LOG_KINDS: tuple[tuple[str, str, str], ...] = (
    ("checkin", "Daily check-in", "How you feel today, in a few taps"),
    ("sleep", "Sleep diary", "Last night"),
    ("food", "Food", "Magnesium from what you ate"),
    ("side_effect", "Side effects", "Stomach, nausea, warning signs"),
    ("practice", "Practice", "Breathing, grounding and the like"),
    ("therapy", "Therapy session", "A session you went to"),
    ("medication_change", "Medicine change", "Started, stopped or changed"),
)
RATING_WORDS = {
    "anxiety": "Anxiety",
    "tension": "Muscle tension",
    "irritability": "Irritability",
    "mood": "Mood (10 = very good)",
    "energy": "Energy (10 = full of energy)",
    "sleep_quality": "Sleep quality (10 = very good)",
    "digestion": "Digestion (10 = very good)",
}


def heading(kind: str) -> str:
    """The page heading for one kind of log."""
    return next((label for k, label, _ in LOG_KINDS if k == kind), "Log")


def rating_rows(primary: str | None) -> list[tuple[str, bool, str]]:
    """``(name, higher_is_better, words)`` per rating, the primary outcome first."""
    rows = [(name, better, RATING_WORDS.get(name, name)) for name, better in CHECKIN_RATINGS]
    rows.sort(key=lambda row: row[0] != primary)
    return rows
