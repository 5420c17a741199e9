"""What each design can detect, before registering: ``mgcalm design``'s own figures.

The use case must report exactly what ``mgcalm design --json`` reports for the same design and
seed (with ``--baseline-csv`` once the person has a baseline), and its cache must not change a
figure: the simulation works in days from the first day, so any start gives the same ones.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from mgcalm.app import App
from mgcalm.app.trial.design_power import (
    PREVIEW_ORDER_SEED,
    RandomisedChoice,
    Spread,
    design_power,
    design_preview,
)
from mgcalm.cli.main import app as cli
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.evaluation.crossover import RandomisedDesign
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.design_preview import DEFAULT_PHIS, preview

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")
TODAY = date(2026, 11, 26)  # the mgcalm_app fixture's clock
#: The figures ``mgcalm design --json`` reports; the use case must match each of them.
FIGURES = (
    "expected_duration_days",
    "start",
    "end",
    "assumed_day_to_day_sd",
    "threshold",
    "minimum_detectable_improvement",
    "power",
)
runner = CliRunner()


def _person(app: App) -> str:
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    return app.create_person(profile, person_id="me").id


def _cli(*args: str) -> dict[str, Any]:
    result = runner.invoke(cli, ["design", "--start", TODAY.isoformat(), *args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def _same(found: Any, expected: dict[str, Any]) -> None:
    assert found is not None
    shown = found.to_dict()
    assert {k: shown[k] for k in FIGURES} == {k: expected[k] for k in FIGURES}


def test_each_design_reports_what_mgcalm_design_reports(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    power = design_power(mgcalm_app, pid, "anxiety", RandomisedChoice(3, 28, 14))
    assert power.outcome == "anxiety"
    assert power.spread == Spread(1.5, DEFAULT_PHIS, 1.0, "points", "typical")
    quick, randomised, blinded = power.designs
    seed = str(PREVIEW_ORDER_SEED)
    order = ("--seed", seed, "--pairs", "3", "--period-days", "28", "--baseline-days", "14")
    _same(quick.preview, _cli())
    _same(randomised.preview, _cli("--randomised", *order))
    _same(blinded.preview, _cli("--randomised", "--blinded", *order))
    assert [d.key for d in power.designs] == ["quick", "randomised", "blinded"]


def test_a_baseline_of_a_week_or_more_replaces_the_typical_spread(
    mgcalm_app: App, tmp_path: Path
) -> None:
    pid = _person(mgcalm_app)
    first = TODAY - timedelta(days=11)
    mgcalm_app.start_phase(pid, {"id": "b", "phase": "baseline", "start": first})
    ratings = [6, 4, 7, 5, 5, 8, 3, 6, 7, 4, 6, 5]
    rows = ["date,phase,value"]
    for n, rating in enumerate(ratings):
        day = first + timedelta(days=n)
        mgcalm_app.log(pid, "checkin", {"id": f"c{n}", "day": day, "anxiety": rating})
        rows.append(f"{day.isoformat()},baseline,{rating}")
    csv = tmp_path / "baseline.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")

    power = design_power(mgcalm_app, pid, "anxiety", RandomisedChoice(2, 21, 0))
    assert power.spread.source == "baseline" and power.spread.baseline_days == len(ratings)
    assert len(power.spread.phis) == 1 and power.spread.sd != 1.5
    quick = power.designs[0].preview
    assert quick is not None and quick.design.start == first  # the baseline already running
    own = ("--baseline-csv", str(csv))
    cli_quick = json.loads(
        runner.invoke(cli, ["design", "--start", first.isoformat(), *own, "--json"]).stdout
    )
    _same(quick, cli_quick)
    order = ("--seed", str(PREVIEW_ORDER_SEED), "--pairs", "2", "--period-days", "21")
    _same(power.designs[1].preview, _cli("--randomised", *order, "--baseline-days", "0", *own))


def test_an_outcome_without_a_typical_spread_says_it_borrows_a_ratings(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    power = design_power(mgcalm_app, pid, "waso_min", RandomisedChoice())
    assert power.outcome == "waso_min"
    assert power.spread.source == "typical_rating" and power.spread.unit == "points"
    assert power.spread.threshold == 1.0  # not the 10 minutes of waso_min's own scale
    unknown = design_power(mgcalm_app, pid, "happiness", RandomisedChoice())
    assert unknown.outcome == "anxiety"  # no primary outcome chosen yet: the default


def test_choices_that_cannot_run_carry_their_problems_and_the_quick_look_still_shows(
    mgcalm_app: App,
) -> None:
    pid = _person(mgcalm_app)
    power = design_power(mgcalm_app, pid, None, RandomisedChoice(pairs=1))
    quick, randomised, blinded = power.designs
    assert quick.preview is not None and not quick.problems
    for figures in (randomised, blinded):
        assert figures.preview is None
        assert [p.location for p in figures.problems] == ["--pairs"]
    unread = design_power(mgcalm_app, pid, None, None)
    assert [d.preview is None for d in unread.designs] == [False, True, True]


def test_the_cache_gives_every_start_the_figures_simulated_from_that_start() -> None:
    spread = Spread(1.2, (0.35,), 1.0, "points", "baseline", 9)
    designs = (
        TrialDesign(date(2027, 3, 1), withdrawal_days=21),
        RandomisedDesign(start=date(2027, 3, 1), seed=4, pairs=2, period_days=21),
    )
    for design in designs:
        for shift in (0, 1, 40):
            moved = replace(design, start=design.start + timedelta(days=shift))
            cached = design_preview(moved, spread)
            direct = preview(moved, sd=1.2, phis=(0.35,), threshold=1.0)
            assert cached.to_dict() == direct.to_dict()
