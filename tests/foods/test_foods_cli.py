"""`mgcalm foods …` commands: JSON contract, tables, exit code 2 with every problem."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mgcalm.cli.main import app

runner = CliRunner()


def test_search_json_contract() -> None:
    result = runner.invoke(app, ["foods", "search", "almonds", "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    foods = json.loads(result.stdout)
    assert len(foods) == 3
    first = foods[0]
    assert set(first) == {"id", "name", "group", "magnesium_mg_per_100g", "portions", "source"}
    assert first["id"] == "sr28:12061"
    assert first["magnesium_mg_per_100g"] == 270.0
    assert {"label": "1 oz (23 whole kernels)", "grams": 28.35, "magnesium_mg": 76.5} in first[
        "portions"
    ]


def test_search_table_names_the_source() -> None:
    result = runner.invoke(app, ["foods", "search", "pumpkin seeds", "-n", "2"])
    assert result.exit_code == 0, result.output
    assert "USDA" in result.stdout and "Pumpkin" in result.stdout


def test_search_without_words_exits_2() -> None:
    result = runner.invoke(app, ["foods", "search", " ", "--limit", "500"])
    assert result.exit_code == 2
    assert "query" in result.stderr and "limit" in result.stderr


def test_top_per_100g_is_sorted_and_per_portion_names_the_portion() -> None:
    result = runner.invoke(app, ["foods", "top", "--per", "100g", "-n", "10", "--json"])
    assert result.exit_code == 0, result.output
    values = [item["ranked_by"]["magnesium_mg"] for item in json.loads(result.stdout)]
    assert values == sorted(values, reverse=True) and len(values) == 10
    result = runner.invoke(app, ["foods", "top", "--group", "nut and seed", "--json"])
    items = json.loads(result.stdout)
    assert all(item["group"] == "Nut and Seed Products" for item in items)
    assert all(item["ranked_by"]["label"] for item in items)


def test_top_reports_every_bad_option() -> None:
    result = runner.invoke(app, ["foods", "top", "--per", "cup", "--group", "zzz"])
    assert result.exit_code == 2
    assert "per:" in result.stderr and "group:" in result.stderr


def test_show_and_unknown_id() -> None:
    result = runner.invoke(app, ["foods", "show", "sr28:12014", "--json"])
    assert result.exit_code == 0
    (food,) = json.loads(result.stdout)
    ounce = next(p for p in food["portions"] if p["label"] == "1 oz")
    assert ounce["magnesium_mg"] == 167.8
    result = runner.invoke(app, ["foods", "show", "12014"])
    assert result.exit_code == 2
    assert "sr28:NNNNN" in result.stderr


def test_groups_lists_usda_groups() -> None:
    result = runner.invoke(app, ["foods", "groups", "--json"])
    assert result.exit_code == 0
    assert "Nut and Seed Products" in json.loads(result.stdout)


def test_article_lists_the_articles_foods_with_sources() -> None:
    result = runner.invoke(app, ["foods", "article", "--json"])
    assert result.exit_code == 0
    portions = json.loads(result.stdout)
    pumpkin = next(p for p in portions if p["food_id"] == "sr28:12516")
    assert pumpkin["food"] == "Pumpkin seeds, 1 oz (28 g)" and pumpkin["magnesium_mg"] == 156
    assert pumpkin["source"] == "USDA SR28 (2015), NDB 12516"
    text = runner.invoke(app, ["foods", "article"]).stdout
    assert "Pumpkin seeds, 1 oz (28 g): 156 mg (USDA SR28 (2015), NDB 12516)" in text
