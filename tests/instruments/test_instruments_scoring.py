"""Scoring follows the published rules: totals, band edges, PCL-5 clusters and the DSM-5 rule."""

from __future__ import annotations

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.instruments import (
    GAD7,
    INSTRUMENT_IDS,
    PCL5,
    PCL5_WEEK,
    PHQ9,
    band_for,
    provisional_ptsd,
    score,
)


def _answers_with_total(n_items: int, top: int, total: int) -> list[int]:
    """Spread a total over items (greedy), to test band edges with real answer lists."""
    answers = []
    for _ in range(n_items):
        take = min(top, total)
        answers.append(take)
        total -= take
    assert total == 0
    return answers


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_GAD7_band_edges(total: int, band: str) -> None:
    result = score("gad7", _answers_with_total(7, 3, total))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "none-minimal"),
        (4, "none-minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_PHQ9_band_edges(total: int, band: str) -> None:
    assert band_for("phq9", total) == band
    # Put the points on items 1–8 so item 9 stays 0 where possible.
    answers = [*_answers_with_total(8, 3, min(total, 24)), max(0, total - 24)]
    assert score("phq9", answers).band == band


def test_score_json_matches_the_design_contract() -> None:
    answers = [2, 2, 2, 2, 2, 1, 1, 0, 2, 2, 2, 2, 2, 2, 3, 0, 3, 3, 2, 3]
    data = score("pcl5", answers).to_json()
    assert data == {
        "instrument": "pcl5",
        "total": 38,
        "band": "above cut-point",
        "subscales": {"B": 10, "C": 2, "D": 12, "E": 14},
        "flags": ["probable_ptsd_range"],
        "provisional_ptsd": False,  # C has no item rated 2 or more
    }
    assert set(score("gad7", [0] * 7).to_json()) == {
        "instrument",
        "total",
        "band",
        "subscales",
        "flags",
    }


def test_PCL5_cluster_sums_follow_item_ranges() -> None:
    answers = list(range(20))
    answers = [a % 5 for a in answers]  # 0,1,2,3,4,0,1,...
    result = score("pcl5", answers)
    assert dict(result.subscales) == {
        "B": sum(answers[0:5]),
        "C": sum(answers[5:7]),
        "D": sum(answers[7:14]),
        "E": sum(answers[14:20]),
    }
    assert result.total == sum(answers) == 40


def _pcl5(b: int, c: int, d: int, e: int, rating: int = 2) -> list[int]:
    """PCL-5 answers with the given number of items endorsed (=rating) per cluster, rest 1."""
    sizes = {"B": 5, "C": 2, "D": 7, "E": 6}
    wanted = {"B": b, "C": c, "D": d, "E": e}
    out: list[int] = []
    for cluster, size in sizes.items():
        out += [rating] * wanted[cluster] + [1] * (size - wanted[cluster])
    return out


def test_DSM5_rule_exactly_1_1_2_2_passes() -> None:
    assert provisional_ptsd(_pcl5(1, 1, 2, 2))
    assert score("pcl5", _pcl5(1, 1, 2, 2)).provisional_ptsd is True


@pytest.mark.parametrize("pattern", [(1, 1, 2, 1), (0, 1, 2, 2), (1, 0, 2, 2), (1, 1, 1, 2)])
def test_DSM5_rule_one_cluster_short_fails(pattern: tuple[int, int, int, int]) -> None:
    assert score("pcl5", _pcl5(*pattern)).provisional_ptsd is False


def test_DSM5_rule_item_rated_1_does_not_count() -> None:
    # Every item rated "A little bit": total 20, nothing endorsed.
    assert score("pcl5", [1] * 20).provisional_ptsd is False
    assert score("pcl5", _pcl5(5, 2, 7, 6, rating=1)).provisional_ptsd is False
    assert score("pcl5", _pcl5(5, 2, 7, 6, rating=2)).provisional_ptsd is True


@pytest.mark.parametrize(
    ("total", "band", "flagged"),
    [
        (30, "below cut-point", False),
        (31, "within cut-point range", True),
        (33, "within cut-point range", True),
        (34, "above cut-point", True),
    ],
)
def test_PCL5_cutpoint_range_31_to_33(total: int, band: str, flagged: bool) -> None:
    result = score("pcl5", _answers_with_total(20, 4, total))
    assert result.band == band
    assert ("probable_ptsd_range" in result.flags) is flagged


def test_PCL5_item16_quite_a_bit_flags_risky_behaviour() -> None:
    answers = [0] * 20
    answers[15] = 3
    assert "risky_behaviour" in score("pcl5", answers).flags
    answers[15] = 2
    assert "risky_behaviour" not in score("pcl5", answers).flags


def test_PHQ9_item9_above_zero_flags_suicidal_ideation() -> None:
    assert score("phq9", [0] * 8 + [1]).flags == ("suicidal_ideation",)
    assert score("phq9", [3] * 8 + [0]).flags == ()


def test_PHQ9_difficulty_item_is_optional_and_not_scored() -> None:
    with_item = score("phq9", [1] * 9 + [3])
    without = score("phq9", [1] * 9)
    assert with_item.total == without.total == 9
    assert with_item.difficulty == 3 and without.difficulty is None


def test_wrong_count_names_the_count_accepted() -> None:
    with pytest.raises(InvalidInputError) as info:
        score("gad7", [1, 2, 3])
    (problem,) = info.value.problems
    assert problem.location == "answers"
    assert "7 answers" in problem.accepted


def test_every_out_of_range_answer_is_reported_with_its_item() -> None:
    with pytest.raises(InvalidInputError) as info:
        score("pcl5", [5] + [0] * 18 + [-1])
    locations = [p.location for p in info.value.problems]
    assert locations == ["answers.item1", "answers.item20"]
    assert all(p.accepted == "0–4" for p in info.value.problems)


def test_count_and_range_problems_are_collected_together() -> None:
    with pytest.raises(InvalidInputError) as info:
        score("phq9", [0, 4, 0])
    assert {p.location for p in info.value.problems} == {"answers", "answers.item2"}


def test_unknown_instrument_names_the_accepted_ids() -> None:
    with pytest.raises(InvalidInputError) as info:
        score("bdi", [0])
    assert all(i in info.value.problems[0].accepted for i in INSTRUMENT_IDS)


def test_ids_accept_any_case_and_dash() -> None:
    assert score("PCL5-week", [0] * 20).instrument == "pcl5_week"


def test_instrument_texts_are_the_published_forms() -> None:
    assert len(PCL5.items) == 20 and len(GAD7.items) == 7 and len(PHQ9.items) == 9
    assert PCL5.stem == "In the past month, how much were you bothered by:"
    assert PCL5.items[16].text == "Being “superalert” or watchful or on guard?"
    assert [o.label for o in PCL5.options] == [
        "Not at all",
        "A little bit",
        "Moderately",
        "Quite a bit",
        "Extremely",
    ]
    assert PHQ9.items[8].text.startswith("Thoughts that you would be better off dead")
    assert PHQ9.items[8].loinc == "44260-8"
    assert (GAD7.loinc_panel, GAD7.loinc_total) == ("69737-5", "70274-6")
    assert (PHQ9.loinc_panel, PHQ9.loinc_total) == ("44249-1", "44261-6")
    assert PCL5.loinc_verified is False and "unverified" in PCL5.loinc_note
    assert PCL5_WEEK.stem == "In the past week, how much were you bothered by:"
    assert PCL5_WEEK.loinc_total == ""  # 101698-9 has a one-month time aspect
