"""Foods and their magnesium: catalogue entries, household portions, and food-in-an-amount.

Magnesium values are USDA's, per 100 g of edible portion. A value may be missing (``None``):
USDA did not analyse magnesium for every food, and a missing value is never read as zero, so
totals built from foods can say how many of them actually reported magnesium.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Portion:
    """A household measure of a food ("1 oz", "1/2 cup") and what it weighs in grams."""

    label: str
    grams: float


@dataclass(frozen=True, slots=True)
class Food:
    """One food of the USDA catalogue with its magnesium per 100 g and household portions."""

    id: str
    name: str
    group: str
    magnesium_mg_per_100g: float | None
    portions: tuple[Portion, ...]
    source: str
    aka: str = ""

    def magnesium_mg(self, grams: float) -> float | None:
        """Magnesium in ``grams`` of this food, or None when USDA gives no value."""
        if self.magnesium_mg_per_100g is None:
            return None
        return self.magnesium_mg_per_100g * grams / 100.0

    def as_dict(self) -> dict[str, Any]:
        """The food as the JSON contract ``{"id", "name", "group", …, "source"}``."""
        return {
            "id": self.id,
            "name": self.name,
            "group": self.group,
            "magnesium_mg_per_100g": self.magnesium_mg_per_100g,
            "portions": [
                {
                    "label": p.label,
                    "grams": p.grams,
                    "magnesium_mg": _rounded(self.magnesium_mg(p.grams)),
                }
                for p in self.portions
            ],
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class FoodPortion:
    """A food in a stated amount: "Pumpkin seeds, 1 oz (28 g)" with its magnesium."""

    food_id: str
    food: str
    grams: float
    magnesium_mg: float
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The plan's food suggestion shape ``{"food", "magnesium_mg"}`` plus id and grams."""
        return {
            "food_id": self.food_id,
            "food": self.food,
            "grams": self.grams,
            "magnesium_mg": self.magnesium_mg,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class RichSource:
    """A food ranked by its magnesium in one portion (or in 100 g)."""

    food: Food
    portion: Portion
    magnesium_mg: float

    def as_dict(self) -> dict[str, Any]:
        """The food's JSON contract plus the portion it was ranked by."""
        return {
            **self.food.as_dict(),
            "ranked_by": {
                "label": self.portion.label,
                "grams": self.portion.grams,
                "magnesium_mg": _rounded(self.magnesium_mg),
            },
        }


def _rounded(value: float | None) -> float | None:
    """Round a milligram figure to one decimal; USDA values carry no more precision."""
    return None if value is None else round(value, 1)
