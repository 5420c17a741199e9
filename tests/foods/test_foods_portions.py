"""Choosing a food and a portion the way a person says it: "almonds", "1 oz", 2 servings."""

from __future__ import annotations

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.knowledge.foods import catalogue, find_food, portion_of, serving


def test_find_food_by_id_or_by_name() -> None:
    assert find_food("sr28:12061").name == "Nuts, almonds"
    assert find_food("almonds").id == "sr28:12061"
    with pytest.raises(InvalidInputError) as caught:
        find_food("xqzv")
    assert caught.value.problems[0].location == "food"


def test_portion_by_label_prefix_case_and_amount() -> None:
    almonds = find_food("sr28:12061")
    ounce = portion_of(almonds, "1 OZ")
    assert (ounce.label, ounce.grams) == ("1 oz (23 whole kernels)", 28.35)
    assert almonds.magnesium_mg(ounce.grams) == pytest.approx(76.545)
    two = portion_of(almonds, "1 oz", 2)
    assert two.grams == 56.7 and two.label.startswith("2 × 1 oz")
    grams = portion_of(almonds, "g", 30)
    assert (grams.label, grams.grams) == ("30 g", 30)


def test_no_label_means_the_typical_serving() -> None:
    pumpkin = find_food("sr28:12516")
    assert serving(pumpkin) is not None
    assert portion_of(pumpkin).label == "1 oz"  # not the 118 g cup
    banana = find_food("sr28:09040")
    assert portion_of(banana).label == "1 NLEA serving"


def test_unknown_portion_and_bad_amount_are_all_reported() -> None:
    seeds = catalogue().by_id["fndds:43101050"]  # three "1 oz, …" portions
    assert portion_of(seeds, "1 oz").label == "1 oz, without shell"  # USDA's first
    with pytest.raises(InvalidInputError) as caught:
        portion_of(seeds, "1 bucket", -1)
    problems = {p.location: p for p in caught.value.problems}
    assert set(problems) == {"amount", "portion"}
    assert "1 oz, NFS" in problems["portion"].accepted


def test_per_portion_ranking_leaves_out_ingredients() -> None:
    from mgcalm.knowledge.foods import as_eaten, richest

    assert not as_eaten(find_food("sr28:16078"))  # mothbeans, mature seeds, raw
    assert not as_eaten(find_food("sr28:20060"))  # rice bran, crude
    assert as_eaten(find_food("sr28:16015"))  # black beans, cooked
    ranked = richest(limit=200)
    assert all(as_eaten(r.food) for r in ranked)
    assert any(r.food.id == "sr28:20060" for r in richest(per="100g", limit=5))
