"""The ledger gathered from the store: `mgcalm.app.tracking.intake` and `mgcalm intake`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgcalm.app import App, Settings, open_app
from mgcalm.app.tracking.intake import intake_day
from mgcalm.cli.main import app as cli
from mgcalm.domain import InvalidInputError
from mgcalm.domain.profile_parse import parse_profile_toml

# A 34-year-old woman (RDA 320 mg, UL 350 mg), the profile the app tests use too.
PROFILE_TOML = (Path(__file__).parents[1] / "app" / "profile.toml").read_text(encoding="utf-8")

DAY = date(2026, 11, 26)


@pytest.fixture
def app(mgcalm_data_dir: Path) -> Iterator[App]:
    settings = Settings(data_dir=mgcalm_data_dir)
    service = open_app(settings, clock=lambda: datetime(2026, 11, 26, 20, 0, tzinfo=UTC))
    profile, problems = parse_profile_toml(PROFILE_TOML)
    assert profile is not None, problems
    service.create_person(profile, person_id="me")
    try:
        yield service
    finally:
        service.close()


def _eat(app: App, food_id: str, grams: float, portion: str, day: date = DAY) -> None:
    app.log("me", "food", {"day": day, "food_id": food_id, "grams": grams, "portion": portion})


def _dose(app: App, mg: float, missed: bool = False) -> None:
    data = {"day": DAY, "form": "glycinate", "elemental_mg": mg}
    extra = {"missed": True, "missed_reason": "forgot"} if missed else {"taken_time": "21:30"}
    app.log("me", "dose", {**data, **extra})


def test_food_and_doses_against_both_limits(app: App) -> None:
    _eat(app, "sr28:12516", 28.35, "1 oz")  # pumpkin seeds 550 mg/100 g → 155.9 mg
    _eat(app, "sr28:11458", 90, "1/2 cup")  # spinach cooked 87 mg/100 g → 78.3 mg
    _dose(app, 200)
    _dose(app, 200)
    _dose(app, 100, missed=True)
    day = intake_day(app, "me", DAY)
    assert day.food_mg == pytest.approx(234.2, abs=0.1)
    assert day.supplement_mg == 400.0 and day.doses_missed == 1
    assert day.rda.mg == 320.0 and day.supplemental_ul.mg == 350.0
    assert "iom-1997-dri" in day.rda.sources
    assert day.over_ul  # 400 mg of supplements > 350 mg, whatever the food
    assert day.rda_gap_mg == 0


def test_food_alone_far_above_the_ul_is_not_over_it(app: App) -> None:
    for _ in range(3):
        _eat(app, "sr28:12516", 129, "1 cup")  # 3 × 709.5 mg from food
    day = intake_day(app, "me", DAY)
    assert day.food_mg > 2000
    assert not day.over_ul and day.supplemental_mg == 0


def test_coverage_counts_foods_without_a_value(app: App) -> None:
    # A catalogue food without a USDA magnesium value, logged as 0 mg, and one with a value.
    no_value = next(f for f in _catalogue_foods() if f.magnesium_mg_per_100g is None)
    app.log("me", "food", {"day": DAY, "food_id": no_value.id, "grams": 50, "magnesium_mg": 0})
    _eat(app, "sr28:12061", 28.35, "1 oz")
    day = intake_day(app, "me", DAY)
    assert (day.foods_logged, day.foods_with_value) == (2, 1)
    assert day.food_is_lower_bound


def test_suggestions_start_with_what_the_person_already_eats(app: App) -> None:
    _eat(app, "sr28:16015", 172, "1 cup", day=date(2026, 11, 20))  # black beans, 120 mg
    _eat(app, "sr28:16015", 172, "1 cup", day=date(2026, 11, 22))
    _eat(app, "sr28:09040", 118, "1 medium")  # banana today, 32 mg
    day = intake_day(app, "me", DAY)
    assert day.rda_gap_mg == pytest.approx(320 - 31.9, abs=0.1)
    first = day.suggestions[0]
    assert first.food_id == "sr28:16015"
    assert first.food == "Beans, black, mature seeds, cooked, boiled, without salt, 1 cup (172 g)"
    assert any(s.food == "Pumpkin seeds, 1 oz (28 g)" for s in day.suggestions)


def test_intake_command_json_and_text(app: App) -> None:
    _eat(app, "sr28:12516", 28.35, "1 oz")
    _dose(app, 100)
    app.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["intake", "--date", "2026-11-26", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["food"]["magnesium_mg"] == pytest.approx(155.9, abs=0.1)
    assert data["supplemental_ul"]["compared_with_mg"] == 100.0
    assert data["supplemental_ul"]["food_counts"] is False
    assert data["rda"]["gap_mg"] == pytest.approx(320 - 255.9, abs=0.1)
    text = runner.invoke(cli, ["intake", "--date", "2026-11-26"]).stdout
    assert "food never counts" in text and "Foods that would close the gap" in text
    bad = runner.invoke(cli, ["intake", "--date", "26/11/2026"])
    assert bad.exit_code == 2 and "--date" in bad.stderr


def _catalogue_foods():  # type: ignore[no-untyped-def]
    from mgcalm.knowledge.foods import catalogue

    return catalogue().foods


def test_food_entry_fields_resolve_names_and_portions() -> None:
    from mgcalm.app.tracking.intake import food_entry_fields

    fields = food_entry_fields("almonds", None, "1 oz", 2)
    assert fields == {
        "food_id": "sr28:12061",
        "grams": 56.7,
        "portion": "2 × 1 oz (23 whole kernels)",
    }
    # with grams, a name is resolved too; an exact id is kept (and checked when saved)
    assert food_entry_fields("spinach", 90, None, None) == {
        "food_id": "sr28:11457",
        "grams": 90,
        "portion": None,
    }
    assert food_entry_fields("no-such-food", 10, None, None, exact_id=True)["food_id"] == (
        "no-such-food"
    )
    with pytest.raises(InvalidInputError) as caught:
        food_entry_fields("zzqqxx", 10, None, None)
    assert caught.value.problems[0].location == "food"
    assert food_entry_fields("sr28:12516", None, None, None)["portion"] == "1 oz"


def test_log_food_by_name_and_portion_then_intake(app: App) -> None:
    app.close()
    runner = CliRunner()
    result = runner.invoke(
        cli, ["log", "food", "pumpkin seeds", "--portion", "1 oz", "--day", "2026-11-26", "--json"]
    )
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)
    assert entry["food_id"] == "fndds:43101050" and entry["magnesium_mg"] == pytest.approx(155.9)
    bad = runner.invoke(cli, ["log", "food", "almonds", "--portion", "1 bucket"])
    assert bad.exit_code == 2 and "1 oz (23 whole kernels)" in bad.stderr
    data = json.loads(runner.invoke(cli, ["intake", "--date", "2026-11-26", "--json"]).stdout)
    assert data["food"]["foods_logged"] == 1


def test_a_day_without_food_shows_the_profile_estimate(app: App) -> None:
    _dose(app, 400)
    day = intake_day(app, "me", DAY)
    assert day.foods_logged == 0 and day.diet_estimate_mg == 220
    assert day.as_dict()["food"]["profile_estimate_mg"] == 220
    app.close()
    text = CliRunner().invoke(cli, ["intake", "--date", "2026-11-26"]).stdout
    assert "nothing logged; your profile estimates 220 mg/day" in text
    assert "ABOVE the limit" in text


def test_ledger_on_both_databases(mgcalm_app: App) -> None:
    profile, _ = parse_profile_toml(PROFILE_TOML)
    assert profile is not None
    mgcalm_app.create_person(profile, person_id="me")
    _eat(mgcalm_app, "sr28:12061", 28.35, "1 oz")  # almonds 76.5 mg
    _dose(mgcalm_app, 300)
    day = intake_day(mgcalm_app, "me", DAY)
    assert day.food_mg == pytest.approx(76.5, abs=0.1)
    assert day.supplemental_mg == 300.0 and not day.over_ul
    assert day.total_mg == pytest.approx(376.5, abs=0.1)


def test_magnesium_already_taken_counts_as_the_plan_counted_it(app: App) -> None:
    from dataclasses import replace

    from mgcalm.domain.profile import Medication

    profile = replace(
        app.profile("me"), medications=(Medication("Maalox", (), as_needed=True, amount_mg=80),)
    )
    app.update_profile("me", profile)
    app.plan_for("me", DAY)
    _dose(app, 100)
    day = intake_day(app, "me", DAY)
    assert day.supplement_mg == 100.0 and day.other_supplement_mg == pytest.approx(80.0)
