"""What a person already takes: magnesium counted toward the limit, and times checked.

Supplements holding magnesium (by any name the knowledge base recognises) count toward the
supplemental upper limit with what the plan adds. Supplements holding magnesium, calcium, iron
or zinc are checked against every window that names their mineral, like planned doses; a time
inside a window is a warning naming the supplement, the medicine and a time that keeps clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from mgcalm.domain.plan import ExistingCheck, ExistingIntake, Note
from mgcalm.domain.profile import Day, Profile
from mgcalm.domain.strength import split_strength
from mgcalm.knowledge.magnesium_content import cations_in
from mgcalm.planning.circle import allowed_minutes, forward, to_minutes, to_time
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.spacing import MAGNESIUM, Spacing

_MINERAL_NUTRIENTS = ("calcium", "iron", "zinc")


def supplement_intakes(profile: Profile, kb: PlanningKnowledge) -> list[ExistingIntake]:
    """Supplements that hold a mineral, with the magnesium each adds per day."""
    found = []
    for sup in profile.supplements:
        minerals = set(cations_in(sup.name))
        if kb.magnesium_content(sup.name) is not None:
            minerals.add(MAGNESIUM)
        nutrient = kb.find_conutrient(split_strength(sup.name).name)
        if nutrient is not None and nutrient.id in _MINERAL_NUTRIENTS:
            minerals.add(nutrient.id)
        if not minerals:
            continue
        mg = sup.daily_mg if MAGNESIUM in minerals else None
        basis = "the amount you gave" if mg is not None else ""
        ordered = tuple(m for m in (MAGNESIUM, *_MINERAL_NUTRIENTS) if m in minerals)
        found.append(ExistingIntake(sup.name, "supplement", ordered, sup.times, mg, basis))
    return found


def check_existing(
    intakes: Sequence[ExistingIntake], spacings: Sequence[Spacing], day: Day
) -> tuple[tuple[ExistingCheck, ...], tuple[Note, ...]]:
    """Every intake time against every window naming its mineral; clashes as named warnings."""
    checks: list[ExistingCheck] = []
    notes: list[Note] = []
    for intake in intakes:
        relevant = [s for s in spacings if set(s.cations) & set(intake.minerals)]
        for at in intake.times:
            suggestion = _suggest(relevant, day, at)
            for s in relevant:
                ok = s.window().allows(to_minutes(at))
                checks.append(ExistingCheck(intake.name, at, s.medication, s.at, ok, suggestion))
                if not ok:
                    notes.append(_clash(intake.name, at, s, suggestion))
    return tuple(checks), tuple(notes)


def _suggest(spacings: Sequence[Spacing], day: Day, at: time) -> time | None:
    """The waking time clear of every window nearest ``at`` (5-minute steps), if any."""
    mask = allowed_minutes(s.window() for s in spacings)
    wake, bed, now = to_minutes(day.wake), to_minutes(day.bedtime), to_minutes(at)
    awake = [(wake + m) % 1440 for m in range(0, forward(wake, bed) + 1, 5)]
    clear = [m for m in awake if mask[m]]
    if not clear:
        return None
    best = min(clear, key=lambda m: (min(forward(m, now), forward(now, m)), m))
    return to_time(best)


def _clash(name: str, at: time, spacing: Spacing, suggestion: time | None) -> Note:
    before = spacing.hours_med_before_mg
    after = spacing.hours_mg_before_med
    move = (
        f"Take it at {suggestion:%H:%M} instead, which keeps clear of every medicine window."
        if suggestion is not None
        else "No waking time keeps it clear of every medicine; ask your pharmacist."
    )
    return Note(
        "existing_dose_in_window",
        f"{name} at {at:%H:%M} is too close to {spacing.medication} at {spacing.at:%H:%M}: keep "
        f"it at least {before:g} hours after and {after:g} hours before that medicine. {move}",
        spacing.sources,
    )
