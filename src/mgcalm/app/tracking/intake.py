"""Use case: the daily magnesium ledger, gathered from the store and the knowledge base.

The arithmetic is the pure :func:`mgcalm.knowledge.foods_ledger.daily_ledger`; this module only
collects its inputs: the person's food and dose entries for the day, their reference intakes
(RDA for their age and sex, the supplemental UL), magnesium supplements named in the profile, and
the foods they have eaten over the last weeks (to suggest what they already like).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mgcalm.app.tracking.food_lookup import catalogue_lookup
from mgcalm.domain.entries import DoseEntry, FoodEntry
from mgcalm.domain.foods import Food, FoodPortion, IntakeDay, Limit, LoggedDose, LoggedFood
from mgcalm.domain.profile import Profile

if TYPE_CHECKING:
    from mgcalm.app.core import App

FAMILIAR_DAYS = 30

Lookup = Callable[[str], Food | None]


def intake_day(app: App, person_id: str, day: date | None = None) -> IntakeDay:
    """The person's magnesium ledger for ``day`` (default: today)."""
    from mgcalm.knowledge.foods import article_portions
    from mgcalm.knowledge.foods_ledger import daily_ledger

    day = day or app.today()
    profile = app.profile(person_id)
    rda, ul = reference_limits(profile)
    lookup = app.food_lookup or catalogue_lookup
    entries = [s.entry for s in app.history(person_id, kinds=["food", "dose"], start=day, end=day)]
    recent = app.history(
        person_id, kinds=["food"], start=day - timedelta(days=FAMILIAR_DAYS - 1), end=day
    )
    foods = [e for e in entries if isinstance(e, FoodEntry)]
    return daily_ledger(
        day,
        [logged_food(e, lookup) for e in foods],
        [LoggedDose(e.elemental_mg, e.missed) for e in entries if isinstance(e, DoseEntry)],
        rda,
        ul,
        other_supplement_mg=_already_taken(app, person_id, day, profile),
        familiar=familiar_portions([s.entry for s in recent], lookup),
        article=article_portions(),
        diet_estimate_mg=profile.diet_magnesium_mg,
    )


def _already_taken(app: App, person_id: str, day: date, profile: Profile) -> float:
    """Magnesium a day from what the person already takes, as the plan counted it.

    The plan recognises magnesium by ingredient (antacids, laxatives, branded supplements);
    supplements named magnesium are always counted (a plan stored before it listed what is
    already taken has none), and the larger count is kept.
    """
    by_name = profile.supplemental_magnesium_mg
    plan = app.active_plan(person_id, day)
    if plan is None:
        return by_name
    return max(by_name, sum(e.elemental_mg_per_day or 0.0 for e in plan.existing))


def food_entry_fields(
    food: str | None,
    grams: float | None,
    portion: str | None,
    amount: float | None,
    *,
    exact_id: bool = False,
) -> dict[str, Any]:
    """A food entry's ``food_id``, ``grams`` and ``portion`` from what a person typed.

    ``food`` may be a name ("almonds", its best search match is taken) or a catalogue id. With
    ``grams`` that amount is taken as given; without, ``portion`` is a household measure of it
    ("1 oz"; none: the typical serving) times ``amount``. ``exact_id`` takes ``food`` as an id
    without searching (the entry then checks it). Raises InvalidInputError naming what
    is accepted when no food matches or the measure is unknown or ambiguous.
    """
    from mgcalm.knowledge.foods import find_food, portion_of

    if food is None:
        return {"food_id": food, "grams": grams, "portion": portion}
    if grams is not None:
        # An id is kept as typed (the entry checks it); a name becomes its best match's id.
        food_id = food if exact_id or ":" in food else find_food(food).id
        return {"food_id": food_id, "grams": grams, "portion": portion}
    found = find_food(food)
    chosen = portion_of(found, portion, 1.0 if amount is None else amount)
    return {"food_id": found.id, "grams": chosen.grams, "portion": chosen.label}


def reference_limits(profile: Profile) -> tuple[Limit, Limit]:
    """The person's RDA and supplemental UL from the knowledge base, with their references."""
    from mgcalm.knowledge import knowledge_base

    kb = knowledge_base()
    person = profile.person
    rda = kb.rda(person.age, person.sex, person.pregnant, person.lactating)
    ul = kb.supplemental_ul(person.age)
    return (
        Limit(rda.value_mg, rda.basis, tuple(rda.sources), rda.note),
        Limit(ul.value_mg, ul.basis, tuple(ul.sources), ul.note),
    )


def logged_food(entry: FoodEntry, lookup: Lookup) -> LoggedFood:
    """A food entry for the ledger; no value when the catalogue has none and none was given."""
    food = lookup(entry.food_id)
    no_value = food is not None and food.magnesium_mg_per_100g is None and entry.magnesium_mg == 0
    return LoggedFood(
        food_id=entry.food_id,
        label=_label(entry, food),
        grams=entry.grams,
        magnesium_mg=None if no_value else entry.magnesium_mg,
    )


def familiar_portions(entries: Sequence[object], lookup: Lookup) -> tuple[FoodPortion, ...]:
    """Each food the person ate recently, in the portion they eat it most often."""
    usual: dict[str, Counter[tuple[str, float, float]]] = {}
    for entry in entries:
        if isinstance(entry, FoodEntry) and entry.magnesium_mg > 0:
            key = (_label(entry, lookup(entry.food_id)), entry.grams, entry.magnesium_mg)
            usual.setdefault(entry.food_id, Counter())[key] += 1
    portions = []
    for food_id, counts in usual.items():
        (label, grams, mg), _ = counts.most_common(1)[0]
        food = lookup(food_id)
        source = food.source if food else "your own entry"
        portions.append(FoodPortion(food_id, label, grams, round(mg), source))
    return tuple(sorted(portions, key=lambda p: p.food_id))


def _label(entry: FoodEntry, food: Food | None) -> str:
    """ "Nuts, almonds, 1 oz (28 g)": the food's name and the portion as logged."""
    name = food.name if food else entry.food_id
    amount = f"{entry.portion} ({entry.grams:.0f} g)" if entry.portion else f"{entry.grams:g} g"
    return f"{name}, {amount}"
