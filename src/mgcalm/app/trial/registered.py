"""The registered trial as reports and views see it: the registration, the schedule, the labels.

The allocation is read here only when it can no longer unblind anyone — an open trial, or a
blinded one after its recorded unblinding. For a sealed trial every randomised period is just
``period``, whatever it holds. A randomised trial's run-in (stored as its titration phase) is
labelled ``run_in``: no analysis condition, so its days are never compared.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from mgcalm.evaluation.blinding import BlindingGuess
from mgcalm.evaluation.registration import OutcomeChoice, Registration
from mgcalm.evaluation.schedule import Schedule
from mgcalm.store import registration as repo

if TYPE_CHECKING:
    from mgcalm.app.core import App
    from mgcalm.app.trial.phases import TrialState

PERIOD_KINDS = ("magnesium", "off", "period")


def revealed_conditions(app: App, person_id: str, state: TrialState) -> tuple[str, ...] | None:
    """Each randomised period's condition, when it may be shown; ``None`` while sealed."""
    if not state.randomised or state.sealed:
        return None
    with app.store.read() as conn:
        allocation = repo.read_allocation(conn, person_id)
    return allocation.conditions if allocation else None


def labelled_periods(
    app: App, person_id: str, state: TrialState
) -> tuple[tuple[str, date, date], ...]:
    """The schedule's periods with the labels views may show (conditions once revealed)."""
    conditions = iter(revealed_conditions(app, person_id, state) or ())
    out = []
    for phase in state.phases:
        label: str = state.shown_phase(phase)
        if phase.phase in PERIOD_KINDS:
            label = next(conditions, label)
        out.append((label, phase.start, phase.end or phase.start))
    return tuple(out)


def schedule(app: App, person_id: str, state: TrialState) -> Schedule:
    """A randomised trial's calendar for reports and progress."""
    return Schedule(labelled_periods(app, person_id, state))


def day_label(app: App, person_id: str, state: TrialState) -> Callable[[date], str]:
    """A day's label as views may show it ("" outside the trial); conditions once revealed."""
    periods = labelled_periods(app, person_id, state) if state.randomised else ()

    def label(day: date) -> str:
        if state.randomised:
            return next((name for name, a, b in periods if a <= day <= b), "")
        phase = state.phase_on(day)
        return phase.phase if phase is not None else ""

    return label


def registration(app: App, person_id: str, state: TrialState) -> Registration:
    """The pure registration a report shows: history, design, blinding, seal, planned end."""
    reg = state.registration
    history = tuple(
        OutcomeChoice(c.outcome, c.chosen_on, c.reason, c.after_start)
        for c in state.outcome_history
    )
    if reg is None:
        return Registration(history=history)
    seed = None
    if reg.design == "randomised_pairs" and not state.sealed:
        with app.store.read() as conn:
            allocation = repo.read_allocation(conn, person_id)
        seed = allocation.seed if allocation else None
    first_magnesium = next(
        (p.start for p in state.phases if p.phase in ("titration", "maintenance", *PERIOD_KINDS)),
        None,
    )
    return Registration(
        history=history,
        design="randomised_pairs" if reg.design == "randomised_pairs" else "quick",
        blinded=reg.blinded,
        unblinded_on=state.unblinded_on,
        seed=seed,
        seal=reg.seal,
        registered_on=reg.registered_on,
        first_magnesium_day=first_magnesium,
        planned_end=reg.planned_end,
        transition_days=reg.transition_days,
    )


def guesses(app: App, person_id: str) -> tuple[BlindingGuess, ...]:
    """The person's guesses (the report compares them with the schedule only once revealed)."""
    with app.store.read() as conn:
        rows = repo.list_guesses(conn, person_id)
    return tuple(BlindingGuess(r.period, r.guess, r.day) for r in rows)  # type: ignore[arg-type]
