"""Medicines against the knowledge base: rules, windows, magnesium they hold, and what is unknown.

Each medicine a person lists is first checked for magnesium (an antacid or laxative counts
toward the limit and its times are checked like a supplement's), then resolved to a known
medicine (by name, brand, INN, salt and strength, combination or an unambiguous misspelling)
and its rules applied. A name that cannot be resolved still gets the default window of the
OTC magnesium label (2 hours both ways). Every note names the medicine as the person wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mgcalm.domain.plan import ExistingIntake, Note, Status
from mgcalm.domain.profile import Medication, Profile
from mgcalm.knowledge.magnesium_content import MagnesiumContent
from mgcalm.knowledge.medicine_resolve import Resolution
from mgcalm.knowledge.models import Medicine, MedicineRule
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.spacing import MAGNESIUM, Spacing


@dataclass(slots=True)
class MedicineScreen:
    """What the medicines add to screening."""

    stops: list[tuple[Status, Note]] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    spacings: list[Spacing] = field(default_factory=list)
    intakes: list[ExistingIntake] = field(default_factory=list)
    uncounted: list[str] = field(default_factory=list)  # magnesium products with no amount
    qt: list[str] = field(default_factory=list)
    lowering: list[str] = field(default_factory=list)


def screen_medicines(
    profile: Profile, kb: PlanningKnowledge, kidney_reduced: bool
) -> MedicineScreen:
    """Every listed medicine's rules, windows and magnesium."""
    out = MedicineScreen()
    for med in profile.medications:
        content = kb.magnesium_content(med.name)
        if content is not None:
            _magnesium_medicine(med, content, kb, out)
            for other in content.other_medicines:
                _apply(med, kb.medicines[other], f"{med.name} ({other})", kidney_reduced, out)
            continue
        found = kb.resolve_medicine(med.name)
        if not found.known:
            _unknown(med, found, kb, out)
            continue
        if found.how == "fuzzy":
            out.warnings.append(_read_as(med.name, found))
        for medicine_id in _with_ingredients(found.ingredients, kb):
            medicine = kb.medicines[medicine_id]
            _apply(med, medicine, _label(med.name, medicine), kidney_reduced, out)
    return out


def _with_ingredients(ids: tuple[str, ...], kb: PlanningKnowledge) -> list[str]:
    """The medicines and, for a combination product, each of its ingredients (once each)."""
    found: list[str] = []
    for medicine_id in ids:
        for one in (medicine_id, *kb.medicines[medicine_id].ingredients):
            if one not in found:
                found.append(one)
    return found


def _label(typed: str, medicine: Medicine) -> str:
    """The name as the person wrote it, with the generic name when that differs."""
    if medicine.display.casefold() in typed.casefold():
        return typed
    return f"{typed} ({medicine.display})"


def _apply(
    med: Medication, medicine: Medicine, label: str, kidney_reduced: bool, out: MedicineScreen
) -> None:
    """One medicine's rule as a stop, a warning or windows; QT and magnesium-loss flags."""
    rule = medicine.rule
    note = Note(rule.code, rule.text_for(label), rule.sources)
    if medicine.qt_risk:
        out.qt.append(label)
    if medicine.lowers_magnesium:
        out.lowering.append(label)
    if rule.kind == "clinician":
        out.stops.append(("clinician_required", note))
    elif rule.kind in ("warning", "none"):
        out.warnings.append(note)
        if rule.clinician_if_kidney and kidney_reduced:
            out.stops.append(("clinician_required", _kidney_stop(label, rule)))
    else:
        out.warnings.append(note)
        _windows(med, label, rule, out)


def _windows(med: Medication, label: str, rule: MedicineRule, out: MedicineScreen) -> None:
    """Windows at each of the medicine's times; an untimed one is said plainly."""
    if not med.times:
        out.warnings.append(_untimed(label, rule))
        return
    if not med.daily:
        out.warnings.append(_not_daily(label, med, rule.sources))
    course = _course(med)
    for at in med.times:
        hours = (rule.hours_med_before_mg, rule.hours_mg_before_med)
        out.spacings.append(Spacing(label, at, *hours, course, rule.sources, rule.cations))


def _course(med: Medication) -> tuple[date, date] | None:
    return (med.start, med.end) if med.start is not None and med.end is not None else None


def _unknown(
    med: Medication, found: Resolution, kb: PlanningKnowledge, out: MedicineScreen
) -> None:
    """A name mgcalm cannot resolve: the default window both ways, and a named warning."""
    facts = kb.safety
    hours = facts.unknown_medicine_hours
    guess = f" Did you mean {' or '.join(found.did_you_mean)}?" if found.did_you_mean else ""
    when = "at its times" if med.times else "whenever you take it"
    out.warnings.append(
        Note(
            "unknown_medicine",
            f"mgcalm does not know {med.name!r}, so its interactions with magnesium could not be "
            f"checked.{guess} Until a pharmacist says otherwise, the plan keeps magnesium at "
            f"least {hours:g} hours away from it {when}, as magnesium labels advise for other "
            "medicines; correct the name or ask a pharmacist.",
            facts.unknown_medicine_sources,
        )
    )
    for at in med.times:
        sources = facts.unknown_medicine_sources
        out.spacings.append(Spacing(med.name, at, hours, hours, _course(med), sources))


def _magnesium_medicine(
    med: Medication, content: MagnesiumContent, kb: PlanningKnowledge, out: MedicineScreen
) -> None:
    """A medicine that holds magnesium counts toward the limit: by its amount or the label's."""
    per_dose, basis = med.amount_mg, "the amount you gave"
    if per_dose is None:
        per_dose, basis = content.elemental_mg_per_dose, content.basis
    doses = max(1, len(med.times))
    daily = None if per_dose is None else round(per_dose * doses, 1)
    if daily is None:
        out.uncounted.append(med.name)
        basis = "amount unknown"
    times = med.times
    out.intakes.append(ExistingIntake(med.name, "medicine", (MAGNESIUM,), times, daily, basis))
    rule = kb.medicine_classes["magnesium_containing"].rule
    text = rule.text_for(med.name)
    if content.note:
        text += f" {content.note}"
    if daily is not None and med.amount_mg is None:
        text += (
            f" mgcalm counts {daily:g} mg a day from it ({basis}); give amount_mg to count exactly."
        )
    out.warnings.append(Note(rule.code, text, tuple(dict.fromkeys(rule.sources + content.sources))))


def _read_as(typed: str, found: Resolution) -> Note:
    return Note(
        "medicine_read_as",
        f"mgcalm read {typed!r} as {found.matched_name} (the only close match) and checked it as "
        "that medicine. If that is not your medicine, correct the name.",
    )


def _kidney_stop(label: str, rule: MedicineRule) -> Note:
    return Note(
        f"{rule.code}_kidney",
        f"{label} keeps magnesium in the body, and your kidney function is reduced, so "
        "magnesium could build up. Talk to your clinician before taking magnesium; mgcalm plans "
        "no doses until they agree.",
        rule.sources,
    )


def _untimed(label: str, rule: MedicineRule) -> Note:
    return Note(
        "spacing_unchecked",
        f"{label} needs to be kept apart from magnesium, but no times were given for it. "
        f"Whenever you take it, keep magnesium at least {rule.hours_med_before_mg:g} hours after "
        f"it and {rule.hours_mg_before_med:g} hours before it; add its times to your profile so "
        "mgcalm can check them.",
        rule.sources,
    )


def _not_daily(label: str, med: Medication, sources: tuple[str, ...]) -> Note:
    when = ", ".join(med.days) if med.days else f"once a {med.every}" if med.every else "at times"
    return Note(
        "window_kept_daily",
        f"{label} is not taken every day ({when}); the plan keeps magnesium clear of its time "
        "every day, so your magnesium times never have to change.",
        sources,
    )
