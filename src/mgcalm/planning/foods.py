"""Food toward the gap: magnesium-rich portions that close the distance to the RDA.

Food magnesium never counts toward the supplemental UL (the IOM set the UL on supplements and
medicines only), so food is where the rest of the RDA comes from once the dose is capped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from mgcalm.domain.plan import FoodSuggestion

MAX_SUGGESTIONS = 5
# With no dietary estimate, or no gap left, still show a few of the article's foods.
DEFAULT_SUGGESTIONS = 3


class FoodLike(Protocol):
    """A food portion with a label and its magnesium (``FoodPortion`` fits)."""

    @property
    def food(self) -> str:
        """The portion's label, e.g. "Pumpkin seeds, 1 oz (28 g)"."""
        ...

    @property
    def magnesium_mg(self) -> float:
        """Magnesium in the portion, mg."""
        ...


def suggest_foods(
    candidates: Iterable[FoodLike], gap_mg: float | None
) -> tuple[FoodSuggestion, ...]:
    """The richest portions, one per food, until ``gap_mg`` is covered (at most five).

    ``gap_mg`` is what is left of the RDA after diet and the planned dose; None when the diet is
    unknown.
    """
    ranked = sorted(candidates, key=lambda c: (-c.magnesium_mg, c.food))
    chosen: list[FoodSuggestion] = []
    seen: set[str] = set()
    covered = 0.0
    for item in ranked:
        name = item.food.split(",")[0].strip().casefold()
        if item.magnesium_mg <= 0 or name in seen:
            continue
        enough = gap_mg is None or gap_mg <= 0 or covered >= gap_mg
        if len(chosen) >= (DEFAULT_SUGGESTIONS if enough else MAX_SUGGESTIONS):
            break
        seen.add(name)
        chosen.append(FoodSuggestion(item.food, round(item.magnesium_mg)))
        covered += item.magnesium_mg
    return tuple(chosen)
