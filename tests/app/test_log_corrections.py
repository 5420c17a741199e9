"""`mgcalm log`: a food by name with grams, and `--replace` that keeps or clears fields on purpose.

Also: every log command takes the same shared options, declared once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from mgcalm.cli.main import app

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")
LOG_COMMANDS = (
    "dose",
    "food",
    "checkin",
    "sleep",
    "side-effect",
    "practice",
    "therapy",
    "medication",
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> Any:
    code, out, err = _run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def person(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    assert _run("init", "--profile", str(profile))[0] == 0


def test_log_food_by_name_with_grams_resolves_the_name(person: None) -> None:
    saved = _json("log", "food", "spinach", "--grams", "90")
    assert saved["food_id"] == "sr28:11457"  # USDA SR28 "Spinach, raw", the best match
    assert saved["grams"] == 90
    assert saved["magnesium_mg"] == pytest.approx(79 * 0.9, abs=0.1)  # 79 mg per 100 g (SR28)


def test_log_food_names_what_is_accepted_when_nothing_matches(person: None) -> None:
    code, _, err = _run("log", "food", "zzqqxx", "--grams", "90")
    assert code == 2 and "no food matches 'zzqqxx'" in err and "mgcalm foods search" in err


def test_replace_keeps_the_fields_not_given(person: None) -> None:
    _json("log", "checkin", "--id", "c1", "--day", "2026-11-20", "--anxiety", "6", "--mood", "4",
          "--palpitations", "--note", "rough day")  # fmt: skip
    fixed = _json("log", "checkin", "--id", "c1", "--replace", "typo", "--anxiety", "5")
    assert fixed["anxiety"] == 5
    assert (fixed["mood"], fixed["palpitations"], fixed["note"]) == (4, True, "rough day")
    assert fixed["day"] == "2026-11-20"  # not moved to today
    history = _json("history")
    assert [row["anxiety"] for row in history] == [5]


def test_replace_clears_a_field_only_when_asked(person: None) -> None:
    _json("log", "checkin", "--id", "c1", "--anxiety", "6", "--mood", "4", "--note", "typo here")
    fixed = _json("log", "checkin", "--id", "c1", "--replace", "no mood after all",
                  "--clear", "mood", "--clear", "note")  # fmt: skip
    assert (fixed["anxiety"], fixed["mood"], fixed["note"]) == (6, None, "")


def test_clearing_a_required_field_or_an_unknown_one_is_refused(person: None) -> None:
    _json("log", "dose", "--id", "d1", "--form", "glycinate", "--mg", "100", "--taken", "21:30")
    code, _, err = _run("log", "dose", "--id", "d1", "--replace", "x", "--clear", "form")
    assert code == 2 and "dose.form" in err
    code, _, err = _run("log", "dose", "--id", "d1", "--replace", "x", "--clear", "colour")
    assert code == 2 and "clear: 'colour' is not a field of a dose entry" in err
    assert "elemental_mg" in err  # the fields it has are listed
    code, _, err = _run("log", "dose", "--id", "d1", "--clear", "note")
    assert code == 2 and "--clear" in err and "--replace" in err
    assert _json("history")[0]["form"] == "glycinate"  # nothing changed


def test_correcting_a_food_amount_recomputes_its_magnesium(person: None) -> None:
    first = _json("log", "food", "almonds", "--grams", "28", "--id", "f1")
    fixed = _json("log", "food", "--id", "f1", "--replace", "it was more", "--grams", "56")
    assert fixed["food_id"] == first["food_id"]
    assert fixed["magnesium_mg"] == pytest.approx(2 * first["magnesium_mg"], abs=0.2)


def test_correcting_a_sleep_diary_with_clock_times(person: None) -> None:
    night = ["--into-bed", "23:00", "--tried", "23:10", "--latency", "20", "--awakenings", "1",
             "--waso", "10", "--final-wake", "06:30", "--out-of-bed", "06:45",
             "--quality", "3"]  # fmt: skip
    _json("log", "sleep", *night, "--id", "s1", "--day", "2026-11-20")
    fixed = _json("log", "sleep", "--id", "s1", "--replace", "later", "--final-wake", "07:00",
                  "--out-of-bed", "07:10")  # fmt: skip
    assert fixed["final_wake"].startswith("2026-11-20T07:00")
    assert fixed["into_bed"].startswith("2026-11-19T23:00")  # kept


def test_the_earlier_version_is_kept(person: None, tmp_path: Path) -> None:
    from mgcalm.app import open_app

    _json("log", "practice", "--id", "p1", "--kind", "breathwork", "--minutes", "5")
    _json("log", "practice", "--id", "p1", "--replace", "it was ten", "--minutes", "10")
    services = open_app()
    try:
        (revision,) = services.revisions("me")
    finally:
        services.close()
    assert revision.document["minutes"] == 5 and revision.reason == "it was ten"


@pytest.mark.parametrize("command", LOG_COMMANDS)
def test_every_log_command_takes_the_shared_options(command: str) -> None:
    group = typer.main.get_command(app).commands["log"]  # type: ignore[attr-defined]
    options = {o for p in group.commands[command].params for o in p.opts}
    assert {"--day", "--id", "--note", "--person", "--replace", "--clear", "--json"} <= options
