"""Use case: a medicine started or stopped is checked against magnesium at once, then re-planned.

``check_medicine_change`` makes the plan the change would give (nothing is saved) and picks out
what it says about that medicine: how the name was recognised, its interaction notes, whether
its times matter, and the status before and after. ``apply_medicine_change`` stores the changed
profile as a new version and re-plans, keeping a loose-stools step-down in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from mgcalm.app.core import App, default_planner
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.plan import Note, Plan
from mgcalm.planning.reconcile import CHANGES, changed_profile, notes_naming, times_matter


@dataclass(frozen=True, slots=True)
class MedicineCheck:
    """What a medicine change would do to the plan, before anything is saved."""

    name: str
    change: str
    recognised: dict[str, Any]
    notes: tuple[Note, ...]
    times_matter: bool
    status_now: str
    preview: Plan

    def to_json(self) -> dict[str, Any]:
        """The check as JSON (the preview plan in ``mgcalm.plan/1``)."""
        return {
            "name": self.name,
            "change": self.change,
            "recognised": self.recognised,
            "notes": [
                {"code": n.code, "message": n.message, "sources": list(n.sources)}
                for n in self.notes
            ],
            "times_matter": self.times_matter,
            "status_now": self.status_now,
            "status_after": self.preview.status,
            "plan_after": self.preview.to_json(),
        }


def check_medicine_change(
    app: App,
    person_id: str,
    name: str,
    change: str,
    times: Sequence[time] = (),
    as_needed: bool = False,
) -> MedicineCheck:
    """The interaction check for ``name`` and the plan the change would give (nothing saved)."""
    from mgcalm.knowledge import knowledge_base

    _check_input(name, change)
    kb = knowledge_base()
    profile = app.profile(person_id)
    changed = changed_profile(profile, name, change, times, as_needed)
    preview = (app.planner or default_planner(app.today()))(changed)
    current = app.active_plan(person_id)
    found = kb.resolve_medicine(name)
    recognised = {
        "medicine": found.medicine_id,
        "how": "contains_magnesium" if kb.magnesium_content(name) else found.how,
        "matched_name": found.matched_name,
        "ingredients": list(found.ingredients),
        "did_you_mean": list(found.did_you_mean),
    }
    notes = notes_naming(preview, name) if change == "started" else ()
    return MedicineCheck(
        name.strip(),
        change,
        recognised,
        notes,
        times_matter(name, kb),
        current.status if current is not None else "none",
        preview,
    )


def apply_medicine_change(
    app: App,
    person_id: str,
    name: str,
    change: str,
    times: Sequence[time] = (),
    as_needed: bool = False,
) -> Plan:
    """Store the changed profile as a new version and make the new plan, active from today."""
    _check_input(name, change)
    changed = changed_profile(app.profile(person_id), name, change, times, as_needed)
    app.update_profile(person_id, changed)
    return app.plan_for(person_id)


def _check_input(name: str, change: str) -> None:
    problems = []
    if not name.strip():
        problems.append(Problem("medication", "must be a non-empty name", 'e.g. "sertraline"'))
    if change not in CHANGES:
        problems.append(Problem("change", f"{change!r} is not a change", ", ".join(CHANGES)))
    if problems:
        raise InvalidInputError(problems)
