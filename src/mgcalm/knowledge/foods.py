"""Foods: the USDA catalogue, the article's magnesium-rich foods, search and richest sources.

This is the public face of the food knowledge; ``foods_data`` reads the packaged catalogue,
``foods_index`` is its prebuilt search database and ``foods_search`` searches it. Values are
USDA's (SR28 and FNDDS 2021–2023), never typed in here.
"""

from __future__ import annotations

from functools import cache

from mgcalm.domain.foods import Food, FoodPortion, Portion, RichSource
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.knowledge import foods_index
from mgcalm.knowledge.foods_article import load_article_portions
from mgcalm.knowledge.foods_data import Catalogue, default_path, load_catalogue
from mgcalm.knowledge.foods_search import FoodIndex
from mgcalm.knowledge.foods_words import words

PER_CHOICES = ("portion", "100g")
HUNDRED_GRAMS = Portion(label="100 g", grams=100.0)
# Household measures a person is likely to eat at once, most telling first. A cup of pumpkin
# seeds (118 g) is a label quantity nobody eats; an ounce is the usual serving of nuts.
SERVING_PREFERENCE = (
    "1 NLEA serving",
    "1 oz",
    "1 medium",
    "1/2 cup",
    "1 serving",
    "1 tbsp",
    "1 slice",
    "1 cup",
)
SERVING_GRAMS = (10.0, 250.0)
MAX_AMOUNT = 5000.0  # grams, or servings: more than any one entry could honestly be
INGREDIENT_WORDS = frozenset(
    {"flour", "powder", "uncooked", "crude", "defatted", "meal", "dry", "unprepared", "mix"}
)
GROUPS_HINT = "part of a food group name, e.g. 'nut' or 'legume' (list: mgcalm foods groups)"


@cache
def catalogue() -> Catalogue:
    """The packaged catalogue, read once per process; a broken file raises InvalidInputError."""
    loaded, problems = load_catalogue()
    if problems:
        raise InvalidInputError(problems)
    return loaded


@cache
def food_index() -> FoodIndex:
    """The packaged search database, opened read-only once per process.

    When it is missing or was built from another catalogue (``scripts/build_foods.py`` not run
    after a change), the same database is built in memory, so search is never wrong, only slower.
    """
    path = foods_index.default_index_path()
    digest = foods_index.catalogue_digest(default_path())
    if path.is_file():
        index = FoodIndex.open(path)
        if index.built_from() == digest:
            return index
    return FoodIndex(foods_index.in_memory(catalogue().foods, digest))


def lookup_food(food_id: str) -> Food | None:
    """The food with this catalogue id, or None, read without loading the whole catalogue."""
    return food_index().get(food_id)


def search_foods(query: str, limit: int = 10) -> tuple[Food, ...]:
    """Foods matching ``query``, the common form first (see ``foods_search``)."""
    return food_index().search(query, limit)


def get_food(food_id: str) -> Food:
    """The food with this catalogue id; raises InvalidInputError naming the id format."""
    food = lookup_food(food_id)
    if food is None:
        problem = Problem(
            "food", f"{food_id!r} is not a catalogue id", "sr28:NNNNN or fndds:NNNNNNNN"
        )
        raise InvalidInputError([problem])
    return food


def find_food(query_or_id: str) -> Food:
    """A catalogue id (``sr28:12061``) or a name whose best search match is taken."""
    if ":" in query_or_id:
        return get_food(query_or_id)
    found = search_foods(query_or_id, 1)
    if not found:
        hint = "a food name that `mgcalm foods search` finds, or its id"
        raise InvalidInputError([Problem("food", f"no food matches {query_or_id!r}", hint)])
    return found[0]


def portion_of(food: Food, label: str | None = None, amount: float = 1.0) -> Portion:
    """``amount`` of one of the food's household portions, matched without case or by prefix.

    When a prefix matches several portions, the first in USDA's order is taken.

    ``label`` "g" means grams (``amount`` 30 → 30 g); no label means the typical serving.
    """
    problems = []
    if not 0 < amount <= MAX_AMOUNT:
        problems.append(
            Problem("amount", f"{amount:g} is out of range", f"above 0, ≤ {MAX_AMOUNT}")
        )
    base = _base_portion(food, label, problems)
    if problems or base is None:
        raise InvalidInputError(problems)
    if base.label == "g":
        return Portion(label=f"{amount:g} g", grams=amount)
    said = base.label if amount == 1 else f"{amount:g} × {base.label}"
    return Portion(label=said, grams=round(base.grams * amount, 2))


def _base_portion(food: Food, label: str | None, problems: list[Problem]) -> Portion | None:
    """The portion named by ``label`` (exact, then unique prefix), "g", or the serving."""
    accepted = " | ".join(["g", *(p.label for p in food.portions)])
    if label is None:
        chosen = serving(food)
        if chosen is None:
            problems.append(Problem("portion", "this food has no typical portion", accepted))
        return chosen
    wanted = label.strip().casefold()
    if wanted in ("g", "gram", "grams"):
        return Portion(label="g", grams=1.0)
    exact = [p for p in food.portions if p.label.casefold() == wanted]
    matches = exact or [p for p in food.portions if p.label.casefold().startswith(wanted)]
    if not matches:
        problems.append(Problem("portion", f"{label!r} is not a portion of this food", accepted))
        return None
    # Several matches ("1 oz, without shell", "1 oz, in shell"): USDA lists the usual one first,
    # and the entry keeps the full label, so the person sees which one was used.
    return matches[0]


def food_groups() -> tuple[str, ...]:
    """Every food group (SR28) and WWEIA category (FNDDS) in the catalogue, sorted."""
    return tuple(sorted({food.group for food in catalogue().foods}))


def serving(food: Food) -> Portion | None:
    """The household portion a person most likely eats at once, or None when none fits."""
    low, high = SERVING_GRAMS
    usable = [p for p in food.portions if low <= p.grams <= high]
    for prefix in SERVING_PREFERENCE:
        for portion in usable:
            if portion.label.startswith(prefix):
                return portion
    return usable[0] if usable else None


def as_eaten(food: Food) -> bool:
    """False for ingredients nobody eats by the portion: flours, powders, uncooked dry foods.

    A cup of raw mothbeans or of cocoa powder is a real USDA measure but not a serving, so the
    per-portion ranking leaves such ingredients out (they still rank per 100 g).
    """
    name = set(words(food.name))
    if name & INGREDIENT_WORDS:
        return False
    return not ("raw" in name and "mature" in name)  # dry legumes, e.g. "mature seeds, raw"


def richest(
    group: str | None = None, per: str = "portion", limit: int = 20
) -> tuple[RichSource, ...]:
    """The richest magnesium sources, per typical portion or per 100 g, optionally in a group.

    Per portion ranks foods as eaten (see :func:`as_eaten`) by their typical serving.
    """
    problems = []
    if per not in PER_CHOICES:
        problems.append(Problem("per", f"{per!r} is not a choice", " | ".join(PER_CHOICES)))
    if not 1 <= limit <= 200:
        problems.append(Problem("limit", f"{limit} is out of range", "1–200"))
    wanted = (group or "").strip().lower()
    if wanted and not any(wanted in g.lower() for g in food_groups()):
        problems.append(Problem("group", f"no group matches {group!r}", GROUPS_HINT))
    if problems:
        raise InvalidInputError(problems)
    ranked = []
    for food in catalogue().foods:
        if food.magnesium_mg_per_100g is None or wanted not in food.group.lower():
            continue
        portion = HUNDRED_GRAMS if per == "100g" else serving(food) if as_eaten(food) else None
        if portion is not None:
            ranked.append(
                RichSource(food, portion, food.magnesium_mg_per_100g * portion.grams / 100)
            )
    ranked.sort(key=lambda r: (-r.magnesium_mg, r.food.name, r.food.id))
    return tuple(ranked[:limit])


@cache
def article_portions() -> tuple[FoodPortion, ...]:
    """The article's magnesium-rich foods in household portions, with USDA magnesium values."""
    portions, problems = load_article_portions(food_index())
    if problems:
        raise InvalidInputError(problems)
    return portions
