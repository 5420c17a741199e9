"""The label calculator: compound ↔ elemental magnesium, with every input problem listed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcalm.domain import InvalidInputError
from mgcalm.knowledge import knowledge_base, label

KB = knowledge_base()
FORM_HYDRATES = [(f.id, h) for f in KB.forms.values() for h in f.hydrates]


def test_design_example_chloride_hexahydrate() -> None:
    result = label(KB, "chloride", compound_mg=1000)
    assert result.as_dict() == {
        "form": "chloride",
        "hydrate": "hexahydrate",
        "formula": "MgCl2.6H2O",
        "elemental_fraction": 0.1196,
        "compound_mg": 1000.0,
        "elemental_mg": 119.6,
        "usual_hydrate": True,
    }


def test_elemental_to_compound_glycinate() -> None:
    result = label(KB, "glycinate", elemental_mg=150)
    assert round(result.compound_mg) == 1064  # the plan example: 150 mg Mg = 1,064 mg glycinate


def test_published_label_figures() -> None:
    # Licensed orotate: 500 mg orotate dihydrate = 32.8 mg magnesium.
    assert label(KB, "orotate", compound_mg=500).elemental_mg == pytest.approx(32.8, abs=0.1)
    # Epsom salt Drug Facts: 495 mg magnesium per teaspoon of about 5.0 g heptahydrate.
    assert label(KB, "sulfate", elemental_mg=495).compound_mg == pytest.approx(5020, rel=0.01)
    # Aspartate dihydrate sachet: 243 mg magnesium in about 3.24 g of salt.
    aspartate = label(KB, "aspartate", elemental_mg=243).compound_mg
    assert aspartate == pytest.approx(3245, rel=0.01)


def test_explicit_hydrate_and_alias() -> None:
    anhydrous = label(KB, "Chloride", hydrate="anhydrous", compound_mg=1000)
    assert anhydrous.elemental_mg == pytest.approx(255.3, abs=0.1)
    assert not anhydrous.usual_hydrate
    assert label(KB, "Epsom salt", compound_mg=1000).form == "sulfate"


def test_every_problem_is_listed_with_accepted_values() -> None:
    with pytest.raises(InvalidInputError) as info:
        label(KB, "glycerol", hydrate="decahydrate", compound_mg=10, elemental_mg=3)
    by_location = {p.location: p for p in info.value.problems}
    assert "glycinate" in by_location["form"].accepted
    assert "nonahydrate" in by_location["hydrate"].accepted
    assert "compound_mg/elemental_mg" in by_location


def test_hydrate_must_exist_for_the_form() -> None:
    with pytest.raises(InvalidInputError) as info:
        label(KB, "oxide", hydrate="hexahydrate", compound_mg=100)
    (problem,) = info.value.problems
    assert problem.accepted == "anhydrous"


@pytest.mark.parametrize(
    "amounts", [{}, {"compound_mg": -1.0}, {"elemental_mg": 0.0}, {"compound_mg": float("nan")}]
)
def test_bad_amounts(amounts: dict[str, float]) -> None:
    with pytest.raises(InvalidInputError):
        label(KB, "citrate", **amounts)


@given(
    pair=st.sampled_from(FORM_HYDRATES),
    compound=st.floats(min_value=0.01, max_value=100_000, allow_nan=False),
)
def test_round_trip_compound_elemental(pair: tuple[str, str], compound: float) -> None:
    form, hydrate = pair
    elemental = label(KB, form, hydrate=hydrate, compound_mg=compound).elemental_mg
    back = label(KB, form, hydrate=hydrate, elemental_mg=elemental).compound_mg
    assert back == pytest.approx(compound, rel=1e-9)
    assert 0 < elemental < compound
