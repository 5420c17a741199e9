"""The quick design (ABA): phases, checks against questionnaire recall, and simulated power."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.evaluation import AnalysisSettings, Observation, evaluate, outcome_for
from mgcalm.evaluation.design import TrialDesign, analysis_phase, analysis_spans, design_notes
from mgcalm.evaluation.design_preview import preview
from mgcalm.evaluation.power import simulate_power
from mgcalm.evaluation.simulate import ar1_noise

START = date(2026, 12, 1)


def test_default_is_the_quick_look_with_a_return_to_baseline() -> None:
    design = TrialDesign(START)
    assert [(p, (b - a).days + 1) for p, a, b in design.spans()] == [
        ("baseline", 14),
        ("titration", 14),
        ("maintenance", 42),
        ("withdrawal", 28),
    ]
    assert [c for c, _, _ in analysis_spans(design)] == ["baseline", "magnesium", "withdrawal"]
    assert design.phase_on(date(2026, 12, 14)) == "baseline"
    assert design.phase_on(date(2026, 12, 15)) == "titration"
    assert design.phase_on(design.end) == "withdrawal"
    assert design.phase_on(date(2027, 6, 1)) is None
    assert analysis_phase("titration") == "magnesium"


def test_every_design_problem_at_once() -> None:
    bad = TrialDesign(
        START, baseline_days=5, maintenance_days=7, withdrawal_days=10, instruments=("gad7", "isi")
    )
    with pytest.raises(InvalidInputError) as caught:
        preview(bad, sd=0)
    text = str(caught.value)
    assert "design.baseline_days" in text and "needs at least 7 baseline days" in text
    assert "design.maintenance_days" in text
    # A return shorter than the transition days plus a week is refused, naming what works.
    assert "design.withdrawal_days" in text and "0 (no return: an AB design) or at least 21" in text
    assert "unknown instrument 'isi'" in text
    assert "sd" in text


def test_phases_shorter_than_a_recall_window_are_flagged() -> None:
    design = TrialDesign(
        START,
        titration_days=7,
        maintenance_days=21,
        withdrawal_days=21,
        instruments=("pcl5", "gad7"),
        transition_days=7,
    )
    notes = " ".join(preview(design, phis=(0.5,), series=50).notes)
    assert "PCL-5 asks about the past month" in notes and "28-day magnesium" in notes
    assert "PCL-5 asks about the past month" in notes and "21-day withdrawal" in notes
    assert "4–8 weeks" in notes
    assert "Open-label" in notes


def test_default_design_has_no_cautions() -> None:
    assert design_notes(TrialDesign(START)) == ()


def test_an_ab_design_says_it_can_never_say_likely_helped() -> None:
    ab = TrialDesign(START, withdrawal_days=0)
    result = preview(ab, phis=(0.5,), series=50)
    assert any("can never be 'likely helped'" in n for n in result.notes)
    power = result.powers[0]
    assert power.smallest_detectable is None
    assert all(p == 0.0 for _, p in power.power)


def _aba_series(rng: np.random.Generator, improvement: float) -> list[Observation]:
    """One simulated ABA trial on the default design, lower is better."""
    spans = analysis_spans(TrialDesign(START))
    noise = ar1_noise(rng, 98, 0.5, 1.5)
    out = []
    for phase, a, b in spans:
        for i in range((b - a).days + 1):
            day = a + timedelta(days=i)
            shift = -improvement if phase == "magnesium" else 0.0
            out.append(Observation(day, phase, 5.0 + noise[(day - START).days] + shift))
    return out


def test_smallest_detectable_improvement_is_called_likely_helped_8_times_in_10() -> None:
    """Check the shortcut end to end: real analyses at that improvement say 'likely helped'."""
    spans = analysis_spans(TrialDesign(START))
    power = simulate_power(spans, sd=1.5, phi=0.5, threshold=1.0, transition_days=14, series=300)
    assert power.smallest_detectable is not None
    rng = np.random.default_rng(99)
    runs = 150
    helped = sum(
        evaluate(_aba_series(rng, power.smallest_detectable), outcome_for("anxiety")).verdict
        == "likely_helped"
        for _ in range(runs)
    )
    assert 0.68 <= helped / runs <= 0.92


def test_more_autocorrelation_needs_a_bigger_effect() -> None:
    detectable = dict(preview(TrialDesign(START), phis=(0.0, 0.8), series=100).detectable)
    assert detectable[0.8] > detectable[0.0] * 1.5


def test_the_threshold_raises_what_counts_as_detectable() -> None:
    spans = analysis_spans(TrialDesign(START))
    low = simulate_power(spans, 1.5, 0.3, 0.5, 14, series=100)
    high = simulate_power(spans, 1.5, 0.3, 2.0, 14, series=100)
    assert low.smallest_detectable is not None and high.smallest_detectable is not None
    assert high.smallest_detectable > low.smallest_detectable
    assert high.smallest_detectable >= 2.0  # never below the worthwhile change itself
    assert AnalysisSettings().transition_days == 14
