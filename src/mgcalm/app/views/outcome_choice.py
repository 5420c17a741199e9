"""Choosing the trial's primary outcome on the web: the choices, in plain words, and the change.

The choices are the daily ratings, the sleep diary's measures and, once a wearable export is
imported, the wearable's measured outcomes (measured, not rated: hopes do not move them). After
the trial starts a change needs a reason and is kept, dated, in both reports.
"""

from __future__ import annotations

from typing import Any

from mgcalm.app.core import App
from mgcalm.app.views.forms import PRIMARY_OUTCOMES
from mgcalm.domain.outcome_words import outcome_words
from mgcalm.domain.wearables import WEARABLE_MEASURES
from mgcalm.store import wearables as wearable_repo

DIARY_OUTCOMES = ("total_sleep_min", "sleep_latency_min", "sleep_efficiency")
GROUPS = (
    ("rated", "How you feel, rated each day"),
    ("diary", "From your sleep diary"),
    ("wearable", "Measured by your wearable"),
)


def _imported(app: App, person_id: str | None) -> list[str]:
    """The wearable outcomes with stored values for this person (series ids)."""
    if person_id is None:
        return []
    with app.store.read() as conn:
        measured = {measure for _, measure, *_ in wearable_repo.value_counts(conn, person_id)}
    return [m.series for m in WEARABLE_MEASURES if m.outcome and m.name in measured]


def outcome_choices(app: App, person_id: str | None) -> list[dict[str, Any]]:
    """Each group of choosable outcomes with its choices (``id`` and ``words``)."""
    ids = {
        "rated": list(PRIMARY_OUTCOMES),
        "diary": list(DIARY_OUTCOMES),
        "wearable": _imported(app, person_id),
    }
    return [
        {
            "group": g,
            "title": title,
            "choices": [{"id": i, "words": outcome_words(i)} for i in ids[g]],
        }
        for g, title in GROUPS
        if ids[g]
    ]


def outcome_section(app: App, person_id: str) -> dict[str, Any]:
    """What Settings shows: the current primary outcome, the choices, whether the trial started."""
    trial = app.trial(person_id)
    today = app.today()
    started = bool(trial.phases) and trial.phases[0].start <= today
    return {
        "current": trial.primary_outcome,
        "current_words": outcome_words(trial.primary_outcome),
        "started": started,
        "changes": len(trial.outcome_history),
        "groups": outcome_choices(app, person_id),
    }
