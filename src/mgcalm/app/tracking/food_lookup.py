"""Where logged foods are looked up: the packaged USDA catalogue (tests may pass another)."""

from __future__ import annotations

from mgcalm.domain.foods import Food


def catalogue_lookup(food_id: str) -> Food | None:
    """The packaged USDA catalogue's food with this id, or None."""
    from mgcalm.knowledge.foods import lookup_food

    return lookup_food(food_id)
