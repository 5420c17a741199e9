"""``mgcalm evaluate`` on randomised, blinded and AB series; ``person_effect`` for pooling."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from mgcalm.cli.main import app
from mgcalm.evaluation import AnalysisSettings, Observation, person_effect
from mgcalm.evaluation.simulate import ar1_noise

runner = CliRunner()
START = date(2027, 1, 4)


def _rows(blocks: list[tuple[str, int]], shift: float, seed: int = 2, taken: bool = False) -> str:
    rng = np.random.default_rng(seed)
    total = sum(n for _, n in blocks)
    noise = ar1_noise(rng, total, 0.4, 1.2)
    rows = ["date,phase,value" + (",taken" if taken else "")]
    i = 0
    for phase, days in blocks:
        for _ in range(days):
            value = 6 + noise[i] + (shift if phase == "magnesium" else 0.0)
            dosed = "" if not taken else ("0" if i % 5 == 0 else "1")
            rows.append(f"{START + timedelta(days=i)},{phase},{value:.2f}" + (f",{dosed}" * taken))
            i += 1
    return "\n".join(rows) + "\n"


def _evaluate(tmp_path: Path, text: str, *args: str) -> dict[str, object]:
    csv = tmp_path / "anxiety.csv"
    csv.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(csv), "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_randomised_series_may_start_on_magnesium(tmp_path: Path) -> None:
    blocks = [("magnesium", 28), ("off", 28), ("off", 28), ("magnesium", 28)]
    data = _evaluate(tmp_path, _rows(blocks, -2.0))
    # The first block has no switch before it; off → off is no switch either.
    assert data["n"] == {"magnesium": 28 + 14, "off": 56 - 14}
    assert data["switches"] == 2 and data["ab_only"] is False
    assert data["verdict"] == "likely helped"


def test_a_blinded_series_compares_magnesium_with_placebo(tmp_path: Path) -> None:
    blocks = [("baseline", 14), ("placebo", 28), ("magnesium", 28), ("magnesium", 28)]
    blocks += [("placebo", 28)]
    data = _evaluate(tmp_path, _rows(blocks, -2.0))
    assert data["n"] == {"baseline": 14, "magnesium": 42, "placebo": 28}
    assert "compared with placebo" in str(data["method"])
    assert data["verdict"] == "likely helped"


def test_ab_data_is_never_likely_helped_and_says_why(tmp_path: Path) -> None:
    data = _evaluate(tmp_path, _rows([("baseline", 21), ("magnesium", 56)], -2.5))
    assert data["ab_only"] is True and data["switches"] == 1
    assert data["verdict"] == "better while on magnesium, cause unknown"
    assert "cannot separate magnesium from natural change" in str(data["summary"])


def test_per_protocol_is_shown_beside_the_main_estimate(tmp_path: Path) -> None:
    blocks = [("baseline", 14), ("magnesium", 42), ("withdrawal", 28)]
    data = _evaluate(tmp_path, _rows(blocks, -2.0, taken=True))
    main, pp = data["n"], data["per_protocol"]
    assert isinstance(pp, dict) and isinstance(main, dict)
    assert pp["n"]["magnesium"] < main["magnesium"]  # days with a missed capsule left out
    assert pp["n"]["baseline"] == main["baseline"]  # comparison days are never dropped
    plain = _evaluate(tmp_path, _rows(blocks, -2.0))
    assert plain["per_protocol"] is None


def test_ratings_at_the_floor_are_flagged(tmp_path: Path) -> None:
    text = _rows([("baseline", 21), ("magnesium", 42), ("withdrawal", 28)], -2.0)
    lines = text.splitlines()
    floored = [lines[0]] + [
        ",".join([*row.split(",")[:2], str(max(0.0, round(float(row.split(",")[2]) - 5.0)))])
        for row in lines[1:]
    ]
    data = _evaluate(tmp_path, "\n".join(floored) + "\n")
    flags = data["floor_ceiling"]
    assert isinstance(flags, list) and flags
    assert flags[0]["bound"] == "floor" and flags[0]["condition"] == "magnesium"


def test_a_period_shorter_than_the_transition_days_is_refused(tmp_path: Path) -> None:
    csv = tmp_path / "anxiety.csv"
    csv.write_text(_rows([("baseline", 21), ("magnesium", 10), ("off", 30)], -2.0))
    result = runner.invoke(app, ["evaluate", str(csv)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--transition-days" in result.stderr
    assert "the magnesium period from 2027-01-25 lasts 10 day(s)" in result.stderr
    assert "periods longer than the transition days" in result.stderr


def test_the_threshold_decides_between_helped_and_small(tmp_path: Path) -> None:
    blocks = [("baseline", 14), ("magnesium", 56), ("withdrawal", 42)]
    text = _rows(blocks, -1.0, seed=9)
    small = _evaluate(tmp_path, text, "--threshold", "3")
    assert small["verdict"] == "small change, probably not worthwhile"
    assert float(small["probability_of_meaningful_improvement"]) < 0.5  # type: ignore[arg-type]


@pytest.mark.parametrize(("order", "moves"), [("ABAB", 3), ("BABA", 3), ("ABBA", 2)])
def test_person_effect_gives_estimate_interval_and_sd_in_any_order(order: str, moves: int) -> None:
    rng = np.random.default_rng(len(order) + ord(order[0]))
    noise = ar1_noise(rng, 4 * 28, 0.5, 1.5)
    observations = [
        Observation(
            START + timedelta(days=i),
            "magnesium" if order[i // 28] == "B" else "off",
            5 + noise[i] - (1.5 if order[i // 28] == "B" else 0.0),
        )
        for i in range(4 * 28)
    ]
    effect = person_effect(observations, AnalysisSettings())
    low, high = effect.ci95
    assert low < effect.estimate < high
    # For a near-normal posterior the 95 % interval spans about four standard deviations.
    assert 3.4 < (high - low) / effect.sd < 4.4
    assert effect.switches == moves and effect.controlled and effect.trend


def test_an_empty_series_says_what_it_needs() -> None:
    from mgcalm.domain import InvalidInputError

    with pytest.raises(InvalidInputError, match="has 0 magnesium days"):
        person_effect([], AnalysisSettings(), "anxiety")


def test_only_bounded_scales_are_checked_for_floor_and_ceiling() -> None:
    from mgcalm.evaluation import outcome_for

    assert outcome_for("anxiety").scale == (0.0, 10.0)
    assert outcome_for("anything_else").scale == (0.0, 10.0)  # read as a 0–10 rating
    assert outcome_for("sleep_diary_quality", threshold=1.0).scale == (1.0, 5.0)
    assert outcome_for("resting_heart_rate").scale == (None, None)
