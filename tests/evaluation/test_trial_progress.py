"""Trial progress: the phase and day, questionnaires due, and next steps in plain words."""

from __future__ import annotations

from datetime import date, timedelta

from mgcalm.evaluation import Observation
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.progress import trial_progress
from mgcalm.evaluation.questionnaires import ScoredQuestionnaire

START = date(2026, 12, 1)
DESIGN = TrialDesign(START)


def _baseline(days: int) -> list[Observation]:
    return [Observation(START + timedelta(days=i), "baseline", 5.0) for i in range(days)]


def test_before_the_trial() -> None:
    p = trial_progress(DESIGN, [], START, None, [], [])
    assert p.phase is None
    assert any("mgcalm trial outcome" in s for s in p.next_steps)
    assert any("mgcalm trial start baseline" in s for s in p.next_steps)


def test_middle_of_baseline() -> None:
    today = START + timedelta(days=8)
    p = trial_progress(DESIGN, [("baseline", START, None)], today, "anxiety", _baseline(9), [])
    assert (p.phase, p.day_of_phase, p.planned_days) == ("baseline", 9, 14)
    assert p.due == ()
    assert "9 baseline day(s) logged" in p.next_steps[0]
    assert "No magnesium until the baseline ends on 2026-12-14" in p.next_steps[-1]


def test_end_of_baseline_asks_for_questionnaires_first() -> None:
    today = START + timedelta(days=13)
    p = trial_progress(DESIGN, [("baseline", START, None)], today, "anxiety", _baseline(14), [])
    assert p.due == ("pcl5_week", "gad7", "phq9")
    assert any("mgcalm assess gad7" in s for s in p.next_steps)
    # Titration comes only after the questionnaires.
    assert p.next_steps[-1] == "Then start titration: `mgcalm trial start titration`."
    done = [ScoredQuestionnaire(i, today, 5) for i in ("pcl5_week", "gad7", "phq9")]
    p = trial_progress(DESIGN, [("baseline", START, None)], today, "anxiety", _baseline(14), done)
    assert p.due == ()
    assert "mgcalm trial start titration" in p.next_steps[-1]


def test_end_of_maintenance_points_to_the_return_to_baseline() -> None:
    phases = [
        ("baseline", START, START + timedelta(days=13)),
        ("titration", START + timedelta(days=14), START + timedelta(days=27)),
        ("maintenance", START + timedelta(days=28), None),
    ]
    today = START + timedelta(days=69)
    done = [ScoredQuestionnaire(i, today, 5) for i in DESIGN.instruments]
    p = trial_progress(DESIGN, phases, today, None, [], done)
    assert (p.phase, p.day_of_phase) == ("maintenance", 42)
    assert p.next_steps[0].startswith("No primary outcome yet")
    assert "mgcalm trial start withdrawal" in p.next_steps[-1]
    assert p.to_dict()["phase"] == "maintenance"


def test_end_of_the_return_points_to_the_report() -> None:
    phases = [
        ("baseline", START, START + timedelta(days=13)),
        ("titration", START + timedelta(days=14), START + timedelta(days=27)),
        ("maintenance", START + timedelta(days=28), START + timedelta(days=69)),
        ("withdrawal", START + timedelta(days=70), None),
    ]
    early = trial_progress(DESIGN, phases, START + timedelta(days=80), "anxiety", [], [])
    assert "interim, not a verdict" in early.next_steps[-1]
    today = START + timedelta(days=97)
    done = [ScoredQuestionnaire(i, today, 5) for i in DESIGN.instruments]
    p = trial_progress(DESIGN, phases, today, "anxiety", [], done)
    assert (p.phase, p.day_of_phase, p.planned_days) == ("withdrawal", 28, 28)
    assert "mgcalm report" in p.next_steps[-1]
