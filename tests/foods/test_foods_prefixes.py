"""Search while typing: every prefix of a word finds the foods named with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain.foods import Food
from mgcalm.knowledge.foods import catalogue, search_foods
from mgcalm.knowledge.foods_search import FoodIndex
from mgcalm.knowledge.foods_words import stem, words

WORDS = (
    "chocolate",
    "almonds",
    "spinach",
    "pumpkin",
    "blueberries",
    "soybeans",
    "yogurt",
    "cashews",
    "broccoli",
    "avocados",
    "lentils",
    "oatmeal",
    "bananas",
    "quinoa",
)


def mentions(food: Food, prefix: str) -> bool:
    """True when a word of the food's name is being typed as ``prefix`` (or is its plural)."""
    return any(w.startswith(prefix) or stem(w) == stem(prefix) for w in words(food.name))


def prefixes(word: str, shortest: int = 1) -> list[str]:
    return [word[:i] for i in range(shortest, len(word) + 1)]


@pytest.mark.parametrize("prefix", [p for w in WORDS for p in prefixes(w)])
def test_every_prefix_of_a_real_word_finds_foods(prefix: str) -> None:
    found = search_foods(prefix, 10)
    assert found, prefix
    if len(prefix) >= 3:  # shorter ones start too many words to promise which come first
        assert any(mentions(food, prefix) for food in found), (prefix, found)


@pytest.mark.parametrize("prefix", ["chocola", "chocolat", "chocol", "chocolate"])
def test_chocolate_is_found_at_every_length(prefix: str) -> None:
    assert search_foods(prefix, 1)[0].name.startswith("Chocolate, dark")


@pytest.mark.parametrize("prefix", prefixes("chocolate"))
def test_a_one_letter_last_word_still_finds_foods(prefix: str) -> None:
    found = search_foods(f"dark {prefix}", 5)
    assert found
    assert all("dark" in words(food.name) for food in found)
    assert any("chocolate" in food.name.lower() for food in found)


def test_a_one_letter_word_that_foods_have_is_taken_whole() -> None:
    assert all("c" in words(f"{f.name} {f.aka}") for f in search_foods("vitamin c", 5))


def test_soy_finds_soybeans_whose_stem_it_does_not_start() -> None:
    # "soy" is indexed as "soi" by the Porter stemmer, which "soybean" does not start with.
    assert "Soybeans, cooked" in [f.name for f in search_foods("soy", 50)]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12_512), min_size=1, max_size=6, unique=True))
def test_any_prefix_of_any_word_finds_its_food(positions: list[int]) -> None:
    foods = [catalogue().foods[i] for i in positions]
    index = FoodIndex.of(foods)
    for food in foods:
        for word in words(food.name):
            for prefix in prefixes(word, shortest=2):
                found = index.search(prefix, 100)
                assert food in found or len(found) == 100, (prefix, food.name)
