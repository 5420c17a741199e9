"""The web's medicine-change check: what a started or stopped medicine does to the plan.

After the change is logged, the page shows how the name was recognised, what the plan says
about it and the status it would give, with a form to re-plan (times for a started one).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.medicines.change import apply_medicine_change, check_medicine_change
from mgcalm.app.views.learn import references
from mgcalm.domain import InvalidInputError
from mgcalm.domain.profile_parse import parse_times

RECONCILED = ("started", "stopped")


def _fields(form: Mapping[str, Any]) -> tuple[str, str, str, bool]:
    name = str(form.get("medication", "")).strip()
    change = str(form.get("change", "")).strip()
    return name, change, str(form.get("times", "")).strip(), form.get("as_needed") == "on"


def replan_times(form: Mapping[str, Any]) -> tuple[time, ...]:
    """The times typed for a started medicine; InvalidInputError names the field."""
    times, problems = parse_times(_fields(form)[2], "medication_change.times")
    if problems:
        raise InvalidInputError(problems)
    return times


def medicine_check_view(app: App, person_id: str, form: Mapping[str, Any]) -> dict[str, Any]:
    """The check for a logged start or stop, and the values the re-plan form carries."""
    name, change, times_text, as_needed = _fields(form)
    times = replan_times(form)
    check = check_medicine_change(app, person_id, name, change, times, as_needed)
    refs = references()
    cited = {s for note in check.notes for s in note.sources}
    return {
        "check": check.to_json(),
        "sources": {s: refs[s] for s in sorted(cited) if s in refs},
        "form": {"medication": name, "change": change, "times": times_text, "as_needed": as_needed},
    }


def replan_for_medicine(app: App, person_id: str, form: Mapping[str, Any]) -> None:
    """Store the profile with the change and make the new plan."""
    name, change, _, as_needed = _fields(form)
    times = replan_times(form)
    apply_medicine_change(app, person_id, name, change, times, as_needed)


def medicine_lookup(text: str, limit: int = 10) -> dict[str, Any]:
    """Names for autocomplete, and what the typed text resolves to (for a form as it is typed)."""
    from mgcalm.knowledge import knowledge_base

    kb = knowledge_base()
    found = kb.resolve_medicine(text) if text.strip() else None
    content = kb.magnesium_content(text) if text.strip() else None
    resolution = None
    if found is not None:
        resolution = {
            "medicine": found.medicine_id,
            "how": "contains_magnesium" if content is not None else found.how,
            "matched_name": found.matched_name,
            "ingredients": list(found.ingredients),
            "did_you_mean": list(found.did_you_mean),
        }
    return {
        "query": text,
        "suggestions": list(kb.suggest_medicines(text, limit)),
        "resolved": resolution,
    }
