"""``make_plan``: a profile and the knowledge base in, a safe ``mgcalm.plan/1`` Plan out.

The steps are screening (status, reasons, warnings, spacing), forms, the daily target under
the UL, dose times clear of every window, titration, food toward the gap and the routine.
``step_down`` lowers a plan one titration step when stools stay loose; ``step_up`` raises it
again one step, when the person chooses to, never above the full plan. All are pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from mgcalm.domain.plan import (
    FoodSuggestion,
    Note,
    Plan,
    Reference,
    ResumeAfterCourse,
    Status,
    TitrationStep,
)
from mgcalm.domain.profile import Profile
from mgcalm.planning.dose import daily_target, higher_step, lower_step, titration
from mgcalm.planning.foods import FoodLike, suggest_foods
from mgcalm.planning.forms import choose_forms, effective_goals
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.routine import daily_routine
from mgcalm.planning.screening import Screening, screen
from mgcalm.planning.spacing import Spacing
from mgcalm.planning.timing import Scheduled, schedule, separations

GO = ("ok", "caution")


def make_plan(
    profile: Profile,
    kb: PlanningKnowledge,
    foods: Iterable[FoodLike] = (),
    today: date | None = None,
) -> Plan:
    """The plan for ``profile``; ``foods`` are candidate portions for food suggestions.

    With ``today``, a course of medicine that has already ended no longer shapes the plan.
    """
    return _build(current_profile(profile, today), kb, tuple(foods), cap_mg=None, today=today)


def current_profile(profile: Profile, today: date | None) -> Profile:
    """The profile without medicine courses that ended before ``today``."""
    if today is None:
        return profile
    medications = tuple(m for m in profile.medications if m.end is None or m.end >= today)
    return replace(profile, medications=medications)


def _build(
    profile: Profile,
    kb: PlanningKnowledge,
    foods: Sequence[FoodLike],
    cap_mg: int | None,
    today: date | None = None,
) -> Plan:
    """The plan, with the daily total held at or under ``cap_mg`` when one is given."""
    screening = screen(profile, kb, today)
    goals = effective_goals(profile.goals)
    forms = choose_forms(profile.goals, kb)
    target = daily_target(profile, kb, goals, screening.existing_mg)
    status: Status = screening.status
    reasons = list(screening.reasons)
    warnings = [*screening.warnings, *target.notes]
    if target.notes and status == "ok":
        status = "caution"
    scheduled = Scheduled((), (), (), frozenset())
    if status in GO:
        mg = target.mg_per_day if cap_mg is None else min(cap_mg, target.mg_per_day)
        mg = 0 if screening.uncounted_magnesium else mg
        scheduled = schedule(profile, kb, _for_magnesium(screening), mg, forms)
        reasons += scheduled.reasons
        warnings += scheduled.warnings
        if scheduled.reasons:
            status = "clinician_required"
        elif scheduled.warnings and status == "ok":
            status = "caution"
    doses = scheduled.doses
    daily = sum(d.elemental_mg for d in doses)
    food = _foods(profile, foods, status, target.rda_mg, daily + screening.existing_mg)
    return Plan(
        status=status,
        reasons=tuple(reasons),
        warnings=_unique(warnings),
        reference=Reference(target.rda_mg, target.ul_mg, profile.diet_magnesium_mg),
        target_elemental_mg_per_day=daily,
        forms=forms.choices,
        titration=titration(kb, daily),
        doses=doses,
        separations=separations(_for_magnesium(screening), doses),
        foods=food,
        routine=daily_routine(profile.day, doses, food),
        resume_after_course=_resume_after_course(kb, scheduled),
        existing=screening.existing,
        existing_checks=screening.existing_checks,
        stop_signs=kb.safety.stop_signs if status in GO else (),
    )


def _for_magnesium(screening: Screening) -> tuple[Spacing, ...]:
    """The windows planned magnesium doses keep (not those only for calcium, iron or zinc)."""
    return tuple(s for s in screening.spacings if s.for_magnesium)


def _resume_after_course(kb: PlanningKnowledge, scheduled: Scheduled) -> ResumeAfterCourse | None:
    """The doses to take once a medicine course ends, with their own titration; None if none."""
    if not scheduled.after_course or scheduled.resume_on is None:
        return None
    after_mg = sum(d.elemental_mg for d in scheduled.after_course)
    return ResumeAfterCourse(
        scheduled.resume_on, after_mg, titration(kb, after_mg), scheduled.after_course
    )


def _foods(
    profile: Profile, foods: Sequence[FoodLike], status: Status, rda: float | None, daily: float
) -> tuple[FoodSuggestion, ...]:
    """Food toward the RDA; none when a clinician must decide first (e.g. kidney failure).

    ``daily`` is the supplemental magnesium a day: planned doses plus what is already taken.
    """
    if status == "clinician_required":
        return ()
    gap = None
    if rda is not None and profile.diet_magnesium_mg is not None:
        gap = rda - profile.diet_magnesium_mg - daily
    return suggest_foods(foods, gap)


def step_down(
    plan: Plan,
    profile: Profile,
    kb: PlanningKnowledge,
    current_mg_per_day: int | None = None,
    foods: Iterable[FoodLike] = (),
) -> Plan:
    """Lower the daily total one titration step and re-place the doses (loose stools rule).

    ``current_mg_per_day`` is what the person takes now (mid-titration it is below the plan's
    target); the new daily total is the titration step below it. Below the first step the plan
    stops magnesium and says to talk to a clinician.
    """
    current = plan.target_elemental_mg_per_day if current_mg_per_day is None else current_mg_per_day
    lower = lower_step(plan.titration, current)
    return _held(profile, kb, tuple(foods), lower, _step_note(lower, kb))


def step_up(
    plan: Plan,
    profile: Profile,
    kb: PlanningKnowledge,
    current_mg_per_day: int,
    foods: Iterable[FoodLike] = (),
) -> Plan:
    """Raise a lowered daily total one titration step, once stools have settled (a choice).

    ``plan`` is the full plan; its titration is the ladder and its target (already under the
    UL) the ceiling. Reaching the target gives the full plan back, with a note saying so.
    """
    higher = higher_step(plan.titration, current_mg_per_day)
    sources = kb.dosing.step_mg_per_day.sources
    full = plan.target_elemental_mg_per_day
    if higher >= full:
        note = Note(
            "stepped_up_to_plan",
            f"Your stools settled and you chose to go back up to your plan's {full} mg a day. "
            "If stools turn loose again, the plan steps down.",
            sources,
        )
        held = (TitrationStep(1, full),) if plan.doses else ()
        return replace(plan, warnings=_unique([*plan.warnings, note]), titration=held)
    note = Note(
        "stepped_up",
        f"Your stools settled and you chose to go back up one step, to {higher} mg a day (your "
        f"plan's full amount is {full} mg). Stay at this dose for a week before the next step; "
        "if stools turn loose again, the plan steps down.",
        sources,
    )
    return _held(profile, kb, tuple(foods), higher, note)


def _held(
    profile: Profile, kb: PlanningKnowledge, foods: Sequence[FoodLike], mg: int, note: Note
) -> Plan:
    """The plan held at ``mg`` a day (one titration step, no ladder), with ``note``."""
    base = _build(profile, kb, foods, cap_mg=mg)
    status: Status = "caution" if base.status == "ok" else base.status
    held = (TitrationStep(1, base.target_elemental_mg_per_day),) if base.doses else ()
    return Plan(
        status=status,
        reasons=base.reasons,
        warnings=_unique([*base.warnings, note]),
        reference=base.reference,
        target_elemental_mg_per_day=base.target_elemental_mg_per_day,
        forms=base.forms,
        titration=held,
        doses=base.doses,
        separations=base.separations,
        foods=base.foods,
        routine=base.routine,
        resume_after_course=base.resume_after_course,
        existing=base.existing,
        existing_checks=base.existing_checks,
        stop_signs=base.stop_signs,
    )


def _step_note(lower: int, kb: PlanningKnowledge) -> Note:
    sources = kb.dosing.step_mg_per_day.sources
    if lower <= 0:
        return Note(
            "loose_stools_stop",
            "Loose stools continued at the lowest dose. Stop magnesium and talk to your "
            "clinician; diarrhoea is the first sign of too much magnesium.",
            sources,
        )
    return Note(
        "stepped_down",
        f"Loose stools on two or more days: the plan is lowered to {lower} mg a day. Stay at "
        "this dose; diarrhoea is the first sign of too much magnesium.",
        sources,
    )


def _unique(notes: Iterable[Note]) -> tuple[Note, ...]:
    seen: dict[tuple[str, str], Note] = {}
    for note in notes:
        seen.setdefault((note.code, note.message), note)
    return tuple(seen.values())
