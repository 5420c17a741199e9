"""Dose times that honour every separation window, or an honest account of why there are none.

First every window is kept. If no time of day keeps them all and some of the medicines are
dated short courses (an antibiotic, say), magnesium pauses for the course: the plan's doses are
empty (so no dose can ever sit inside the course's window) and the doses placed without the
course are offered for the day after it ends. If still nothing fits, there are no doses and
the person is sent to a pharmacist or prescriber, who may be able to move a medicine time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mgcalm.domain.plan import Dose, Note, Separation
from mgcalm.domain.profile import Profile
from mgcalm.planning.circle import allowed_minutes, to_minutes, to_time
from mgcalm.planning.forms import FormPlan, effective_goals
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.slots import Placed, fallback_slot, place, slots
from mgcalm.planning.spacing import Spacing


@dataclass(frozen=True, slots=True)
class Scheduled:
    """Doses placed, plus the reasons and warnings that placing them produced."""

    doses: tuple[Dose, ...]
    reasons: tuple[Note, ...]
    warnings: tuple[Note, ...]
    paused: frozenset[str]  # course medicines magnesium pauses for
    after_course: tuple[Dose, ...] = ()  # the doses to start once every paused course ends
    resume_on: date | None = None


def schedule(
    profile: Profile,
    kb: PlanningKnowledge,
    spacings: Sequence[Spacing],
    target_mg: int,
    forms: FormPlan,
) -> Scheduled:
    """Place ``target_mg`` a day in divided doses clear of every window in ``spacings``."""
    if target_mg <= 0:
        return Scheduled((), (), (), frozenset())
    placed = _try(profile, kb, spacings, target_mg, forms)
    if placed:
        return Scheduled(_doses(placed, kb), (), _fewer(placed, target_mg, kb), frozenset())
    courses = [s for s in spacings if s.course is not None]
    if courses:
        rest = [s for s in spacings if s.course is None]
        placed = _try(profile, kb, rest, target_mg, forms)
        if placed:
            resume_on = max(c.course[1] for c in courses if c.course) + timedelta(days=1)
            pauses = tuple(
                _pause_note(c, resume_on) for c in _first_per_medicine(courses) if c.course
            )
            warnings = pauses + _fewer(placed, target_mg, kb)
            paused = frozenset(c.medication for c in courses)
            return Scheduled((), (), warnings, paused, _doses(placed, kb), resume_on)
    return Scheduled((), (_no_safe_time(spacings),), (), frozenset())


def _try(
    profile: Profile,
    kb: PlanningKnowledge,
    spacings: Sequence[Spacing],
    target_mg: int,
    forms: FormPlan,
) -> tuple[Placed, ...]:
    """Meal and bedtime slots first; failing those, the clear waking time nearest a meal."""
    mask = allowed_minutes(s.window() for s in spacings)
    d = kb.dosing
    sleep_hours = (
        d.article_sleep_hours_before_bed_min.value,
        d.article_sleep_hours_before_bed_max.value,
    )
    per_dose = int(d.split_above_mg_per_dose.value)
    sleep_first = "sleep" in effective_goals(profile.goals)
    candidates = slots(
        profile.day,
        sleep_first,
        sleep_hours,
        (forms.day_form, forms.sleep_form),
        forms.day_purpose,
    )
    placed = place(mask, candidates, target_mg, per_dose)
    if placed:
        return placed
    spare = fallback_slot(mask, profile.day, forms.day_form, forms.day_purpose)
    return place(mask, (spare,), target_mg, per_dose) if spare is not None else ()


def _doses(placed: Sequence[Placed], kb: PlanningKnowledge) -> tuple[Dose, ...]:
    """Placed amounts as doses, with compound weight from the form's usual hydrate."""
    doses = []
    for p in placed:
        fraction = kb.forms[p.slot.form].default.elemental_fraction
        doses.append(
            Dose(
                time=to_time(p.minute),
                form=p.slot.form,
                elemental_mg=p.elemental_mg,
                compound_mg=round(p.elemental_mg / fraction),
                with_food=p.slot.with_food,
                purpose=p.slot.purpose,
            )
        )
    return tuple(sorted(doses, key=lambda d: to_minutes(d.time)))


def _fewer(placed: Sequence[Placed], target_mg: int, kb: PlanningKnowledge) -> tuple[Note, ...]:
    total = sum(p.elemental_mg for p in placed)
    notes: list[Note] = []
    if total < target_mg:
        notes.append(
            Note(
                "fewer_dose_times",
                f"Only {len(placed)} time(s) of day keep clear of your medicines, so the plan "
                f"gives {total} mg a day instead of {target_mg} mg, keeping each dose small.",
                kb.dosing.split_above_mg_per_dose.sources,
            )
        )
    if any(p.slot.name == "snack" for p in placed):
        notes.append(
            Note(
                "dose_with_snack",
                "No mealtime or bedtime keeps clear of your medicines, so the dose is at the "
                "nearest clear time of day: take it with a small snack.",
                kb.dosing.split_above_mg_per_dose.sources,
            )
        )
    return tuple(notes)


def _first_per_medicine(spacings: Sequence[Spacing]) -> list[Spacing]:
    seen: dict[str, Spacing] = {}
    for s in spacings:
        seen.setdefault(s.medication, s)
    return list(seen.values())


def _pause_note(course: Spacing, resume_on: date) -> Note:
    start, end = course.course or (None, None)
    return Note(
        "pause_for_course",
        f"No time of day keeps magnesium far enough from {course.medication}. Pause magnesium "
        f"for the course, from {start} to {end}, and restart on {resume_on} with the doses "
        "under 'after the course'. Until then the plan has no magnesium doses.",
        course.sources,
    )


def _no_safe_time(spacings: Sequence[Spacing]) -> Note:
    names = ", ".join(dict.fromkeys(s.medication for s in spacings))
    sources = tuple(dict.fromkeys(src for s in spacings for src in s.sources))
    return Note(
        "no_safe_time",
        f"No time of day keeps magnesium far enough from all of: {names}. Ask your "
        "pharmacist or prescriber whether a medicine time can move; until then mgcalm plans "
        "no magnesium doses.",
        sources,
    )


def separations(spacings: Sequence[Spacing], doses: Sequence[Dose]) -> tuple[Separation, ...]:
    """Each medicine time with its gaps and whether every dose keeps them round the circle."""
    result = []
    for s in spacings:
        w = s.window()
        ok = all(w.allows(to_minutes(d.time)) for d in doses)
        result.append(
            Separation(s.medication, s.at, s.hours_med_before_mg, s.hours_mg_before_med, ok)
        )
    return tuple(result)
