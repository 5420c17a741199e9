"""Magnesium wherever it hides: products, salts and abbreviations, and the elemental amount."""

from __future__ import annotations

import pytest
from molmass import Formula

from mgcalm.knowledge import knowledge_base

MG = Formula("Mg").mass


@pytest.mark.parametrize(
    "name",
    [
        "Mag-Ox 400", "ZMA", "Natural Calm", "Epsom salt", "Milk of Magnesia", "Maalox",
        "Rolaids", "Pepcid Complete", "Gaviscon", "Mylanta", "Slow-Mag", "Mg glycinate",
        "magnesium bisglycinate", "MAGNESIUM CITRATE 200 MG", "magnesium l-threonate",
        "calcium magnesium zinc",
    ],
)  # fmt: skip
def test_products_that_hold_magnesium_are_recognised(name: str) -> None:
    assert knowledge_base().magnesium_content(name) is not None


@pytest.mark.parametrize("name", ["esomeprazole magnesium", "levothyroxine", "zinc", "Tums"])
def test_other_products_are_not_magnesium(name: str) -> None:
    assert knowledge_base().magnesium_content(name) is None


def test_a_strength_in_the_name_is_the_compound_converted_with_its_formula() -> None:
    found = knowledge_base().magnesium_content("magnesium oxide 400 mg")
    assert found is not None and found.form == "oxide"
    expected = 400 * MG / Formula("MgO").mass
    assert found.elemental_mg_per_dose == pytest.approx(expected, abs=0.1)


def test_a_label_dose_is_counted_from_the_ingredients() -> None:
    found = knowledge_base().magnesium_content("Milk of Magnesia")
    assert found is not None
    per_5_ml = 400 * MG / Formula("Mg(OH)2").mass
    assert found.elemental_mg_per_dose == pytest.approx(12 * per_5_ml, abs=0.5)
    assert "label" in found.basis


def test_a_product_whose_recipe_varies_has_no_amount() -> None:
    for name in ("Gaviscon", "ZMA", "Natural Calm"):
        found = knowledge_base().magnesium_content(name)
        assert found is not None and found.elemental_mg_per_dose is None, name
        assert found.note, name


def test_pepcid_complete_also_holds_famotidine() -> None:
    found = knowledge_base().magnesium_content("Pepcid Complete")
    assert found is not None and found.other_medicines == ("famotidine",)
