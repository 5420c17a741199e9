"""The prebuilt food search database: shipped up to date, reproducible, opened not rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mgcalm.knowledge import foods_index
from mgcalm.knowledge.foods import food_index, lookup_food
from mgcalm.knowledge.foods_data import default_path

TABLES = ("meta", "food", "word", "prefix_miss")


def content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, and every indexed term occurrence of the FTS5 index."""
    db = foods_index.open_read_only(path)
    try:
        rows = {t: db.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
        db.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, food_fts, instance)")
        rows["fts"] = db.execute("SELECT * FROM temp.terms ORDER BY 1, 2, 3, 4").fetchall()
    finally:
        db.close()
    return rows


def test_the_shipped_database_was_built_from_the_shipped_catalogue() -> None:
    shipped = foods_index.open_read_only(foods_index.default_index_path())
    assert foods_index.built_from(shipped) == foods_index.catalogue_digest(default_path()), (
        "the food catalogue changed: run `python scripts/build_foods.py --index-only`"
    )


def test_building_again_gives_the_shipped_database(tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    foods_index.build(default_path(), first)
    foods_index.build(default_path(), second)
    assert first.read_bytes() == second.read_bytes()
    assert content(first) == content(foods_index.default_index_path())


def test_search_opens_the_shipped_file_read_only() -> None:
    index = food_index()
    (_, _, file), *_ = index._db.execute("PRAGMA database_list").fetchall()
    assert Path(file).resolve() == foods_index.default_index_path().resolve()
    try:
        index._db.execute("CREATE TABLE written (x)")
    except sqlite3.OperationalError as error:
        assert "readonly" in str(error)
    else:
        raise AssertionError("the shipped database accepted a write")


def test_a_food_is_read_by_id_without_the_catalogue() -> None:
    food = lookup_food("SR28:12061 ")
    assert food is not None and food.name == "Nuts, almonds"
    assert food.magnesium_mg_per_100g == 270.0
    assert lookup_food("sr28:00000") is None
