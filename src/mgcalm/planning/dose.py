"""How much: the daily elemental target, kept under the supplemental UL, and the titration to it.

The target sits within the article's range for the person's goals, moves toward closing the
gap between their diet and the RDA, and is **never** above the supplemental UL minus the
magnesium they already take as supplements (food never counts toward the UL).
"""

from __future__ import annotations

from dataclasses import dataclass

from mgcalm.domain.plan import Note, TitrationStep
from mgcalm.domain.profile import Profile
from mgcalm.planning.port import PlanningKnowledge

# Doses are planned in 25 mg steps: fine enough to follow the UL closely, coarse enough to
# match the 25/50/100 mg amounts that real tablets and capsules hold.
UNIT_MG = 25


@dataclass(frozen=True, slots=True)
class Target:
    """The daily target and what it was set against."""

    mg_per_day: int
    rda_mg: float | None
    ul_mg: float | None
    room_mg: float  # UL minus supplemental magnesium already taken
    notes: tuple[Note, ...]


def round_down(mg: float) -> int:
    """Down to a whole number of planning units, never up (a rounded dose must stay under)."""
    return int(mg // UNIT_MG) * UNIT_MG


def daily_target(
    profile: Profile, kb: PlanningKnowledge, goals: tuple[str, ...], already: float
) -> Target:
    """The daily elemental magnesium to aim for, with notes when the UL constrains it.

    ``already`` is the supplemental magnesium a day the person takes now (supplements,
    antacids, laxatives), which counts toward the UL with what the plan adds.
    """
    person = profile.person
    rda = kb.rda(person.age, person.sex, person.pregnant, person.lactating)
    ul = kb.supplemental_ul(person.age)
    ul_mg = ul.value_mg if ul is not None else 0.0
    room = max(0.0, ul_mg - already)
    low, high = _article_range(kb, goals)
    desired = low
    if profile.diet_magnesium_mg is not None:
        desired = min(max(rda.value_mg - profile.diet_magnesium_mg, low), high)
    target = round_down(min(desired, room))
    notes = _ul_notes(already, ul_mg, target, desired, ul.sources if ul else ())
    return Target(target, rda.value_mg, ul.value_mg if ul else None, room, notes)


def _article_range(kb: PlanningKnowledge, goals: tuple[str, ...]) -> tuple[float, float]:
    """The article's daily range: cognitive support alone is lower, sleep needs its dose."""
    d = kb.dosing
    if goals == ("brain_fog",):
        return d.article_cognitive_min_mg.value, d.article_cognitive_max_mg.value
    low = d.article_daily_min_mg.value
    if "sleep" in goals:
        low = max(low, d.article_sleep_mg.value)
    return low, d.article_daily_max_mg.value


def _ul_notes(
    already: float, ul_mg: float, target: int, desired: float, sources: tuple[str, ...]
) -> tuple[Note, ...]:
    if already > ul_mg:
        return (
            Note(
                "supplements_over_ul",
                f"The magnesium you already take (supplements, antacids, laxatives) adds up to "
                f"{already:g} mg a day, "
                f"above the {ul_mg:g} mg upper limit for supplemental magnesium. mgcalm adds no "
                "more; talk to your clinician or pharmacist about cutting back.",
                sources,
            ),
        )
    if already > 0 and target < desired:
        return (
            Note(
                "existing_magnesium_counted",
                f"You already take {already:g} mg of magnesium a day (supplements or medicines); "
                "it counts "
                f"toward the {ul_mg:g} mg upper limit, so the plan adds at most {target} mg.",
                sources,
            ),
        )
    return ()


def titration(kb: PlanningKnowledge, target: int) -> tuple[TitrationStep, ...]:
    """Start low and step up each week to the target (loose stools are the first sign of excess)."""
    if target <= 0:
        return ()
    d = kb.dosing
    start = min(target, max(UNIT_MG, round_down(d.start_mg_per_day.value)))
    step = max(UNIT_MG, round_down(d.step_mg_per_day.value))
    every = max(1, int(d.step_days.value))
    steps = [TitrationStep(1, start)]
    while steps[-1].elemental_mg_per_day < target:
        amount = min(target, steps[-1].elemental_mg_per_day + step)
        steps.append(TitrationStep(steps[-1].day + every, amount))
    return tuple(steps)


def lower_step(steps: tuple[TitrationStep, ...], current_mg: int) -> int:
    """The daily amount one titration step below ``current_mg`` (0 below the first step)."""
    below = [s.elemental_mg_per_day for s in steps if s.elemental_mg_per_day < current_mg]
    return max(below, default=0)


def higher_step(steps: tuple[TitrationStep, ...], current_mg: int) -> int:
    """The daily amount one titration step above ``current_mg`` (never above the top step)."""
    above = [s.elemental_mg_per_day for s in steps if s.elemental_mg_per_day > current_mg]
    return min(above, default=max((s.elemental_mg_per_day for s in steps), default=0))
