"""The dietary ledger: food and supplements against the RDA and the supplemental UL, apart."""

from __future__ import annotations

from datetime import date

from mgcalm.domain.foods import FoodPortion, Limit, LoggedDose, LoggedFood
from mgcalm.knowledge.foods import article_portions
from mgcalm.knowledge.foods_ledger import daily_ledger

DAY = date(2026, 11, 26)
# Adult women 31-50: RDA 320 mg/day; supplemental UL 350 mg/day (IOM 1997).
RDA = Limit(320.0, "RDA", ("iom-1997-dri",))
UL = Limit(350.0, "UL", ("iom-1997-dri",))


def food(mg: float | None, food_id: str = "sr28:12061") -> LoggedFood:
    return LoggedFood(food_id, "Nuts, almonds, 1 oz", 28.35, mg)


def test_food_never_counts_toward_the_ul() -> None:
    # 900 mg from food alone, 300 mg supplemental: RDA met, UL not exceeded.
    day = daily_ledger(DAY, [food(600.0), food(300.0)], [LoggedDose(300.0)], RDA, UL)
    assert day.total_mg == 1200.0
    assert day.supplemental_mg == 300.0
    assert not day.over_ul
    data = day.as_dict()
    assert data["supplemental_ul"]["compared_with_mg"] == 300.0
    assert data["supplemental_ul"]["remaining_mg"] == 50.0
    assert data["supplemental_ul"]["food_counts"] is False
    assert data["rda"]["met"] is True and data["rda"]["gap_mg"] == 0
    assert data["suggestions"] == []


def test_supplements_over_the_ul_are_flagged_even_with_little_food() -> None:
    doses = [LoggedDose(200.0), LoggedDose(200.0), LoggedDose(100.0, missed=True)]
    day = daily_ledger(DAY, [food(20.0)], doses, RDA, UL)
    assert day.supplement_mg == 400.0 and day.doses_taken == 2 and day.doses_missed == 1
    assert day.over_ul
    assert day.as_dict()["supplemental_ul"]["exceeded"] is True
    assert day.rda_gap_mg == 0  # 420 mg ≥ 320 mg: the RDA is about adequacy, not safety


def test_other_profile_supplements_count_toward_the_ul() -> None:
    day = daily_ledger(DAY, [], [LoggedDose(250.0)], RDA, UL, other_supplement_mg=150.0)
    assert day.supplemental_mg == 400.0 and day.over_ul


def test_missing_values_make_the_food_total_a_lower_bound() -> None:
    day = daily_ledger(DAY, [food(76.5), food(None, "sr28:99999"), food(40.0)], [], RDA, UL)
    assert day.food_mg == 116.5
    assert day.food_is_lower_bound
    data = day.as_dict()["food"]
    assert data["at_least"] is True
    assert data["coverage"] == "2 of 3 foods logged have a magnesium value"


def test_gap_is_closed_with_familiar_foods_first_then_the_article_list() -> None:
    familiar = [
        FoodPortion("fndds:11111000", "Milk, whole, 1 cup (244 g)", 244.0, 29.0),
        FoodPortion("sr28:16015", "Beans, black, 1 cup (172 g)", 172.0, 120.0),
        FoodPortion("sr28:09003", "Apples, raw, 1 medium (182 g)", 182.0, 9.0),  # too little
    ]
    day = daily_ledger(
        DAY,
        [food(50.0)],
        [LoggedDose(100.0)],
        RDA,
        UL,
        familiar=familiar,
        article=article_portions(),
    )
    assert day.rda_gap_mg == 170.0
    foods = [s.food for s in day.suggestions]
    assert foods[:2] == ["Beans, black, 1 cup (172 g)", "Milk, whole, 1 cup (244 g)"]
    assert foods[2] == "Pumpkin seeds, 1 oz (28 g)"  # 156 mg, the article's richest portion
    assert sum(s.magnesium_mg for s in day.suggestions) >= day.rda_gap_mg
    assert not any("Apples" in f for f in foods)
    # a food the person already eats is not suggested twice from the article list
    assert [s.food_id for s in day.suggestions].count("sr28:16015") == 1


def test_an_empty_day() -> None:
    day = daily_ledger(DAY, [], [], RDA, UL, article=article_portions())
    assert day.total_mg == 0 and day.rda_gap_mg == 320.0
    assert not day.food_is_lower_bound
    assert len(day.suggestions) <= 4
    assert day.suggestions[0].food == "Pumpkin seeds, 1 oz (28 g)"
