"""Screening: what in a profile stops, limits or qualifies a plan, and the spacing it needs.

Every reason and warning comes from a knowledge-base record (condition, medicine rule,
co-nutrient warning) with its code, message and sources; the few notes the planner writes
itself (an unknown medicine, an unknown condition) say plainly what could not be checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mgcalm.domain.plan import STATUS_RANK, ExistingCheck, ExistingIntake, Note, Status
from mgcalm.domain.profile import Profile
from mgcalm.domain.strength import split_strength
from mgcalm.knowledge.models import Condition, Conutrient
from mgcalm.planning.existing import check_existing, supplement_intakes
from mgcalm.planning.kidney_age import kidney_by_age, kidney_reduced
from mgcalm.planning.medicine_screen import MedicineScreen, screen_medicines
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.spacing import Spacing

ADULT_AGE = 18
# Derived conditions: set by age, pregnancy or kidney function rather than chosen by the person.
UNDER_18 = "under_18"
PREGNANCY = "pregnancy"
LACTATION = "lactation"

__all__ = ["Screening", "Spacing", "screen"]


@dataclass(frozen=True, slots=True)
class Screening:
    """The outcome of screening a profile, before any dose is placed."""

    status: Status
    reasons: tuple[Note, ...]
    warnings: tuple[Note, ...]
    spacings: tuple[Spacing, ...]
    uncounted_magnesium: bool = False  # a magnesium product without an amount: add nothing
    existing: tuple[ExistingIntake, ...] = ()
    existing_checks: tuple[ExistingCheck, ...] = ()

    @property
    def existing_mg(self) -> float:
        """Magnesium a day the person already takes from supplements and medicines."""
        return sum(e.elemental_mg_per_day or 0.0 for e in self.existing)


def screen(profile: Profile, kb: PlanningKnowledge, today: date | None = None) -> Screening:
    """Check age, pregnancy, kidneys, conditions, medicines and supplements against the facts."""
    stops: list[tuple[Status, Note]] = []
    warnings: list[Note] = []
    for condition in _conditions(profile, kb, warnings):
        note = Note(condition.code, condition.message, condition.sources)
        if condition.action == "caution":
            warnings.append(note)
        else:
            stops.append((condition.action, note))
    by_age = kidney_by_age(profile, kb, today)
    if by_age is not None:
        level, note = by_age
        (warnings.append(note) if level == "caution" else stops.append((level, note)))
    meds = screen_medicines(profile, kb, kidney_reduced(profile))
    stops += meds.stops
    warnings += meds.warnings
    warnings += _qt_note(meds, kb)
    spacings = meds.spacings + _supplement_rules(profile, kb, warnings)
    intakes = (*meds.intakes, *supplement_intakes(profile, kb))
    checks, clashes = check_existing(intakes, spacings, profile.day)
    warnings += clashes
    if meds.uncounted:
        warnings.append(_uncounted_magnesium(meds.uncounted, kb, profile.person.age))
    warnings += _supplement_warnings(profile, kb)
    status: Status = "ok"
    for level, _ in stops:
        status = level if STATUS_RANK[level] > STATUS_RANK[status] else status
    if status == "ok" and warnings:
        status = "caution"
    reasons = tuple(note for _, note in stops)
    return Screening(
        status,
        reasons,
        _unique(warnings),
        tuple(spacings),
        bool(meds.uncounted),
        intakes,
        checks,
    )


def _qt_note(meds: MedicineScreen, kb: PlanningKnowledge) -> list[Note]:
    """QT-prolonging medicines taken with magnesium-lowering ones: check magnesium and potassium."""
    qt = list(dict.fromkeys(meds.qt))
    lowering = [m for m in dict.fromkeys(meds.lowering) if m not in qt]
    if not qt or not lowering:
        return []
    return [
        Note(
            "qt_with_magnesium_lowering",
            f"{', '.join(qt)} can prolong the heart's QT interval, and {', '.join(lowering)} can "
            "lower magnesium and potassium, which raises that risk. Ask your prescriber to check "
            "your magnesium and potassium; a supplement within the limit does not replace that "
            "check.",
            kb.safety.qt_check_sources,
        )
    ]


def _supplement_rules(
    profile: Profile, kb: PlanningKnowledge, warnings: list[Note]
) -> list[Spacing]:
    """Supplements that are known medicines (melatonin) get their rule; others are named."""
    spacings: list[Spacing] = []
    for sup in profile.supplements:
        if kb.magnesium_content(sup.name) is not None or _conutrient(sup.name, kb) is not None:
            continue
        found = kb.resolve_medicine(sup.name)
        if found.medicine_id is None or found.how == "fuzzy":
            warnings.append(_unknown_supplement(sup.name))
            continue
        rule = kb.medicines[found.medicine_id].rule
        warnings.append(Note(rule.code, rule.text_for(sup.name), rule.sources))
        if rule.kind == "separate":
            hours = (rule.hours_med_before_mg, rule.hours_mg_before_med)
            for at in sup.times:
                spacings.append(Spacing(sup.name, at, *hours, None, rule.sources, rule.cations))
    return spacings


def _uncounted_magnesium(names: list[str], kb: PlanningKnowledge, age: int) -> Note:
    ul = kb.supplemental_ul(age)
    limit = f"{ul.value_mg:g} mg" if ul is not None else "the"
    return Note(
        "magnesium_medicine_uncounted",
        f"{', '.join(names)} contains magnesium, which counts toward the {limit} daily limit "
        "for supplemental magnesium, but how much is not known. Give amount_mg (the elemental "
        "magnesium per dose, from the label) so mgcalm can count it; until then mgcalm adds no "
        "magnesium.",
        ul.sources if ul is not None else (),
    )


def _conditions(profile: Profile, kb: PlanningKnowledge, warnings: list[Note]) -> list[Condition]:
    """Conditions that apply: derived from age, pregnancy and kidneys, then those named."""
    person, health = profile.person, profile.health
    derived = [
        (person.age < ADULT_AGE, UNDER_18),
        (person.pregnant, PREGNANCY),
        (person.lactating, LACTATION),
    ]
    found = [kb.conditions[cid] for flag, cid in derived if flag and cid in kb.conditions]
    kidney = kb.kidney_action(health.egfr, health.kidney)
    if kidney is not None:
        found.append(kidney)
    for cid in health.conditions:
        if cid in kb.conditions:
            found.append(kb.conditions[cid])
        else:
            warnings.append(
                Note(
                    "unknown_condition",
                    f"mgcalm does not know the condition {cid!r}, so it could not check whether "
                    "magnesium is safe with it. Ask your clinician or pharmacist.",
                )
            )
    return found


def _unknown_supplement(name: str) -> Note:
    return Note(
        "unknown_supplement",
        f"mgcalm does not know the supplement {name!r}, so it could not check it against "
        "magnesium. Ask a pharmacist whether to keep them apart.",
    )


def _supplement_warnings(profile: Profile, kb: PlanningKnowledge) -> list[Note]:
    """Co-nutrient doses above their warning thresholds (e.g. zinc that lowers Mg absorption)."""
    notes: list[Note] = []
    for sup in profile.supplements:
        nutrient = _conutrient(sup.name, kb)
        if nutrient is None:
            continue
        for w in nutrient.warnings_for(sup.daily_mg):
            notes.append(Note(w.code, f"{sup.name}: {w.message}", w.sources))
    return notes


def _conutrient(name: str, kb: PlanningKnowledge) -> Conutrient | None:
    """The co-nutrient a supplement name refers to (by id, name or alias, any case)."""
    return kb.find_conutrient(split_strength(name).name)


def _unique(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Each warning once, in first-seen order (two zinc supplements warn once)."""
    seen: dict[tuple[str, str], Note] = {}
    for note in notes:
        seen.setdefault((note.code, note.message), note)
    return tuple(seen.values())
