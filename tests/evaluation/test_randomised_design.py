"""Randomised pairs: reproducible from the seed, balanced, and refused when they cannot run."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from typer.testing import CliRunner

from mgcalm.cli.main import app
from mgcalm.evaluation.crossover import (
    MAX_SEED,
    RandomisedDesign,
    magnesium_first,
    randomised_problems,
)

START = date(2027, 1, 4)
runner = CliRunner()


@given(st.integers(0, MAX_SEED), st.integers(2, 8), st.booleans(), st.sampled_from((0, 14)))
@settings(max_examples=200, deadline=None)
def test_every_pair_is_balanced_and_the_calendar_has_no_gaps(
    seed: int, pairs: int, blinded: bool, baseline: int
) -> None:
    design = RandomisedDesign(START, seed, pairs, 21, blinded, baseline)
    periods = design.periods()
    comparison = "placebo" if blinded else "off"
    by_pair: dict[int, list[str]] = {}
    for p in periods:
        if p.pair is not None:
            by_pair.setdefault(p.pair, []).append(p.condition)
    assert sorted(by_pair) == list(range(1, pairs + 1))
    assert all(sorted(c) == sorted(["magnesium", comparison]) for c in by_pair.values())
    # Counter-balanced: half the pairs start with magnesium (one more or less when odd).
    first = sum(1 for c in by_pair.values() if c[0] == "magnesium")
    assert abs(2 * first - pairs) <= 1
    assert (periods[0].condition == "baseline") == bool(baseline)
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
    assert periods[-1].end == design.end
    assert (design.end - START).days + 1 == design.duration_days


@given(st.integers(0, MAX_SEED), st.integers(2, 8))
def test_the_same_seed_gives_the_same_schedule(seed: int, pairs: int) -> None:
    one = RandomisedDesign(START, seed, pairs).periods()
    two = RandomisedDesign(START, seed, pairs).periods()
    assert one == two
    assert magnesium_first(seed, pairs) == magnesium_first(seed, pairs)


def test_every_balanced_order_is_equally_likely() -> None:
    """Four pairs have six balanced orders; 3000 seeds should spread evenly over them."""
    counts = Counter(magnesium_first(seed, 4) for seed in range(3000))
    assert len(counts) == 6
    assert all(sum(order) == 2 for order in counts)
    assert stats.chisquare(list(counts.values())).pvalue > 0.001


def test_an_odd_number_of_pairs_goes_either_way() -> None:
    firsts = Counter(sum(magnesium_first(seed, 3)) for seed in range(2000))
    assert set(firsts) == {1, 2}
    assert stats.binomtest(firsts[2], 2000, 0.5).pvalue > 0.001


def test_the_cli_prints_the_contract_and_repeats_it_for_the_same_seed() -> None:
    args = ["design", "--randomised", "--blinded", "--pairs", "3", "--period-days", "28"]
    args += ["--seed", "20270104", "--start", "2027-01-04", "--json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["seed"] == 20270104
    assert data["blinded"] is True and data["open_label"] is False
    conditions = [p["condition"] for p in data["periods"]]
    assert conditions[0] == "baseline"
    assert sorted(conditions[1:]) == ["magnesium"] * 3 + ["placebo"] * 3
    for period in data["periods"]:
        assert set(period) >= {"start", "end", "condition"}
        date.fromisoformat(period["start"])
    assert data["expected_duration_days"] == 14 + 6 * 28
    assert data["power"] and data["power"][0]["smallest_detectable_improvement"] > 0
    again = json.loads(runner.invoke(app, args).stdout)
    assert again["periods"] == data["periods"]


def test_open_trials_compare_with_off_and_can_drop_the_baseline() -> None:
    result = runner.invoke(
        app,
        [
            *("design", "--randomised", "--pairs", "2", "--period-days", "28", "--seed", "5"),
            *("--baseline-days", "0", "--start", "2027-01-04", "--json"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(p["condition"] for p in data["periods"]) == [
        "magnesium",
        "magnesium",
        "off",
        "off",
    ]
    assert data["open_label"] is True
    assert data["periods"][0]["start"] == "2027-01-04"


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        (["--period-days", "14"], ["--period-days", "after the 14 transition days", "21 to 90"]),
        (
            ["--pairs", "6", "--period-days", "35"],
            ["--pairs", "take 434 days, longer than 365", "at most 5 pairs of 35-day periods"],
        ),
        (["--pairs", "1"], ["--pairs", "2 to 8"]),
        (["--transition-days", "40"], ["--transition-days", "0 to 28"]),
        (["--baseline-days", "3"], ["--baseline-days", "0, or 7 to 90"]),
    ],
)
def test_designs_that_cannot_run_exit_2_naming_the_option(
    extra: list[str], fragments: list[str]
) -> None:
    result = runner.invoke(app, ["design", "--randomised", "--seed", "1", *extra])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr


def test_seed_is_required_and_blinding_needs_randomisation() -> None:
    missing = runner.invoke(app, ["design", "--randomised"])
    assert missing.exit_code == 2 and "--seed" in missing.stderr
    blinded = runner.invoke(app, ["design", "--blinded", "--seed", "3"])
    assert blinded.exit_code == 2 and "--randomised --blinded" in blinded.stderr


def test_problems_name_every_field_at_once() -> None:
    bad = RandomisedDesign(START, seed=-1, pairs=9, period_days=10, baseline_days=3)
    where = {p.location for p in randomised_problems(bad)}
    assert where == {"--seed", "--pairs", "--period-days", "--baseline-days"}
