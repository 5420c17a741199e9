"""`mgcalm score` and `mgcalm support`: contract JSON, crisis resources with flags, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mgcalm.cli.main import app

runner = CliRunner()
ITEM9 = "0,0,0,0,0,0,0,0,1"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_score_json_is_the_contract() -> None:
    code, out, _ = _run("score", "gad7", "--answers", "1,1,1,1,1,0,0", "--json")
    assert code == 0
    assert json.loads(out) == {
        "instrument": "gad7",
        "total": 5,
        "band": "mild",
        "subscales": {},
        "flags": [],
    }


def test_score_pcl5_json_adds_provisional_ptsd() -> None:
    answers = ",".join(["2"] * 20)
    code, out, _ = _run("score", "pcl5", "--answers", answers, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["provisional_ptsd"] is True
    assert data["subscales"] == {"B": 10, "C": 4, "D": 14, "E": 12}
    assert "crisis_resources" not in data


def test_suicidal_ideation_json_carries_crisis_resources() -> None:
    code, out, _ = _run("score", "phq9", "--answers", ITEM9, "--json", "--region", "US")
    data = json.loads(out)
    assert code == 0
    assert data["flags"] == ["suicidal_ideation"]
    hrefs = {c["href"] for r in data["crisis_resources"] for c in r["contacts"]}
    assert {"tel:988", "sms:838255", "sms:741741?body=HOME"} <= hrefs


@pytest.mark.parametrize(("region", "needle"), [("US", "Call 988"), ("UK", "Call 116 123")])
def test_suicidal_ideation_readable_shows_crisis_resources(region: str, needle: str) -> None:
    code, out, _ = _run("score", "phq9", "--answers", ITEM9, "--region", region)
    assert code == 0
    assert "better off dead" in out and "Crisis resources" in out
    assert needle in out and "findahelpline.com" in out


def test_region_defaults_to_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGCALM_REGION", "IE")
    _, out, _ = _run("score", "phq9", "--answers", ITEM9)
    assert "Crisis resources (IE)" in out and "116 123" in out


def test_readable_score_shows_total_band_and_meaning() -> None:
    code, out, _ = _run("score", "phq9", "--answers", "2,2,2,2,2,2,2,0,0")
    assert code == 0
    assert "PHQ-9 total: 14 of 27 (moderate)" in out
    assert "not a diagnosis" in out
    assert "Crisis resources" not in out


def test_wrong_count_exits_2_naming_the_count() -> None:
    code, out, err = _run("score", "gad7", "--answers", "1,2,3")
    assert code == 2 and out == ""
    assert "GAD-7 needs 7 answers, got 3" in err


def test_out_of_range_exits_2_naming_item_and_range() -> None:
    code, _, err = _run("score", "pcl5", "--answers", ",".join(["0"] * 19 + ["7"]))
    assert code == 2
    assert "answers.item20: 7 is not a valid answer (accepted: 0–4)" in err
    assert "Traceback" not in err


def test_not_a_number_and_unknown_instrument_exit_2() -> None:
    code, _, err = _run("score", "phq9", "--answers", "1,x")
    assert code == 2 and "answers.item2: 'x' is not a whole number" in err
    code, _, err = _run("score", "bdi", "--answers", "1")
    assert code == 2 and "pcl5, pcl5_week, gad7, phq9" in err


def test_support_readable_and_json() -> None:
    code, out, _ = _run("support", "--region", "US")
    assert code == 0 and "Call 988" in out and "not an emergency service" in out
    code, out, _ = _run("support", "--region", "GB", "--json")
    data = json.loads(out)
    assert data["region"] == "UK"
    assert data["resources"][0]["contacts"][0]["href"] == "tel:116123"


def test_support_unknown_region_falls_back_instead_of_failing() -> None:
    code, out, _ = _run("support", "--region", "FR")
    assert code == 0 and "findahelpline.com" in out


def test_assess_without_saving_needs_no_person() -> None:
    result = runner.invoke(app, ["assess", "gad7", "--no-save"], input="0\n" * 7)
    assert result.exit_code == 0
    assert "GAD-7 total: 0 of 21 (minimal)" in result.stdout
    assert "Saved" not in result.stdout


def test_assess_unknown_instrument_exits_2_before_asking() -> None:
    result = runner.invoke(app, ["assess", "bdi"])
    assert result.exit_code == 2
    assert "pcl5, pcl5_week, gad7, phq9" in result.stderr
    assert "question 1" not in result.stdout


def test_assess_end_of_input_stops_without_saving() -> None:
    result = runner.invoke(app, ["assess", "phq9", "--no-save"], input="1\n2\n")
    assert result.exit_code == 1
    assert "Nothing was saved" in result.stdout
