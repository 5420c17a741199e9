"""The daily magnesium ledger: food and supplements against the RDA and the supplemental UL.

Two limits, kept apart on purpose. The RDA is for magnesium from all sources, food included. The
tolerable upper intake level (UL) applies to magnesium from supplements and medicines only: the
IOM found no adverse effect of magnesium naturally present in food (IOM 1997, doi:10.17226/5776,
p. 242), so food never counts toward it, however much is eaten.

Food totals are lower bounds when some logged foods have no USDA magnesium value; the ledger says
how many did (its coverage) rather than summing the missing ones as zero in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mgcalm.domain.foods import FoodPortion, IntakeDay, Limit, LoggedDose, LoggedFood

MAX_SUGGESTIONS = 4
# A familiar food worth suggesting carries at least this much magnesium in the usual portion.
MIN_SUGGESTION_MG = 20.0


def daily_ledger(
    day: date,
    foods: Sequence[LoggedFood],
    doses: Sequence[LoggedDose],
    rda: Limit,
    supplemental_ul: Limit,
    *,
    other_supplement_mg: float = 0.0,
    familiar: Sequence[FoodPortion] = (),
    article: Sequence[FoodPortion] = (),
    diet_estimate_mg: float | None = None,
) -> IntakeDay:
    """One day's magnesium: food and supplements summed apart, each against its own limit.

    ``other_supplement_mg`` is magnesium from supplements or medicines the profile lists but the
    person does not log as doses (an antacid, a multivitamin); it counts toward the UL.
    ``familiar`` are portions of foods the person already eats, ``article`` the article's list;
    both feed the suggestions that would close the gap to the RDA. ``diet_estimate_mg`` (the
    profile's usual intake from food) is carried for context only: the day's figures come from
    what was logged.
    """
    food_mg = sum(f.magnesium_mg for f in foods if f.magnesium_mg is not None)
    taken = [d for d in doses if not d.missed]
    supplement_mg = sum(d.elemental_mg for d in taken)
    total = food_mg + supplement_mg + other_supplement_mg
    gap = max(0.0, rda.mg - total)
    return IntakeDay(
        day=day,
        food_mg=round(food_mg, 1),
        foods_logged=len(foods),
        foods_with_value=sum(1 for f in foods if f.magnesium_mg is not None),
        supplement_mg=round(supplement_mg, 1),
        doses_taken=len(taken),
        doses_missed=len(doses) - len(taken),
        other_supplement_mg=round(float(other_supplement_mg), 1),
        rda=rda,
        supplemental_ul=supplemental_ul,
        rda_gap_mg=round(gap, 1),
        suggestions=suggest(gap, familiar, article) if gap > 0 else (),
        diet_estimate_mg=diet_estimate_mg,
    )


def suggest(
    gap_mg: float, familiar: Sequence[FoodPortion], article: Sequence[FoodPortion]
) -> tuple[FoodPortion, ...]:
    """Food portions that together close ``gap_mg``: foods the person eats first, richest first.

    Supplements are never suggested here: raising a dose is the plan's decision, within the UL.
    """
    own = sorted(
        (p for p in familiar if p.magnesium_mg >= MIN_SUGGESTION_MG),
        key=lambda p: (-p.magnesium_mg, p.food),
    )
    known = {p.food_id for p in own}
    others = sorted(
        (p for p in article if p.food_id not in known), key=lambda p: (-p.magnesium_mg, p.food)
    )
    chosen: list[FoodPortion] = []
    covered = 0.0
    for portion in [*own, *others]:
        if covered >= gap_mg or len(chosen) >= MAX_SUGGESTIONS:
            break
        chosen.append(portion)
        covered += portion.magnesium_mg
    return tuple(chosen)
