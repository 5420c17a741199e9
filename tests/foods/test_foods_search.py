"""Food search: common form first, prefixes, one-letter typos, synonyms, validation."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain import InvalidInputError
from mgcalm.knowledge.foods import catalogue, food_index, search_foods
from mgcalm.knowledge.foods_search import FoodIndex
from mgcalm.knowledge.foods_words import within_one_edit


def names(query: str, limit: int = 5) -> list[str]:
    return [food.name for food in search_foods(query, limit)]


def ids(query: str, limit: int = 5) -> list[str]:
    return [food.id for food in search_foods(query, limit)]


def test_almonds_means_the_nuts_not_almond_oil() -> None:
    assert ids("almonds")[0] == "sr28:12061"  # Nuts, almonds (270 mg/100 g)
    assert not any("oil" in n.lower() or "milk" in n.lower() for n in names("almonds"))


def test_spinach_plain_and_cooked_come_before_dishes() -> None:
    top = names("spinach", 10)
    assert top[0] == "Spinach, raw"
    assert "Spinach, cooked, boiled, drained, without salt" in top[:4]
    everything = names("spinach", 100)
    assert everything.index("Spinach souffle") > everything.index("Spinach, raw")
    assert everything.index("Spinach souffle") >= 6


def test_a_modifier_does_not_win_over_the_food_itself() -> None:
    assert names("chocolate")[0].startswith("Chocolate, dark")
    assert names("water")[0] == "Water, NFS"
    assert names("banana")[0] == "Bananas, raw"


def test_the_derived_product_is_found_when_asked_for() -> None:
    assert set(names("almond oil", 2)) == {"Oil, almond", "Almond oil"}
    assert names("spinach souffle", 1) == ["Spinach souffle"]


def test_word_prefix_matches_while_typing() -> None:
    assert ids("almo")[0] == "sr28:12061"
    assert ids("spin")[0] == "sr28:11457"
    assert ids("pumpkin se")[0].startswith(("fndds:4310", "sr28:120"))


@pytest.mark.parametrize("typo", ["almnds", "almonsd", "almodns", "alminds", "allmonds"])
def test_one_letter_typo_is_forgiven(typo: str) -> None:
    assert ids(typo)[0] == "sr28:12061"


def test_typo_in_one_word_of_several() -> None:
    assert "Beans, black, mature seeds, cooked, boiled, without salt" in names("blak beans", 5)


@pytest.mark.parametrize(
    ("query", "expected_word"),
    [
        ("chickpeas", "chickpea"),
        ("garbanzo", "chickpea"),
        ("oatmeal", "oat"),
        ("porridge", "oat"),
        ("pepitas", "pumpkin"),
        ("yoghurt", "yogurt"),
        ("wholemeal bread", "whole"),
    ],
)
def test_synonyms(query: str, expected_word: str) -> None:
    top = names(query)
    assert top, query
    assert all(expected_word in n.lower() for n in top[:3]), top


def test_oatmeal_finds_oats_and_edamame_finds_green_soybeans() -> None:
    assert any(n.startswith("Oats") for n in names("oatmeal"))
    both = names("edamame", 10)
    assert any(n.startswith("Edamame") for n in both)
    assert any(n.startswith("Soybeans, green") for n in both)


def test_article_foods_are_found_first_by_their_everyday_names() -> None:
    assert ids("pumpkin seeds", 5)[0] == "fndds:43101050"  # Pumpkin seeds, NFS (550 mg)
    assert ids("dark chocolate", 3)[2] == "sr28:19904"  # 70-85 % cacao
    assert "sr28:16015" in ids("black beans", 5)
    assert ids("quinoa", 1) == ["sr28:20137"]


def test_limit_is_respected() -> None:
    assert len(search_foods("milk", 3)) == 3
    assert len(search_foods("milk", 50)) == 50


def test_no_match_is_an_empty_result() -> None:
    assert search_foods("xqzv") == ()


def test_invalid_queries_report_every_problem() -> None:
    with pytest.raises(InvalidInputError) as caught:
        search_foods("  ,, ", 0)
    assert [p.location for p in caught.value.problems] == ["limit", "query"]
    with pytest.raises(InvalidInputError):
        search_foods("a" * 201)


def test_fts_syntax_in_the_query_is_harmless() -> None:
    for query in ['"almonds', "almonds*", "NEAR(a b)", "almonds OR", "-almonds", "a:b"]:
        search_foods(query)


def test_index_over_a_small_list_and_threads() -> None:
    foods = [catalogue().by_id[i] for i in ("sr28:12061", "sr28:04529", "sr28:11457")]
    index = FoodIndex.of(foods)
    assert [f.id for f in index.search("almond")] == ["sr28:12061", "sr28:04529"]
    results: list[str] = []

    def worker() -> None:
        results.append(food_index().search("almonds", 1)[0].id)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["sr28:12061"] * 4


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("almonds", "almnds", True),
        ("almonds", "almodns", True),
        ("almonds", "almondss", True),
        ("almonds", "almands", True),
        ("almonds", "lamonds", True),
        ("almonds", "amlodns", False),
        ("almonds", "alm", False),
    ],
)
def test_one_edit_distance(a: str, b: str, close: bool) -> None:
    assert within_one_edit(a, b) is close


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.integers(min_value=1, max_value=20))
def test_any_text_either_searches_or_names_the_problem(query: str, limit: int) -> None:
    try:
        found = search_foods(query, limit)
    except InvalidInputError as error:
        assert {p.location for p in error.problems} <= {"query"}
    else:
        assert len(found) <= limit


def test_edamame_typed_comes_before_its_synonym() -> None:
    top = names("edamame", 4)
    assert top[0].startswith("Edamame")
    assert top.index(next(n for n in top if n.startswith("Edamame, frozen"))) < 3
