"""The USDA catalogue: reproducible build, published USDA values, the article's portions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mgcalm.knowledge.foods import article_portions, catalogue, load_article_portions
from mgcalm.knowledge.foods_data import default_path, load_catalogue

REPO = Path(__file__).resolve().parents[2]
USDA = REPO.parent / "shared" / "data" / "usda"


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_foods", REPO / "scripts/build_foods.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_foods"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not (USDA / "sr28").is_dir(), reason="USDA source files are not present")
def test_build_is_byte_identical_and_matches_the_packaged_file(tmp_path: Path) -> None:
    build = _build_module()
    first, second = tmp_path / "a" / "foods.jsonl.gz", tmp_path / "b" / "foods.jsonl.gz"
    assert build.main(["--usda-dir", str(USDA), "--out", str(first)]) == 0
    assert build.main(["--usda-dir", str(USDA), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == default_path().read_bytes(), "packaged file is stale: rebuild"


def test_packaged_catalogue_loads_without_problems_and_is_compact() -> None:
    loaded, problems = load_catalogue()
    assert problems == ()
    assert len(loaded.foods) > 12_000
    assert default_path().stat().st_size < 3_000_000
    assert {"sr28", "fndds"} <= set(loaded.sources)


def test_branded_sr28_items_are_dropped() -> None:
    # NDB 01188 is "KRAFT CHEEZ WHIZ Pasteurized Process Cheese Sauce" (manufacturer: Kraft).
    assert catalogue().get("sr28:01188") is None
    assert not any("KRAFT" in f.name for f in catalogue().foods)


@pytest.mark.parametrize(
    ("food_id", "mg_per_100g"),
    [
        ("sr28:12014", 592.0),  # pumpkin and squash seed kernels, dried
        ("sr28:12516", 550.0),  # pumpkin and squash seed kernels, roasted, with salt
        ("sr28:12061", 270.0),  # almonds
        ("sr28:11458", 87.0),  # spinach, cooked, boiled, drained, without salt
        ("sr28:16015", 70.0),  # black beans, mature seeds, cooked, boiled, without salt
        ("sr28:19904", 228.0),  # chocolate, dark, 70-85% cacao solids
        ("fndds:42100100", 279.0),  # FNDDS almonds, NFS
    ],
)
def test_usda_magnesium_values(food_id: str, mg_per_100g: float) -> None:
    food = catalogue().get(food_id)
    assert food is not None
    assert food.magnesium_mg_per_100g == mg_per_100g


def test_one_ounce_of_dried_pumpkin_seeds_by_the_sr28_weight() -> None:
    food = catalogue().get("sr28:12014")
    assert food is not None
    ounce = next(p for p in food.portions if p.label == "1 oz")
    assert ounce.grams == 28.35
    assert food.magnesium_mg(ounce.grams) == pytest.approx(167.8, abs=0.1)


def test_food_json_contract() -> None:
    food = catalogue().get("sr28:12061")
    assert food is not None
    data = food.as_dict()
    assert set(data) == {"id", "name", "group", "magnesium_mg_per_100g", "portions", "source"}
    assert data["group"] == "Nut and Seed Products"
    assert data["source"] == "USDA SR28 (2015), NDB 12061"
    ounce = next(p for p in data["portions"] if p["label"].startswith("1 oz"))
    assert ounce == {"label": "1 oz (23 whole kernels)", "grams": 28.35, "magnesium_mg": 76.5}


def test_article_portions_carry_usda_values() -> None:
    portions = {p.food_id: p for p in article_portions()}
    pumpkin = portions["sr28:12516"]
    assert pumpkin.food == "Pumpkin seeds, 1 oz (28 g)"
    assert pumpkin.magnesium_mg == 156  # 550 mg/100 g × 28.35 g
    assert portions["sr28:11458"].magnesium_mg == 78  # spinach, 1/2 cup boiled (90 g)
    assert portions["sr28:16015"].magnesium_mg == 60  # black beans, 1/2 cup (86 g)
    assert portions["sr28:19904"].magnesium_mg == 65  # dark chocolate, 1 oz
    names = " ".join(p.food.lower() for p in article_portions())
    for word in ("spinach", "avocado", "almonds", "cashews", "pumpkin", "chocolate", "beans"):
        assert word in names
    assert all(p.magnesium_mg > 0 and p.grams > 0 for p in article_portions())


def test_article_list_problems_are_all_reported() -> None:
    text = """
[[food]]
name = "Nothing"
id = "sr28:99999"
portion = "1 oz"

[[food]]
name = "Almonds"
id = "sr28:12061"
portion = "1 bucket"

[[food]]
id = "sr28:12061"
scale = -1
"""
    portions, problems = load_article_portions(catalogue(), text)
    assert portions == ()
    where = [p.location for p in problems]
    assert where == [
        "foods_article.toml: food[0].id",
        "foods_article.toml: food[1].portion",
        "foods_article.toml: food[2].name",
        "foods_article.toml: food[2].portion",
        "foods_article.toml: food[2].scale",
    ]


def test_build_refuses_a_folder_without_usda_files(tmp_path: Path) -> None:
    build = _build_module()
    with pytest.raises(SystemExit) as exited:
        build.main(["--usda-dir", str(tmp_path), "--out", str(tmp_path / "foods.jsonl.gz")])
    assert exited.value.code == 2
    assert not (tmp_path / "foods.jsonl.gz").exists()
