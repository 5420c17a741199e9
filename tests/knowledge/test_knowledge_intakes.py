"""RDA and supplemental UL against the NIH ODS / IOM 1997 tables."""

from __future__ import annotations

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.knowledge import knowledge_base

# NIH ODS Magnesium fact sheet, Table 1 (IOM 1997): (age, female, male, pregnancy, lactation)
ODS_RDA = [
    (0.25, 30, 30, None, None),
    (0.75, 75, 75, None, None),
    (2, 80, 80, None, None),
    (6, 130, 130, None, None),
    (11, 240, 240, None, None),
    (16, 360, 410, 400, 360),
    (25, 310, 400, 350, 310),
    (40, 320, 420, 360, 320),
    (70, 320, 420, None, None),
]
# ODS Table 3: UL for supplemental magnesium (food excluded)
ODS_UL = [(0.5, 0), (2, 65), (6, 110), (12, 350), (18, 350), (19, 350), (34, 350), (90, 350)]


@pytest.mark.parametrize(("age", "female", "male", "pregnancy", "lactation"), ODS_RDA)
def test_rda_table_matches_ods(
    age: float, female: int, male: int, pregnancy: int | None, lactation: int | None
) -> None:
    kb = knowledge_base()
    assert kb.rda(age, "female").value_mg == female
    assert kb.rda(age, "male").value_mg == male
    if pregnancy is not None:
        assert kb.rda(age, "female", pregnant=True).value_mg == pregnancy
    if lactation is not None:
        assert kb.rda(age, "female", lactating=True).value_mg == lactation


def test_rda_boundaries_and_basis() -> None:
    kb = knowledge_base()
    assert kb.rda(18, "male").value_mg == 410
    assert kb.rda(19, "male").value_mg == 400
    assert kb.rda(30, "female").value_mg == 310
    assert kb.rda(31, "female").value_mg == 320
    assert kb.rda(51, "male").value_mg == 420
    assert kb.rda(0.3, "female").basis == "AI"
    assert kb.rda(34, "female").basis == "RDA"
    assert "nih-ods-mg" in kb.rda(34, "female").sources


def test_pregnancy_outside_table_falls_back_with_note() -> None:
    fact = knowledge_base().rda(55, "female", pregnant=True)
    assert fact.value_mg == 320
    assert fact.note


@pytest.mark.parametrize(("age", "ul"), ODS_UL)
def test_supplemental_ul_matches_ods(age: float, ul: int) -> None:
    fact = knowledge_base().supplemental_ul(age)
    assert fact.value_mg == ul
    assert fact.basis == "UL"
    assert fact.sources


def test_adult_male_rda_exceeds_ul_because_ul_excludes_food() -> None:
    kb = knowledge_base()
    assert kb.rda(40, "male").value_mg > kb.supplemental_ul(40).value_mg


def test_bad_person_lists_every_problem() -> None:
    with pytest.raises(InvalidInputError) as info:
        knowledge_base().rda(300, "other", pregnant=True)
    locations = [p.location for p in info.value.problems]
    assert locations.count("age") == 1
    assert "sex" in locations


def test_pregnant_male_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="female"):
        knowledge_base().rda(30, "male", pregnant=True)


def test_negative_age_ul_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="age"):
        knowledge_base().supplemental_ul(-1)
