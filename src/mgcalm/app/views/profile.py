"""The profile page: the person's answers as a form, saved as a new version that re-plans.

After saving, the page says what changed in the plan (status, daily amount, dose times, spacing,
warnings), so editing a medicine shows its effect at once.
"""

from __future__ import annotations

from typing import Any

from mgcalm.app.core import App
from mgcalm.app.views.forms import FormData, profile_mapping
from mgcalm.domain import InvalidInputError
from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile
from mgcalm.domain.profile_parse import profile_from_mapping
from mgcalm.knowledge.loader import knowledge_base

STATUS_WORDS = {
    "ok": "safe to try as planned",
    "caution": "safe to try, with cautions",
    "clinician_required": "talk to a clinician first",
    "not_recommended": "not recommended",
}


def medicine_suggestions(prefix: str = "", limit: int = 400) -> list[str]:
    """Medicine names (generic, INN and brand) the knowledge base knows, for autocomplete.

    With a prefix, the resolver's suggestions (generic names first, then near misses);
    without, the curated names in alphabetical order.
    """
    kb = knowledge_base()
    if prefix.strip():
        return list(kb.suggest_medicines(prefix, limit))
    entries = kb.medicine_index.entries.values()
    curated = {e.name for e in entries if e.source == "medicines.toml" and "_" not in e.name}
    return sorted(curated, key=str.casefold)[:limit]


def profile_values(profile: Profile, name: str = "") -> dict[str, Any]:
    """The form's values for a profile (what the onboarding form would have sent)."""
    values: dict[str, Any] = {
        "name": name,
        "person.age": str(profile.person.age),
        "person.sex": profile.person.sex,
        "person.pregnant": "on" if profile.person.pregnant else "",
        "person.lactating": "on" if profile.person.lactating else "",
        "health.kidney": profile.health.kidney or "",
        "health.egfr": "" if profile.health.egfr is None else f"{profile.health.egfr:g}",
        "health.egfr_date": ""
        if profile.health.egfr_date is None
        else str(profile.health.egfr_date),
        "health.conditions": list(profile.health.conditions),
        "goals.focus": list(profile.goals),
        "diet.magnesium_mg": ""
        if profile.diet_magnesium_mg is None
        else f"{profile.diet_magnesium_mg:g}",
    }
    for field in ("wake", "breakfast", "lunch", "dinner", "bedtime"):
        values[f"day.{field}"] = f"{getattr(profile.day, field):%H:%M}"
    for i, med in enumerate(profile.medications):
        values[f"medications[{i}].name"] = med.name
        values[f"medications[{i}].times"] = ", ".join(f"{t:%H:%M}" for t in med.times)
        values[f"medications[{i}].start"] = med.start.isoformat() if med.start else ""
        values[f"medications[{i}].end"] = med.end.isoformat() if med.end else ""
        values[f"medications[{i}].days"] = list(med.days)
        # "day" and no answer mean the same (every day): the form offers the one choice.
        values[f"medications[{i}].every"] = "" if med.every in (None, "day") else med.every
        values[f"medications[{i}].as_needed"] = "on" if med.as_needed else ""
        values[f"medications[{i}].amount_mg"] = (
            "" if med.amount_mg is None else f"{med.amount_mg:g}"
        )
    for i, sup in enumerate(profile.supplements):
        values[f"supplements[{i}].name"] = sup.name
        values[f"supplements[{i}].amount_mg"] = f"{sup.amount_mg:g}"
        values[f"supplements[{i}].times"] = ", ".join(f"{t:%H:%M}" for t in sup.times)
    return values


def plan_changes(old: Plan | None, new: Plan) -> list[str]:
    """What is different in the new plan, in plain words (empty: nothing changed)."""
    if old is None:
        return ["You have a plan now."]
    changes = []
    if old.status != new.status:
        changes.append(
            f"Status: {STATUS_WORDS.get(old.status, old.status)} → "
            f"{STATUS_WORDS.get(new.status, new.status)}."
        )
    if old.daily_elemental_mg != new.daily_elemental_mg:
        changes.append(
            f"Magnesium a day: {old.daily_elemental_mg} mg → {new.daily_elemental_mg} mg."
        )
    before = [f"{d.time:%H:%M}" for d in old.doses]
    after = [f"{d.time:%H:%M}" for d in new.doses]
    if before != after:
        changes.append(f"Dose times: {', '.join(before) or 'none'} → {', '.join(after) or 'none'}.")
    old_meds = {s.medication for s in old.separations}
    for med in sorted({s.medication for s in new.separations} - old_meds):
        changes.append(f"Doses are now spaced away from {med}.")
    for med in sorted(old_meds - {s.medication for s in new.separations}):
        changes.append(f"No spacing from {med} any more.")
    old_notes = {n.code for n in (*old.warnings, *old.reasons)}
    for note in (*new.warnings, *new.reasons):
        if note.code not in old_notes:
            changes.append(f"New: {note.message}")
    return changes


def edit_profile(app: App, person_id: str, form: FormData) -> dict[str, Any]:
    """Save the edited answers as a new profile version and re-plan, in one transaction."""
    profile, problems = profile_from_mapping(profile_mapping(form))
    if problems or profile is None:
        raise InvalidInputError(problems)
    old = app.active_plan(person_id)
    current = app.person(person_id)
    name = str(form.get("name", current.display_name) or "")[:80]
    _, version, plan = app.set_up(profile, person_id=person_id, display_name=name)
    return {"profile_version": version, "changes": plan_changes(old, plan), "plan": plan.to_json()}
