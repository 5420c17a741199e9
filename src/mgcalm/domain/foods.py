"""Foods and their magnesium: catalogue entries, household portions, and food-in-an-amount.

Magnesium values are USDA's, per 100 g of edible portion. A value may be missing (``None``):
USDA did not analyse magnesium for every food, and a missing value is never read as zero, so
totals built from foods can say how many of them actually reported magnesium.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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


@dataclass(frozen=True, slots=True)
class LoggedFood:
    """A food entry as the ledger sees it; ``magnesium_mg`` is None when USDA gives no value."""

    food_id: str
    label: str
    grams: float
    magnesium_mg: float | None


@dataclass(frozen=True, slots=True)
class LoggedDose:
    """A magnesium dose entry as the ledger sees it: elemental mg, and whether it was missed."""

    elemental_mg: float
    missed: bool = False


@dataclass(frozen=True, slots=True)
class Limit:
    """A reference value in mg/day with the references it comes from ("RDA", "UL")."""

    mg: float
    basis: str
    sources: tuple[str, ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The limit as JSON."""
        return {
            "mg": self.mg,
            "basis": self.basis,
            "sources": list(self.sources),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class IntakeDay:
    """One day's magnesium: food and supplements, each against its own limit, and suggestions.

    Food counts toward the RDA only; supplements (logged doses plus other magnesium-containing
    supplements in the profile) count toward both the RDA and the supplemental UL.
    """

    day: date
    food_mg: float
    foods_logged: int
    foods_with_value: int
    supplement_mg: float
    doses_taken: int
    doses_missed: int
    other_supplement_mg: float
    rda: Limit
    supplemental_ul: Limit
    rda_gap_mg: float
    suggestions: tuple[FoodPortion, ...]
    diet_estimate_mg: float | None = None  # the profile's usual intake from food, for context

    @property
    def supplemental_mg(self) -> float:
        """Magnesium that counts toward the UL: logged doses plus other supplements."""
        return round(self.supplement_mg + self.other_supplement_mg, 1)

    @property
    def total_mg(self) -> float:
        """Food plus supplements: what the RDA is compared with."""
        return round(self.food_mg + self.supplemental_mg, 1)

    @property
    def food_is_lower_bound(self) -> bool:
        """True when some logged foods had no magnesium value, so the food total is "at least"."""
        return self.foods_with_value < self.foods_logged

    @property
    def over_ul(self) -> bool:
        """True when supplemental magnesium is above the UL (food never counts here)."""
        return self.supplemental_mg > self.supplemental_ul.mg

    def coverage(self) -> str:
        """How many logged foods reported magnesium, in words."""
        return f"{self.foods_with_value} of {self.foods_logged} foods logged have a magnesium value"

    def as_dict(self) -> dict[str, Any]:
        """The ledger as JSON (``mgcalm intake --json``)."""
        ul = self.supplemental_ul.mg
        return {
            "day": self.day.isoformat(),
            "food": {
                "magnesium_mg": self.food_mg,
                "at_least": self.food_is_lower_bound,
                "foods_logged": self.foods_logged,
                "foods_with_value": self.foods_with_value,
                "coverage": self.coverage(),
                "profile_estimate_mg": self.diet_estimate_mg,
            },
            "supplements": {
                "magnesium_mg": self.supplemental_mg,
                "doses_mg": self.supplement_mg,
                "doses_taken": self.doses_taken,
                "doses_missed": self.doses_missed,
                "other_supplements_mg": self.other_supplement_mg,
            },
            "total_mg": self.total_mg,
            "rda": {
                **self.rda.as_dict(),
                "compared_with_mg": self.total_mg,
                "met": self.rda_gap_mg == 0,
                "gap_mg": self.rda_gap_mg,
            },
            "supplemental_ul": {
                **self.supplemental_ul.as_dict(),
                "compared_with_mg": self.supplemental_mg,
                "remaining_mg": round(max(0.0, ul - self.supplemental_mg), 1),
                "exceeded": self.over_ul,
                "food_counts": False,
            },
            "suggestions": [p.as_dict() for p in self.suggestions],
        }


def _rounded(value: float | None) -> float | None:
    """Round a milligram figure to one decimal; USDA values carry no more precision."""
    return None if value is None else round(value, 1)
