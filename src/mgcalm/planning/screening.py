"""Screening: what in a profile stops, limits or qualifies a plan, and the spacing it needs.

Every reason and warning comes from a knowledge-base record (condition, medicine rule,
co-nutrient warning) with its code, message and sources; the few notes the planner writes
itself (an unknown medicine, an unknown condition) say plainly what could not be checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from mgcalm.domain.plan import STATUS_RANK, Note, Status
from mgcalm.domain.profile import Profile
from mgcalm.knowledge.models import Condition, Conutrient, MedicineRule
from mgcalm.planning.circle import Window, window
from mgcalm.planning.port import PlanningKnowledge

ADULT_AGE = 18
# Derived conditions: set by age, pregnancy or kidney function rather than chosen by the person.
UNDER_18 = "under_18"
PREGNANCY = "pregnancy"
LACTATION = "lactation"


@dataclass(frozen=True, slots=True)
class Spacing:
    """One medicine (or supplement) time that magnesium must keep away from."""

    medication: str
    at: time
    hours_med_before_mg: float
    hours_mg_before_med: float
    course: tuple[date, date] | None = None
    sources: tuple[str, ...] = ()

    def window(self) -> Window:
        """The window on the 24-hour circle."""
        return window(self.medication, self.at, self.hours_med_before_mg, self.hours_mg_before_med)


@dataclass(frozen=True, slots=True)
class Screening:
    """The outcome of screening a profile, before any dose is placed."""

    status: Status
    reasons: tuple[Note, ...]
    warnings: tuple[Note, ...]
    spacings: tuple[Spacing, ...]
    uncounted_magnesium: bool = False  # a magnesium medicine without an amount: add nothing


def screen(profile: Profile, kb: PlanningKnowledge) -> Screening:
    """Check age, pregnancy, kidneys, conditions, medicines and supplements against the facts."""
    stops: list[tuple[Status, Note]] = []
    warnings: list[Note] = []
    spacings: list[Spacing] = []
    for condition in _conditions(profile, kb, warnings):
        note = Note(condition.code, condition.message, condition.sources)
        if condition.action == "caution":
            warnings.append(note)
        else:
            stops.append((condition.action, note))
    _medicines(profile, kb, stops, warnings, spacings)
    uncounted = [m.name for m in profile.medications if "magnesi" in m.name.casefold()]
    if uncounted:
        warnings.append(_uncounted_magnesium(uncounted, kb, profile.person.age))
    warnings += _supplement_warnings(profile, kb)
    status: Status = "ok"
    for level, _ in stops:
        status = level if STATUS_RANK[level] > STATUS_RANK[status] else status
    if status == "ok" and warnings:
        status = "caution"
    reasons = tuple(note for _, note in stops)
    return Screening(status, reasons, _unique(warnings), tuple(spacings), bool(uncounted))


def _medicines(
    profile: Profile,
    kb: PlanningKnowledge,
    stops: list[tuple[Status, Note]],
    warnings: list[Note],
    spacings: list[Spacing],
) -> None:
    """Each medicine's rule (and each non-magnesium supplement's, such as iron)."""
    for name, times, course, supplement in _timed_items(profile):
        medicine = kb.find_medicine(name)
        if medicine is None:
            if "magnesi" in name.casefold():
                continue  # a magnesium product: counted (or flagged as uncounted), not unknown
            if not supplement:
                warnings.append(_unknown_medicine(name))
            elif _conutrient(name, kb) is None:
                warnings.append(_unknown_supplement(name))
            continue
        if medicine.rule.kind == "separate" and not times:
            warnings.append(_untimed(name, medicine.rule.sources))
        _apply_rule(name, medicine.rule, times, course, stops, warnings, spacings)


def _uncounted_magnesium(names: list[str], kb: PlanningKnowledge, age: int) -> Note:
    ul = kb.supplemental_ul(age)
    limit = f"{ul.value_mg:g} mg" if ul is not None else "the"
    return Note(
        "magnesium_medicine_uncounted",
        f"{', '.join(names)} contains magnesium, which counts toward the {limit} daily limit "
        "for supplemental magnesium, but a medicine entry has no amount. List it under "
        "[[supplements]] with the elemental magnesium per dose so mgcalm can count it; until "
        "then mgcalm adds no magnesium.",
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


_Item = tuple[str, tuple[time, ...], tuple[date, date] | None, bool]


def _timed_items(profile: Profile) -> Iterable[_Item]:
    """Medicines, then non-magnesium supplements (iron or calcium can need spacing too)."""
    for med in profile.medications:
        course = (med.start, med.end) if med.start is not None and med.end is not None else None
        yield med.name, med.times, course, False
    for sup in profile.supplements:
        if not sup.is_magnesium:
            yield sup.name, sup.times, None, True


def _unknown_medicine(name: str) -> Note:
    return Note(
        "unknown_medicine",
        f"mgcalm does not know {name!r}, so its interactions with magnesium could not be "
        "checked. Ask a pharmacist how far apart to take it from magnesium.",
    )


def _unknown_supplement(name: str) -> Note:
    return Note(
        "unknown_supplement",
        f"mgcalm does not know the supplement {name!r}, so it could not check it against "
        "magnesium. Ask a pharmacist whether to keep them apart.",
    )


def _untimed(name: str, sources: tuple[str, ...]) -> Note:
    return Note(
        "spacing_unchecked",
        f"{name} needs to be kept apart from magnesium, but no times were given for it, so the "
        "spacing could not be checked. Add its times to your profile.",
        sources,
    )


def _apply_rule(
    name: str,
    rule: MedicineRule,
    times: tuple[time, ...],
    course: tuple[date, date] | None,
    stops: list[tuple[Status, Note]],
    warnings: list[Note],
    spacings: list[Spacing],
) -> None:
    """Turn one medicine rule into a stop, a warning or spacing windows."""
    note = Note(rule.code, rule.message, rule.sources)
    if rule.kind == "clinician":
        stops.append(("clinician_required", note))
    elif rule.kind in ("warning", "none"):
        # "none" says no rule was found: absence of evidence, worth telling the prescriber.
        warnings.append(note)
    elif rule.kind == "separate":
        # The rule's message says why the gap matters (and who to tell), so it is shown too.
        warnings.append(note)
        for at in times:
            hours = (rule.hours_med_before_mg, rule.hours_mg_before_med)
            spacings.append(Spacing(name, at, *hours, course, rule.sources))


def _supplement_warnings(profile: Profile, kb: PlanningKnowledge) -> list[Note]:
    """Co-nutrient doses above their warning thresholds (e.g. zinc that lowers Mg absorption)."""
    notes: list[Note] = []
    for sup in profile.supplements:
        nutrient = _conutrient(sup.name, kb)
        if nutrient is None:
            continue
        for w in nutrient.warnings_for(sup.daily_mg):
            notes.append(Note(w.code, w.message, w.sources))
    return notes


def _conutrient(name: str, kb: PlanningKnowledge) -> Conutrient | None:
    """The co-nutrient a supplement name refers to (by id, name or alias, any case)."""
    key = name.strip().casefold()
    for nutrient in kb.conutrients.values():
        names = {nutrient.id, nutrient.name, *nutrient.aliases}
        if key in {n.casefold() for n in names}:
            return nutrient
    return None


def _unique(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Each warning once, in first-seen order (two zinc supplements warn once)."""
    seen: dict[tuple[str, str], Note] = {}
    for note in notes:
        seen.setdefault((note.code, note.message), note)
    return tuple(seen.values())
