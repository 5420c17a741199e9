"""Loose stools in an open randomised trial: an off period takes no magnesium, so no step-down."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
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


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=9),
    offset=st.integers(min_value=0, max_value=20),
    stools=st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=7),
)
@example(seed=7, offset=0, stools=[7, 7, 7])  # the first off period, right after a switch
def test_no_run_of_stools_in_an_off_period_changes_the_plan(
    seed: int, offset: int, stools: list[int]
) -> None:
    """Any order of the periods, any day of an off period, any daily Bristol ratings logged
    there (one a day): the plan keeps its dose and no step-down or stop is stored."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        clock = Clock()
        clock.set(START)
        app = open_person(Path(folder), clock)
        try:
            log_titrated(app, "me", START - timedelta(days=30))
            patch.setattr(registration_module.secrets, "randbelow", lambda _: seed)
            register(app, "me", RegistrationRequest(outcome="anxiety", randomised=True, pairs=2))
            before = app.active_plan("me").daily_elemental_mg
            versions = len(app.plan_history("me"))
            off = next(p for p in app.trial("me").phases if p.phase == "off")
            first = off.start + timedelta(days=offset)
            for i, bristol in enumerate(stools):
                day = first + timedelta(days=i)
                assert app.trial("me").phase_on(day).phase == "off"
                app.log("me", "side_effect", {"day": day, "bristol_type": bristol})
                alerts, change = step_down_if_needed(app, "me", day)
                assert change is None and not alerts
            assert app.active_plan("me", first + timedelta(days=7)).daily_elemental_mg == before
            assert len(app.plan_history("me")) == versions
        finally:
            app.close()
