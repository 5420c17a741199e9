"""Loose stools in an open randomised trial: an off period takes no magnesium, so no step-down."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.evaluation.trial_store import Clock, log_titrated, open_person

from mgcalm.app.safety.step_down import step_down_if_needed
from mgcalm.app.trial import registration as registration_module
from mgcalm.app.trial.registration import RegistrationRequest, register

START = date(2026, 3, 2)


def _open_trial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An open randomised trial (2 pairs of 28 days after 14 baseline days), no run-in."""
    clock = Clock()
    clock.set(START)
    app = open_person(tmp_path, clock)
    log_titrated(app, "me", START - timedelta(days=30))
    monkeypatch.setattr(registration_module.secrets, "randbelow", lambda _: 3)
    register(app, "me", RegistrationRequest(outcome="anxiety", randomised=True, pairs=2))
    return app


def _first_day_of(app: Any, kind: str) -> date:
    day = START
    while day < START + timedelta(days=200):
        phase = app.trial("me").phase_on(day)
        if phase is not None and phase.phase == kind:
            return day
        day += timedelta(days=1)
    raise AssertionError(f"no {kind} period in the schedule")


def _two_loose_days(app: Any, first: date) -> Any:
    for day in (first, first + timedelta(days=1)):
        app.log("me", "side_effect", {"day": day, "bristol_type": 7})
    return step_down_if_needed(app, "me", first + timedelta(days=1))


@pytest.mark.parametrize(("kind", "steps_down"), [("off", False), ("magnesium", True)])
def test_loose_stools_step_down_only_in_a_period_that_holds_magnesium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, steps_down: bool
) -> None:
    app = _open_trial(tmp_path, monkeypatch)
    try:
        before = app.active_plan("me").daily_elemental_mg
        first = _first_day_of(app, kind) + timedelta(days=3)
        alerts, change = _two_loose_days(app, first)
        assert bool(alerts) is steps_down
        assert (change is not None) is steps_down
        after = app.active_plan("me", first + timedelta(days=1)).daily_elemental_mg
        assert (after < before) is steps_down
    finally:
        app.close()
