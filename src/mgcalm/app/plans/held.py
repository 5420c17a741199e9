"""A plan held at a step-down: re-planning never quietly restores the full dose.

While the active plan is a stepped-down one (or only partly back up), :func:`hold_step_down`
caps a fresh plan's daily total at that amount and keeps its note. :func:`lower_plan` and
:func:`raised_plan` move one titration step down or up the full plan's ladder; the safety flow
(:mod:`mgcalm.app.safety.step_down`) decides when.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile
from mgcalm.store import Store
from mgcalm.store import people as people_repo
from mgcalm.store.records import VersionRecord

#: Plan warning codes that ``planning.step_down`` writes; they mark a stepped-down version.
STEP_NOTES = ("stepped_down", "loose_stools_stop")
#: Codes of a plan held below the full plan: stepped down, or only partly back up.
HELD_NOTES = (*STEP_NOTES, "stepped_up")


def active_version(history: list[VersionRecord], day: date) -> VersionRecord | None:
    """The plan version active on ``day`` (the newest one whose dates cover it)."""
    for version in reversed(history):
        start, end = version.active_from, version.active_to
        if start is not None and start <= day and (end is None or day < end):
            return version
    return None


def is_stepped_down(plan: Plan) -> bool:
    """True for a plan held below the full plan (stepped down, or only partly back up)."""
    return any(note.code in HELD_NOTES for note in plan.warnings)


def notes_any(plan: Plan, codes: tuple[str, ...]) -> bool:
    """True when the plan carries a note with one of ``codes``."""
    return any(note.code in codes for note in plan.warnings)


def hold_step_down(store: Store, person_id: str, profile: Profile, plan: Plan, day: date) -> Plan:
    """``plan`` (fresh from the planner), held at the step-down in force on ``day``, if any."""
    with store.read() as conn:
        active = active_version(people_repo.plan_history(conn, person_id), day)
    previous = Plan.from_json(active.document) if active else None
    if previous is None or not is_stepped_down(previous):
        return plan
    if notes_any(previous, ("stepped_up",)):  # partly back up: held there, with the same note
        return raised_plan(profile, previous.daily_elemental_mg - 1, day)
    # ``lower_plan`` takes the titration step strictly below what it is given, so one mg above
    # the stepped-down amount gives the highest step at or under it (0 stays 0: stopped).
    return lower_plan(profile, previous.daily_elemental_mg + 1, day)


def lower_plan(profile: Profile, current_mg: int, day: date) -> Plan:
    """The plan one titration step below ``current_mg`` (the full plan's ladder is the guide)."""
    from mgcalm.planning import step_down

    full, current, kb, foods = _full_plan(profile, day)
    return step_down(full, current, kb, current_mg_per_day=current_mg, foods=foods)


def raised_plan(profile: Profile, current_mg: int, day: date) -> Plan:
    """The plan one titration step above ``current_mg``, never above the full plan."""
    from mgcalm.planning import step_up

    full, current, kb, foods = _full_plan(profile, day)
    return step_up(full, current, kb, current_mg_per_day=current_mg, foods=foods)


def _full_plan(profile: Profile, day: date) -> tuple[Plan, Profile, Any, Any]:
    """The fresh full plan, the profile as of ``day``, the knowledge base and the foods."""
    from mgcalm.knowledge.foods import article_portions
    from mgcalm.knowledge.loader import knowledge_base
    from mgcalm.planning import make_plan

    kb, foods = knowledge_base(), article_portions()
    # The fresh plan carries the whole titration ladder; a held plan holds one step only.
    full = make_plan(profile, kb, foods, today=day)
    # Medicine courses that ended before today no longer shape the held plan either.
    ongoing = tuple(m for m in profile.medications if m.end is None or m.end >= day)
    return full, replace(profile, medications=ongoing), kb, foods
