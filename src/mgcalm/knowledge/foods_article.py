"""The source article's magnesium-rich foods, resolved against the USDA catalogue.

``data/foods_article.toml`` holds only the choice (which USDA food, which household portion);
magnesium and gram weights come from the catalogue, so a rebuilt catalogue updates them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

from mgcalm.domain.foods import Food, FoodPortion
from mgcalm.domain.problems import Problem

ARTICLE_FILE = "foods_article.toml"


class Catalogue(Protocol):
    """Anything that finds a food by id: the loaded catalogue or the search database."""

    def get(self, food_id: str) -> Food | None:
        """The food with this id, or None."""


@dataclass(frozen=True, slots=True)
class _ArticleChoice:
    """One line of ``foods_article.toml``: which food, which portion, how to say it."""

    name: str
    food_id: str
    portion: str
    scale: float
    say: str


def load_article_portions(
    catalogue: Catalogue, text: str | None = None
) -> tuple[tuple[FoodPortion, ...], tuple[Problem, ...]]:
    """Resolve the article's food list against ``catalogue``; return portions and problems."""
    if text is None:
        text = resources.files("mgcalm.knowledge").joinpath("data", ARTICLE_FILE).read_text()
    problems: list[Problem] = []
    portions: list[FoodPortion] = []
    for index, raw in enumerate(tomllib.loads(text).get("food", [])):
        choice = _choice(raw, f"{ARTICLE_FILE}: food[{index}]", problems)
        if choice is not None:
            portion = _resolve(choice, catalogue, f"{ARTICLE_FILE}: food[{index}]", problems)
            if portion is not None:
                portions.append(portion)
    return tuple(portions), tuple(problems)


def _choice(raw: Any, where: str, problems: list[Problem]) -> _ArticleChoice | None:
    """Validate one ``[[food]]`` table."""
    if not isinstance(raw, dict):
        problems.append(Problem(where, "not a table", "[[food]] with name, id, portion"))
        return None
    missing = [k for k in ("name", "id", "portion") if not isinstance(raw.get(k), str)]
    for key in missing:
        problems.append(Problem(f"{where}.{key}", "missing or not text", "text"))
    scale = raw.get("scale", 1)
    if not isinstance(scale, int | float) or isinstance(scale, bool) or not 0 < scale <= 10:
        problems.append(Problem(f"{where}.scale", f"{scale!r} is not a portion multiple", "0–10"))
        return None
    if missing:
        return None
    return _ArticleChoice(raw["name"], raw["id"], raw["portion"], float(scale), raw.get("say", ""))


def _resolve(
    choice: _ArticleChoice, catalogue: Catalogue, where: str, problems: list[Problem]
) -> FoodPortion | None:
    """Find the chosen food and portion in the catalogue and compute its magnesium."""
    food = catalogue.get(choice.food_id)
    if food is None:
        problems.append(Problem(f"{where}.id", f"{choice.food_id} is not in the catalogue"))
        return None
    labels = {p.label: p for p in food.portions}
    portion = labels.get(choice.portion)
    if portion is None:
        problems.append(Problem(f"{where}.portion", "no such portion", " | ".join(labels)))
        return None
    grams = portion.grams * choice.scale
    magnesium = food.magnesium_mg(grams)
    if magnesium is None:
        problems.append(Problem(where, f"{food.id} has no magnesium value"))
        return None
    said = choice.say or portion.label
    return FoodPortion(
        food_id=food.id,
        food=f"{choice.name}, {said} ({grams:.0f} g)",
        grams=round(grams, 1),
        magnesium_mg=float(round(magnesium)),
        source=food.source,
    )
