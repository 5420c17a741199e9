"""Reliable and clinically meaningful change use each instrument's published thresholds."""

from __future__ import annotations

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.instruments import describe_change, reliable_change


@pytest.mark.parametrize(
    ("before", "after", "direction", "meaningful"),
    [
        (40, 36, "no reliable change", False),  # 4 < VA minimum of 5
        (40, 35, "improved", False),  # 5: reliable response, not yet meaningful
        (40, 30, "improved", True),  # 10: VA clinically meaningful threshold
        (30, 35, "worsened", False),
        (30, 44, "worsened", True),
    ],
)
def test_PCL5_va_thresholds_5_and_10(
    before: int, after: int, direction: str, meaningful: bool
) -> None:
    change = reliable_change("pcl5", before, after)
    assert (change.direction, change.clinically_meaningful) == (direction, meaningful)
    assert change.delta == after - before


def test_GAD7_mcid_4_points() -> None:
    assert reliable_change("gad7", 12, 9).direction == "no reliable change"
    change = reliable_change("gad7", 12, 8)
    assert change.direction == "improved" and change.clinically_meaningful
    assert any("32090765" in s for s in change.to_json()["sources"])


def test_PHQ9_mcid_5_points() -> None:
    assert reliable_change("phq9", 10, 14).direction == "no reliable change"
    change = reliable_change("phq9", 10, 15)
    assert change.direction == "worsened" and change.clinically_meaningful
    assert any("15550799" in s for s in change.to_json()["sources"])


def test_PCL5_context_names_stricter_research_thresholds() -> None:
    assert "15–18" in reliable_change("pcl5", 40, 20).context


def test_impossible_totals_are_problems() -> None:
    with pytest.raises(InvalidInputError) as info:
        reliable_change("gad7", 22, -1)
    assert [p.location for p in info.value.problems] == ["before_total", "after_total"]


def test_description_is_plain() -> None:
    assert "less than the 5 points" in describe_change(reliable_change("pcl5", 40, 37))
    assert "clinically meaningful" in describe_change(reliable_change("pcl5", 40, 28))
