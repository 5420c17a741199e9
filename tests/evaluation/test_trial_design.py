"""Trial design: phases, recall-window checks, minimum data rules and the power simulation."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.evaluation import ar1
from mgcalm.evaluation.design import (
    TrialDesign,
    _analysed_days,
    analysis_phase,
    minimum_detectable_effect,
    preview,
)
from mgcalm.evaluation.simulate import ar1_noise

START = date(2026, 12, 1)


def test_default_phases_follow_the_protocol() -> None:
    design = TrialDesign(START)
    assert [(p, (b - a).days + 1) for p, a, b in design.spans()] == [
        ("baseline", 14),
        ("titration", 14),
        ("maintenance", 42),
    ]
    assert design.phase_on(date(2026, 12, 14)) == "baseline"
    assert design.phase_on(date(2026, 12, 15)) == "titration"
    assert design.phase_on(design.end) == "maintenance"
    assert design.phase_on(date(2027, 6, 1)) is None
    assert analysis_phase("titration") == "magnesium"


def test_every_design_problem_at_once() -> None:
    bad = TrialDesign(START, baseline_days=5, maintenance_days=7, instruments=("gad7", "isi"))
    with pytest.raises(InvalidInputError) as caught:
        preview(bad, sd=0)
    text = str(caught.value)
    assert "design.baseline_days" in text and "needs at least 7 baseline days" in text
    assert "design.maintenance_days" in text
    assert "unknown instrument 'isi'" in text
    assert "sd" in text


def test_phases_shorter_than_a_recall_window_are_flagged() -> None:
    design = TrialDesign(
        START,
        titration_days=7,
        maintenance_days=21,
        withdrawal_days=10,
        instruments=("pcl5", "gad7"),
    )
    notes = " ".join(preview(design, phis=(0.5,)).notes)
    assert "PCL-5 asks about the past month" in notes and "28-day magnesium" in notes
    assert "GAD-7 asks about the last 2 weeks" in notes and "10-day withdrawal" in notes
    assert "4–8 weeks" in notes


def test_default_design_has_no_cautions() -> None:
    assert preview(TrialDesign(START), phis=(0.5,)).notes == ()


def test_minimum_detectable_effect_has_80_percent_power() -> None:
    """Check the shortcut: at the reported effect, fresh simulations detect it ~80 % of the time."""
    design = TrialDesign(START)
    mde = minimum_detectable_effect(design, sd=1.5, phi=0.5, seed=3, series=300)
    days, on = _analysed_days(design, 7)
    x = np.column_stack([np.ones_like(days), on])
    rng = np.random.default_rng(99)
    detected = 0
    for _ in range(200):
        y = ar1_noise(rng, 70, 0.5, 1.5)[days.astype(int)] - mde * on
        detected += ar1.fit(days, y, x, column=1).interval()[1] < 0
    assert 0.70 <= detected / 200 <= 0.90


def test_more_autocorrelation_needs_a_bigger_effect() -> None:
    detectable = dict(preview(TrialDesign(START), phis=(0.0, 0.8)).detectable)
    assert detectable[0.8] > detectable[0.0] * 1.5
