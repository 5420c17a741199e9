"""A medicine started or stopped: the profile it leaves, and what the plan says about it.

Pure helpers for reconciliation: ``changed_profile`` adds a started medicine (with its times,
or as needed) or removes a stopped one; ``notes_naming`` picks the reasons and warnings that
name it; ``times_matter`` says whether its times change the plan (a spacing rule, magnesium
in it, or an unknown name that gets the default window).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import time

from mgcalm.domain.plan import Note, Plan
from mgcalm.domain.profile import Medication, Profile
from mgcalm.knowledge.medicine_names import fold
from mgcalm.planning.port import PlanningKnowledge

CHANGES = ("started", "stopped", "dose_changed")


def changed_profile(
    profile: Profile, name: str, change: str, times: Sequence[time] = (), as_needed: bool = False
) -> Profile:
    """The profile after ``change``: a started medicine added (replacing one of the same name),
    a stopped one removed; a dose change leaves the profile as it is."""
    same = fold(name)
    others = tuple(m for m in profile.medications if fold(m.name) != same)
    if change == "started":
        added = Medication(name.strip(), tuple(times), as_needed=as_needed or not times)
        return replace(profile, medications=(*others, added))
    if change == "stopped":
        return replace(profile, medications=others)
    return profile


def notes_naming(plan: Plan, name: str) -> tuple[Note, ...]:
    """The plan's reasons and warnings that name the medicine."""
    wanted = name.strip().casefold()
    return tuple(n for n in (*plan.reasons, *plan.warnings) if wanted in n.message.casefold())


def times_matter(name: str, kb: PlanningKnowledge) -> bool:
    """True when the medicine's times shape the plan (spacing, magnesium, or unknown)."""
    if kb.magnesium_content(name) is not None:
        return True
    found = kb.resolve_medicine(name)
    if not found.known:
        return True
    ids = [i for m in found.ingredients for i in (m, *kb.medicines[m].ingredients)]
    return any(kb.medicines[i].rule.kind == "separate" for i in ids)
