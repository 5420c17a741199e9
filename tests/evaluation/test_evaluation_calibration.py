"""Calibration on simulated AR(1) days (fixed seeds): the model holds 95 %, the t-test fails,
and no design calls natural change 'likely helped' more than 5 % of the time."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from mgcalm.evaluation import ar1
from mgcalm.evaluation.scenarios import BLINDING, SCENARIOS, Result, run
from mgcalm.evaluation.simulate import CoverageRow, ar1_noise, coverage_table

PHIS = (0.0, 0.2, 0.4, 0.6, 0.8)
Table = dict[float, CoverageRow]


@pytest.fixture(scope="module")
def table() -> Table:
    return {row.phi: row for row in coverage_table(seed=20261126, phis=PHIS, series=300)}


@pytest.mark.parametrize("phi", PHIS)
def test_model_interval_covers_true_effect_about_95_percent(table: Table, phi: float) -> None:
    # 300 series give a standard error of about 1.3 points around 95 %.
    assert 0.91 <= table[phi].model_coverage <= 0.985


@pytest.mark.parametrize("phi", PHIS)
def test_model_declares_a_null_effect_at_most_8_percent_of_the_time(
    table: Table, phi: float
) -> None:
    assert table[phi].model_false_positive <= 0.08


def test_naive_t_test_fails_the_same_check_at_high_autocorrelation(
    table: Table,
) -> None:
    assert table[0.8].naive_coverage < 0.70
    assert table[0.8].naive_false_positive > 0.30
    # …while at φ = 0 it is fine, so the failure is the autocorrelation's doing.
    assert table[0.0].naive_coverage > 0.91


def test_gaps_and_trend_stay_calibrated() -> None:
    """A withdrawal design (trend fitted) with one day in five missing still covers ~95 %."""
    rng = np.random.default_rng(7)
    covered = 0
    runs = 200
    for _ in range(runs):
        days = np.arange(84, dtype=float)
        on = ((days >= 21) & (days < 63)).astype(float)
        y = ar1_noise(rng, 84, 0.6, 1.5) - 1.0 * on
        keep = rng.random(84) > 0.2
        trend = (days - days.mean()) / 84
        x = np.column_stack([np.ones(84), on, trend])[keep]
        low, high = ar1.fit(days[keep], y[keep], x, column=1).interval()
        covered += low <= -1.0 <= high
    assert 0.90 <= covered / runs <= 0.99


def test_agrees_with_statsmodels_glsar_on_a_long_series() -> None:
    """With a year of days, φ is well determined and the estimate matches feasible GLS."""
    rng = np.random.default_rng(11)
    days, n = np.arange(365, dtype=float), 365
    on = (days >= 120).astype(float)
    y = 4.0 + ar1_noise(rng, n, 0.5, 1.5) - 0.8 * on
    x = np.column_stack([np.ones(n), on])
    post = ar1.fit(days, y, x, column=1)
    glsar = sm.GLSAR(y, x, rho=1).iterative_fit(maxiter=20)
    assert post.quantile(0.5) == pytest.approx(glsar.params[1], abs=0.05)
    assert post.phi_mean == pytest.approx(glsar.model.rho[0], abs=0.05)
    low, high = post.interval()
    g_low, g_high = glsar.conf_int()[1]
    assert high - low == pytest.approx(g_high - g_low, rel=0.15)


@pytest.mark.parametrize("phi", (0.0, 0.7))
def test_the_csv_command_path_keeps_its_intervals_calibrated(phi: float) -> None:
    # The same check through what `mgcalm evaluate FILE.csv` runs: CSV text in, default settings.
    from datetime import date, timedelta

    from mgcalm.evaluation import AnalysisSettings, evaluate_csv, outcome_for

    rng = np.random.default_rng(7 + int(phi * 10))
    settings = AnalysisSettings(transition_days=0)
    true_effect, covered, runs = -1.0, 0, 200
    for _ in range(runs):
        noise = ar1_noise(rng, 56, phi, 1.5)
        rows = ["date,phase,value"]
        for i, e in enumerate(noise):
            phase = "baseline" if i < 14 else "magnesium"
            value = 5 + e + (true_effect if phase == "magnesium" else 0.0)
            rows.append(f"{date(2026, 1, 1) + timedelta(days=i)},{phase},{value:.4f}")
        effect = evaluate_csv("\n".join(rows) + "\n", "s.csv", outcome_for("anxiety"), settings)
        low, high = effect.to_dict()["effect"]["ci95"]
        covered += low <= true_effect <= high
    assert 0.89 <= covered / runs <= 0.99


# --- Designs meeting real-life trouble (the scenarios of docs/calibration.md, fewer series) ---

SCENARIO_SERIES = 150
#: With 150 series a true rate of 5 % exceeds 9 % about one time in fifty; 3 % hardly ever.
FALSE_HELPED_LIMIT = 0.08


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Result]:
    rng = np.random.default_rng(20270105)
    return {s.name: run(s, rng, SCENARIO_SERIES) for s in SCENARIOS}


@pytest.mark.slow
@pytest.mark.parametrize("name", [s.name for s in SCENARIOS])
def test_no_scenario_calls_natural_change_likely_helped(
    scenarios: dict[str, Result], name: str
) -> None:
    assert scenarios[name].false_helped <= FALSE_HELPED_LIMIT


@pytest.mark.slow
def test_a_single_switch_never_says_likely_helped_but_says_what_it_saw(
    scenarios: dict[str, Result],
) -> None:
    for name in ("AB, natural improvement (1.5 points)", "AB, a bad patch fading"):
        result = scenarios[name]
        assert result.false_helped == 0.0 and result.helped == 0.0
        # The drift shows as a change "while on magnesium" — worded as such, never as help.
        assert result.false_better_while_on > 0.05


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "ABA (quick look), stable",
        "ABA, natural improvement (1.5 points)",
        "Randomised 3 × 28 days, open",
        "Randomised 3 × 28 days, blinded, placebo response 0.7",
        "Randomised 3 × 28 days, natural improvement",
        "Randomised 3 × 28 days, 30 % of days missing",
        "Randomised 3 × 28 days, ratings near the floor",
    ],
)
def test_intervals_stay_calibrated_where_the_design_allows(
    scenarios: dict[str, Result], name: str
) -> None:
    # 150 series give a standard error of about 1.8 points around 95 %.
    assert 0.90 <= scenarios[name].coverage <= 0.99


@pytest.mark.slow
def test_short_periods_lose_part_of_a_slow_effect(scenarios: dict[str, Result]) -> None:
    long = scenarios["Randomised 3 × 28 days, slow onset (τ = 7 days)"]
    short = scenarios["Randomised 3 × 14 days, slow onset, 7 transition days"]
    assert abs(long.bias) < 0.3  # 4-week periods with 2 weeks left out keep most of it
    assert short.bias > 0.4  # 2-week periods lose about a quarter to a third of 2 points
    assert short.helped < long.helped


@pytest.mark.slow
def test_floor_bound_ratings_are_flagged(scenarios: dict[str, Result]) -> None:
    assert scenarios["Randomised 3 × 28 days, ratings near the floor"].floor_flagged > 0.9
    assert scenarios["Randomised 3 × 28 days, open"].floor_flagged < 0.05


@pytest.mark.slow
def test_blinding_removes_what_expectation_adds() -> None:
    rng = np.random.default_rng(20270106)
    open_label, blinded = (run(s, rng, SCENARIO_SERIES) for s in BLINDING)
    assert open_label.false_helped > 0.08  # open-label cannot tell expectation from magnesium
    assert blinded.false_helped <= FALSE_HELPED_LIMIT
