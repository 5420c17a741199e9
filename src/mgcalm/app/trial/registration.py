"""Use cases: register the trial before magnesium starts, guess each blinded period, unblind.

Registering fixes the primary outcome, the design and (for randomised pairs) the seed. A blinded
trial's seed is drawn here, never typed in by the person — a seed they knew would unblind them —
and the allocation is written to its own table, sealed; the person sees only numbered periods and
the seal (the schedule's SHA-256 fingerprint). Unblinding is an explicit, recorded step: on or
after the planned end, or earlier with ``early`` and a reason.

A randomised trial begins, after its baseline, with an open-label run-in up the plan's
titration (``run_in``) unless the person has already reached the planned dose; the randomised
periods start the day after it ends.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mgcalm.app.plans.people import check_person
from mgcalm.app.trial import phases as trial_phases
from mgcalm.app.trial import registry
from mgcalm.app.trial.run_in import RunInDecision, decide_run_in
from mgcalm.domain.entries import OUTCOMES, parse_phase
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.evaluation.crossover import MAX_SEED, RandomisedDesign, randomised_problems
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.run_in import RUN_IN
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS
from mgcalm.store import registration as repo
from mgcalm.store import trial as trial_repo

if TYPE_CHECKING:
    from mgcalm.app.core import App


@dataclass(frozen=True, slots=True)
class RegistrationRequest:
    """What the person asks to register; ``randomised=False`` is the quick ABA look."""

    outcome: str | None = None
    reason: str = ""
    randomised: bool = False
    blinded: bool = False
    pairs: int = 3
    period_days: int = 28
    baseline_days: int = 14
    transition_days: int = DEFAULT_TRANSITION_DAYS
    seed: int | None = None
    start: date | None = None


def _request_problems(request: RegistrationRequest, primary: str | None) -> list[Problem]:
    """Problems with the request itself, before anything is read or written."""
    problems = []
    if request.outcome is not None and request.outcome not in OUTCOMES:
        problems.append(
            Problem("--outcome", f"unknown outcome {request.outcome!r}", ", ".join(OUTCOMES))
        )
    if request.outcome is None and primary is None:
        problems.append(
            Problem("--outcome", "no primary outcome chosen yet", "e.g. --outcome anxiety")
        )
    if request.blinded and not request.randomised:
        problems.append(Problem("--blinded", "needs randomised periods", "--randomised --blinded"))
    if request.blinded and request.seed is not None:
        problems.append(
            Problem(
                "--seed",
                "a seed you know would tell you the schedule; mgcalm draws and seals one",
                "no --seed with --blinded",
            )
        )
    return problems


def _randomised(
    request: RegistrationRequest, start: date, run_in: RunInDecision | None
) -> RandomisedDesign:
    seed = request.seed if request.seed is not None else secrets.randbelow(MAX_SEED + 1)
    return RandomisedDesign(
        start=start,
        seed=seed,
        pairs=request.pairs,
        period_days=request.period_days,
        blinded=request.blinded,
        baseline_days=request.baseline_days,
        transition_days=request.transition_days,
        run_in_days=run_in.days if run_in else 0,
    )


def planned_run_in(app: App, person_id: str, request: RegistrationRequest) -> RunInDecision:
    """The run-in a randomised registration would get now, or why it would have none."""
    start = request.start or app.today()
    return decide_run_in(app, person_id, start + timedelta(days=max(0, request.baseline_days)))


def _state_problems(
    conn: Any, person_id: str, request: RegistrationRequest, today: date
) -> list[Problem]:
    """Problems with registering now: already registered, magnesium already started…"""
    if repo.get_registration(conn, person_id) is not None:
        return [Problem("trial", "is already registered", "one registration per trial")]
    phases = trial_repo.list_phases(conn, person_id)
    if any(p.phase in registry.MAGNESIUM_KINDS and p.start <= today for p in phases):
        return [Problem("trial", "magnesium has already started", "register before it starts")]
    if request.randomised and any(p.phase != "baseline" for p in phases):
        return [
            Problem(
                "trial",
                "phases other than a baseline have already started",
                "register a randomised trial before `mgcalm trial start`",
            )
        ]
    if request.randomised and request.start is not None and request.start < today:
        return [Problem("--start", f"{request.start} is in the past", f"{today} or later")]
    return []


def register(app: App, person_id: str, request: RegistrationRequest) -> RunInDecision | None:
    """Register the trial (one transaction): outcome, design, seed, schedule and seal.

    Returns the run-in decision of a randomised trial (``None`` for the quick design).
    """
    today, now = app.today(), app.now()
    start = request.start or today
    # Read before the write: the plan and the logged doses decide the run-in.
    run_in = planned_run_in(app, person_id, request) if request.randomised else None
    with app.store.write() as conn:
        check_person(conn, person_id)
        primary = registry.current_primary(conn, person_id)
        problems = _request_problems(request, primary)
        problems += _state_problems(conn, person_id, request, today)
        design = _randomised(request, start, run_in) if request.randomised else None
        if design is not None:
            problems += randomised_problems(design)
        if problems:
            raise InvalidInputError(problems)
        outcome = request.outcome or primary
        if outcome != primary:
            trial_phases.add_outcome(conn, person_id, outcome or "", today, request.reason, now)
        if design is None:
            _write_quick(conn, person_id, outcome, start, today, now)
        else:
            _write_randomised(conn, person_id, outcome, design, today, now)
    return run_in


def _write_quick(
    conn: Any, person_id: str, outcome: str | None, start: date, today: date, now: Any
) -> None:
    phases = trial_repo.list_phases(conn, person_id)
    first = phases[0].start if phases else start
    design = TrialDesign(first)
    repo.insert_registration(
        conn,
        {
            "person_id": person_id,
            "design": "quick",
            "blinded": False,
            "start": first,
            "planned_end": design.end,
            "pairs": None,
            "period_days": None,
            "baseline_days": design.baseline_days,
            "transition_days": design.transition_days,
            "primary_outcome": outcome,
            "registered_on": today,
            "seal": None,
            "created_at": now,
        },
    )


def _hand_over_baseline(conn: Any, person_id: str, start: date, now: Any) -> None:
    """A baseline already running (onboarding starts one) ends where the schedule begins.

    Its days stay baseline days; one that began on the schedule's first day is replaced by it.
    """
    for record in trial_repo.list_phases(conn, person_id):
        if record.start >= start:
            trial_repo.delete_phase(conn, person_id, record.id)
        elif record.end is None or record.end >= start:
            trial_phases.end_open_phase(conn, person_id, record, start - timedelta(days=1), now)


def _write_randomised(
    conn: Any, person_id: str, outcome: str | None, design: RandomisedDesign, today: date, now: Any
) -> None:
    periods = design.periods()
    conditions = [p.condition for p in periods if p.pair is not None]
    repo.insert_registration(
        conn,
        {
            "person_id": person_id,
            "design": "randomised_pairs",
            "blinded": design.blinded,
            "start": design.start,
            "planned_end": design.end,
            "pairs": design.pairs,
            "period_days": design.period_days,
            "baseline_days": design.baseline_days,
            "transition_days": design.transition_days,
            "primary_outcome": outcome,
            "registered_on": today,
            "seal": registry.seal(design.seed, design.start, conditions, design.period_days),
            "created_at": now,
        },
    )
    repo.insert_allocation(conn, person_id, design.seed, conditions)
    _hand_over_baseline(conn, person_id, design.start, now)
    number = 0
    for period in periods:  # in date order: each phase ends where the next begins
        if period.condition == RUN_IN:
            # A titration phase: Today, the step-down rule and the calendar follow its steps.
            phase_id, label = "schedule-run-in", "titration"
        else:
            # What the person's views show: a blinded period is only ever "period".
            phase_id, number = f"schedule-{number}", number + 1
            label = "period" if design.blinded and period.pair is not None else period.condition
        phase = parse_phase(
            {"id": phase_id, "phase": label, "start": period.start, "end": period.end}
        )
        trial_phases.add_phase(conn, person_id, phase, now)
