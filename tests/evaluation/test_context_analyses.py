"""Questionnaire change, confounders and the per-protocol sensitivity analysis."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from mgcalm.evaluation import Observation, outcome_for
from mgcalm.evaluation.adherence import adherence, dosed_only, per_protocol, per_protocol_effect
from mgcalm.evaluation.confounders import LifeEvent, confounder_flags
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.questionnaires import (
    ScoredQuestionnaire,
    changes_since_baseline,
    trajectories,
)

START = date(2026, 12, 1)


def test_reliable_change_uses_the_instruments_thresholds() -> None:
    results = [
        ScoredQuestionnaire("gad7", START + timedelta(days=13), 12),
        ScoredQuestionnaire("gad7", START + timedelta(days=41), 9),
        ScoredQuestionnaire("gad7", START + timedelta(days=69), 7),
        ScoredQuestionnaire("phq9", START + timedelta(days=13), 10),
        ScoredQuestionnaire("phq9", START + timedelta(days=69), 8),
        ScoredQuestionnaire("pcl5_week", START + timedelta(days=69), 30),  # no baseline score
    ]
    changes = {c.instrument: c for c in changes_since_baseline(results, START + timedelta(13))}
    assert set(changes) == {"gad7", "phq9"}
    assert changes["gad7"].change.delta == -5
    assert changes["gad7"].change.direction == "improved"  # GAD-7 MCID is 4 points
    assert changes["phq9"].change.direction == "no reliable change"  # PHQ-9 needs 5
    assert "less than the 5 points" in changes["phq9"].sentence
    assert [p.band for p in trajectories(results)["gad7"]] == ["moderate", "mild", "mild"]


def test_confounders_inside_and_just_before_the_trial_are_flagged() -> None:
    spans = TrialDesign(START).spans()
    events = [
        LifeEvent(START - timedelta(days=60), "medication_started", "sertraline"),  # long before
        LifeEvent(START - timedelta(days=10), "supplement_started", "zinc"),
        LifeEvent(START + timedelta(days=30), "therapy_started", "prolonged exposure"),
        LifeEvent(START + timedelta(days=200), "medication_changed", "after the trial"),
    ]
    flags = confounder_flags(events, spans)
    assert [f.kind for f in flags] == ["supplement_started", "therapy_started"]
    assert flags[0].phase == "before the trial"
    assert flags[1].phase == "maintenance"
    assert "therapy started (prolonged exposure), during maintenance" in flags[1].message


def _series(days: int = 56, shift: float = -1.5) -> list[Observation]:
    rng = np.random.default_rng(4)
    return [
        Observation(
            START + timedelta(days=i),
            "baseline" if i < 14 else "magnesium",
            5.0 + rng.normal() + (shift if i >= 14 else 0.0),
        )
        for i in range(days)
    ]


def test_per_protocol_drops_missed_and_unlogged_magnesium_days() -> None:
    obs = _series()
    doses = {o.day: (2, 2) for o in obs if o.phase == "magnesium"}
    doses[START + timedelta(days=30)] = (2, 1)
    del doses[START + timedelta(days=31)]
    kept = per_protocol(obs, doses)
    assert len(kept) == len(obs) - 2
    summary = adherence(doses)
    assert (summary.planned, summary.taken, summary.days_with_missed_doses) == (82, 81, 1)
    effect = per_protocol_effect(obs, doses, outcome_for("anxiety"))
    # 42 magnesium days, less the 14 transition days, less the two missed ones.
    assert effect is not None and dict(effect.n)["magnesium"] == 26


def test_per_protocol_drops_missed_placebo_days_too_but_never_comparison_days() -> None:
    """In a blinded trial a missed placebo capsule breaks the protocol as much as magnesium."""
    days = [START + timedelta(days=i) for i in range(6)]
    obs = [
        Observation(days[0], "baseline", 5.0, dosed=None),
        Observation(days[1], "placebo", 5.0, dosed=False),
        Observation(days[2], "placebo", 5.0, dosed=True),
        Observation(days[3], "magnesium", 4.0, dosed=None),
        Observation(days[4], "magnesium", 4.0, dosed=True),
        Observation(days[5], "off", 5.0, dosed=False),
    ]
    assert [o.day for o in dosed_only(obs)] == [days[0], days[2], days[4], days[5]]
    doses = {days[1]: (1, 0), days[2]: (1, 1), days[4]: (1, 1)}
    assert [o.day for o in per_protocol(obs, doses)] == [days[0], days[2], days[4], days[5]]


def test_per_protocol_with_too_few_adherent_days_is_none() -> None:
    assert per_protocol_effect(_series(), {}, outcome_for("anxiety")) is None
