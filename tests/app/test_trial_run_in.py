"""A randomised trial's open-label run-in: registered, shown, followed by Today, never analysed.

A person who has never taken magnesium starts a randomised trial low, by the plan's titration,
after the baseline; the periods start at the dose reached. Someone who already took the planned
dose gets no run-in, and trials stored before run-ins existed read and evaluate as before.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.evaluation.trial_store import Clock, log_titrated, open_person

from mgcalm.app.safety.step_down import step_down_if_needed
from mgcalm.app.trial import phases as trial_phases
from mgcalm.app.trial import registry
from mgcalm.app.trial.registration import RegistrationRequest, register
from mgcalm.app.trial.reports import (
    stored_analysis,
    stored_report_input,
    stored_series,
    stored_trial_progress,
)
from mgcalm.app.views.daily import today_view
from mgcalm.app.views.trial import NO_RUN_IN, trial_view
from mgcalm.domain.entries import parse_phase
from mgcalm.evaluation.crossover import RandomisedDesign
from mgcalm.evaluation.individual import person_effect
from mgcalm.evaluation.report import build_report
from mgcalm.evaluation.report_json import report_json
from mgcalm.evaluation.run_in import run_in
from mgcalm.store import registration as registration_repo

START = date(2026, 1, 5)
OPEN = RegistrationRequest(outcome="anxiety", randomised=True, pairs=2, period_days=21, seed=7)


def _today_mg(app: Any, day: date) -> int:
    return sum(int(d["elemental_mg"]) for d in today_view(app, "me", day)["doses"])


def _registered(tmp_path: Path, request: RegistrationRequest = OPEN, titrated: bool = False):  # type: ignore[no-untyped-def]
    clock = Clock()
    clock.set(START)
    app = open_person(tmp_path, clock)
    if titrated:
        log_titrated(app, "me", START - timedelta(days=20))
    decision = register(app, "me", request)
    return app, clock, decision


def _rate_every_day(app: Any, clock: Clock, anxiety_on: Callable[[date], int]) -> None:
    """A check-in on every day of the registered trial, then the clock moved past its end."""
    end = app.trial("me").registration.planned_end
    rows, day = [], START
    while day <= end:
        rows.append({"kind": "checkin", "id": f"c{day}", "day": day, "anxiety": anxiety_on(day)})
        day += timedelta(days=1)
    app.log_many("me", rows)
    clock.set(end + timedelta(days=1))


def test_someone_new_to_magnesium_runs_in_by_the_plan_before_the_first_period(
    tmp_path: Path,
) -> None:
    app, _, decision = _registered(tmp_path)
    plan = app.active_plan("me")
    state = app.trial("me")
    names = [state.shown_phase(p) for p in state.phases]
    assert names[:2] == ["baseline", "run_in"] and len(names) == 6
    baseline, opening, first = state.phases[:3]
    expected = run_in(baseline.end + timedelta(days=1), plan.titration, plan.daily_elemental_mg, 7)
    assert decision is not None and decision.run_in == expected
    assert (opening.start, opening.end) == (expected.start, expected.end)
    assert first.start == opening.end + timedelta(days=1)
    assert state.registration.planned_end == state.phases[-1].end
    assert state.to_json()["run_in"] == {
        "start": opening.start.isoformat(),
        "end": opening.end.isoformat(),
        "days": expected.days,
        "open_label": True,
        "analysed": False,
    }
    # Today gives each run-in day's step, starting low, never above the plan.
    day = opening.start
    while day <= opening.end:
        view = today_view(app, "me", day)
        assert view["phase"] == "run_in" and "Run-in" in view["phase_words"]
        assert _today_mg(app, day) == expected.dose_on(day) <= plan.daily_elemental_mg
        day += timedelta(days=1)
    assert _today_mg(app, opening.start) < plan.daily_elemental_mg
    magnesium = next(p for p in state.phases if p.phase == "magnesium")
    assert _today_mg(app, magnesium.start) == plan.daily_elemental_mg


def test_loose_stools_in_the_run_in_lower_the_dose_the_periods_use(tmp_path: Path) -> None:
    app, clock, _ = _registered(tmp_path)
    full = app.active_plan("me").daily_elemental_mg
    opening = app.trial("me").run_in
    top = opening.end - timedelta(days=2)  # on the planned dose, near the run-in's end
    app.log_many(
        "me",
        [{"kind": "side_effect", "id": f"s{i}", "day": top - timedelta(days=i), "bristol_type": 7}
         for i in range(2)],
    )  # fmt: skip
    clock.set(top)
    _, change = step_down_if_needed(app, "me", top)
    assert change is not None and change.from_mg_per_day == full
    lowered = change.to_mg_per_day
    assert 0 < lowered < full
    assert _today_mg(app, opening.end) == lowered  # the rest of the run-in at the lower dose
    for period in (p for p in app.trial("me").phases if p.phase == "magnesium"):
        assert _today_mg(app, period.start) == lowered  # and every magnesium period


def test_someone_already_at_the_planned_dose_gets_no_run_in_and_the_page_says_so(
    tmp_path: Path,
) -> None:
    clock = Clock()
    clock.set(START)
    app = open_person(tmp_path, clock)
    before = trial_view(app, "me", {"design": "randomised"})["run_in_plan"]
    assert before["run_in"]["steps"][0]["elemental_mg_per_day"] == 100
    log_titrated(app, "me", START - timedelta(days=20))
    before = trial_view(app, "me", {"design": "randomised"})["run_in_plan"]
    assert before["run_in"] is None and "already taken your planned" in before["why"]
    decision = register(app, "me", OPEN)
    assert decision is not None and decision.run_in is None
    state = app.trial("me")
    assert state.run_in is None and state.to_json()["run_in"] is None
    assert state.phases[1].start == START + timedelta(days=14)  # periods right after baseline
    assert trial_view(app, "me")["run_in_plan"] == {"run_in": None, "why": NO_RUN_IN}


def test_run_in_days_are_never_counted_as_a_period(tmp_path: Path) -> None:
    def trial_with(folder: Path, run_in_anxiety: int) -> tuple[Any, Any]:
        folder.mkdir()
        app, clock, _ = _registered(folder)
        state = app.trial("me")
        opening = state.run_in
        _rate_every_day(
            app,
            clock,
            lambda day: run_in_anxiety if opening.start <= day <= opening.end else 3 + day.day % 4,
        )
        return app, opening

    app, opening = trial_with(tmp_path / "calm", 0)
    other, _ = trial_with(tmp_path / "distressed", 10)
    _, series = stored_series(app, "me", app.today())
    anxiety = next(s for s in series if s.outcome.name == "anxiety")
    assert all(not opening.start <= o.day <= opening.end for o in anxiety.observations)
    assert {o.phase for o in anxiety.observations} == {"baseline", "magnesium", "off"}
    one = report_json(build_report(stored_report_input(app, "me")))
    two = report_json(build_report(stored_report_input(other, "me")))
    assert one["outcomes"] == two["outcomes"]  # whatever the run-in days hold
    effect = one["outcomes"][0]["effect"]
    assert effect["effect"]["estimate"] is not None
    # Every baseline and period day is counted (or left out as a transition), no run-in day.
    assert sum(effect["n"].values()) + effect["excluded_transition_days"] == 14 + 4 * 21
    phases = one["design"]["phases"]
    assert [p["phase"] for p in phases][:2] == ["baseline", "run_in"]
    progress = stored_trial_progress(app, "me", opening.start + timedelta(days=3))
    assert (progress.phase, progress.period, progress.periods) == ("run_in", None, 4)
    assert "not compared" in " ".join(progress.next_steps)


def _store_old_randomised(app: Any, blinded: bool) -> RandomisedDesign:
    """A randomised trial written as registrations were before run-ins existed."""
    design = RandomisedDesign(START, 7, 2, 21, blinded=blinded)
    periods = design.periods()
    conditions = [p.condition for p in periods if p.pair is not None]
    now = app.now()
    with app.store.write() as conn:
        registration_repo.insert_registration(
            conn,
            {
                "person_id": "me", "design": "randomised_pairs", "blinded": blinded,
                "start": START, "planned_end": design.end, "pairs": 2, "period_days": 21,
                "baseline_days": 14, "transition_days": design.transition_days,
                "primary_outcome": "anxiety", "registered_on": START,
                "seal": registry.seal(7, START, conditions, 21), "created_at": now,
            },
        )  # fmt: skip
        registration_repo.insert_allocation(conn, "me", 7, conditions)
        for number, period in enumerate(periods):
            label = "period" if blinded and period.pair is not None else period.condition
            phase = parse_phase(
                {"id": f"schedule-{number}", "phase": label, "start": period.start,
                 "end": period.end}
            )  # fmt: skip
            trial_phases.add_phase(conn, "me", phase, now)
    return design


@pytest.mark.parametrize("blinded", [False, True])
def test_a_stored_randomised_trial_without_a_run_in_reads_and_evaluates_as_before(
    tmp_path: Path, blinded: bool
) -> None:
    clock = Clock()
    clock.set(START)
    app = open_person(tmp_path, clock)
    design = _store_old_randomised(app, blinded)
    state = app.trial("me")
    assert state.run_in is None and state.to_json()["run_in"] is None
    labels = [state.shown_phase(p) for p in state.phases]
    periods = design.periods()
    shown = [p.condition if not blinded or p.pair is None else "period" for p in periods]
    assert labels == shown
    first = periods[1]
    assert _today_mg(app, first.start) in (0, app.active_plan("me").daily_elemental_mg)
    app.log_many(
        "me",
        [{"kind": "checkin", "id": f"c{i}", "day": START + timedelta(days=i), "anxiety": 4}
         for i in range(design.duration_days)],
    )  # fmt: skip
    clock.set(design.end + timedelta(days=1))
    report = report_json(build_report(stored_report_input(app, "me")))
    assert [p["phase"] for p in report["design"]["phases"]] == [
        "baseline", *(["period"] * 4 if blinded else [p.condition for p in periods[1:]])
    ]  # fmt: skip
    assert trial_view(app, "me")["run_in_plan"] == {"run_in": None, "why": NO_RUN_IN}
    progress = stored_trial_progress(app, "me", first.start)
    assert (progress.period, progress.periods) == (1, 4)


def test_an_off_period_right_after_the_run_in_leaves_out_its_transition_days(
    tmp_path: Path,
) -> None:
    """Magnesium was taken through the run-in, so an off period after it starts with a switch."""
    app, clock, _ = _registered(tmp_path)  # seed 7: the first randomised period is "off"
    state = app.trial("me")
    opening = state.run_in
    first = state.phases[2]
    assert state.shown_phase(first) == "off" and first.start == opening.end + timedelta(days=1)
    _rate_every_day(app, clock, lambda day: 3 + day.day % 4)
    report = build_report(stored_report_input(app, "me"))
    effect = report.outcomes[0].effect
    assert effect is not None
    transition = report.transition_days
    carried_over = {first.start + timedelta(days=i) for i in range(transition)}
    assert not carried_over & {o.day for o in effect.person.analysed}
    kept_off = [o.day for o in effect.person.analysed if first.start <= o.day <= first.end]
    assert min(kept_off) == first.start + timedelta(days=transition)


def test_pooling_analyses_a_person_as_their_report_does(tmp_path: Path) -> None:
    """The clinic's pooled view takes each person's effect with their report's settings."""
    app, clock, _ = _registered(tmp_path)  # seed 7: an off period right after the run-in
    state = app.trial("me")
    _rate_every_day(app, clock, lambda day: 2 + day.day % 5)
    _, series, settings = stored_analysis(app, "me", app.today())
    assert settings.exposure_changes == (state.run_in.end + timedelta(days=1),)
    anxiety = next(s for s in series if s.outcome.name == "anxiety")
    pooled = person_effect(anxiety.observations, settings, name="anxiety")
    report = build_report(stored_report_input(app, "me"))
    own = next(o.effect for o in report.outcomes if o.outcome.name == "anxiety")
    assert own is not None
    assert (pooled.estimate, pooled.ci95) == (own.person.estimate, own.person.ci95)
    assert pooled.excluded_transition_days == own.person.excluded_transition_days


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=40), period_days=st.sampled_from([21, 28, 35]))
def test_no_day_just_after_the_run_in_is_analysed_as_a_comparison(
    seed: int, period_days: int
) -> None:
    """Whatever order the periods fall in: within the transition days after the run-in, no
    comparison day is analysed (magnesium was taken through the run-in)."""
    request = RegistrationRequest(
        outcome="anxiety", randomised=True, pairs=2, period_days=period_days, seed=seed
    )
    with tempfile.TemporaryDirectory() as folder:
        app, clock, _ = _registered(Path(folder), request)
        try:
            _rate_every_day(app, clock, lambda day: 2 + day.day % 6)
            report = build_report(stored_report_input(app, "me"))
            effect = report.outcomes[0].effect
            assert effect is not None
            after = app.trial("me").run_in.end + timedelta(days=1)
            window = {after + timedelta(days=i) for i in range(report.transition_days)}
            compared = {o.day for o in effect.person.analysed if o.phase != "magnesium"}
            assert not window & compared
        finally:
            app.close()
