"""Use cases: guess each blinded period, and unblind the trial in one recorded step.

Before unblinding nothing but the count of guesses leaves this module; :func:`unblind` is the
only use case that reads the sealed allocation for the person, and it writes down when and why.
A trial restored from an export carries no sealed allocation (exports leave it out until the
trial is unblinded); the seed on the helper sheet restores it, checked against the seal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from mgcalm.app.trial import registry
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.evaluation.blinding import GUESSES
from mgcalm.evaluation.crossover import Period, RandomisedDesign
from mgcalm.store import registration as repo
from mgcalm.store.registration import AllocationRecord, RegistrationRecord

if TYPE_CHECKING:
    from mgcalm.app.core import App
    from mgcalm.evaluation.report_view import Document


def _blinded(conn: Any, person_id: str) -> RegistrationRecord:
    reg = repo.get_registration(conn, person_id)
    if reg is None or not reg.blinded:
        raise InvalidInputError(
            [Problem("trial", "is not a blinded trial", "a trial registered with --blinded")]
        )
    return reg


def record_guess(app: App, person_id: str, guess: str, period: int | None = None) -> int:
    """Store the person's guess for a period (default: the current or just-ended one)."""
    today = app.today()
    state = app.trial(person_id)
    if guess not in GUESSES:
        raise InvalidInputError([Problem("guess", f"unknown guess {guess!r}", ", ".join(GUESSES))])
    numbered = [p for p in state.phases if p.phase == "period"]
    if period is None:
        started = [i for i, p in enumerate(numbered, start=1) if p.start <= today]
        period = started[-1] if started else 0
    with app.store.write() as conn:
        _blinded(conn, person_id)
        if state.unblinded_on is not None:
            raise InvalidInputError(
                [Problem("guess", "the trial is already unblinded", "guesses before unblinding")]
            )
        if not 1 <= period <= len(numbered) or numbered[period - 1].start > today:
            raise InvalidInputError(
                [Problem("--period", f"{period} has not started", f"1 to {len(numbered)}, begun")]
            )
        values = {"period": period, "guess": guess, "day": today, "created_at": app.now()}
        return repo.add_guess(conn, person_id, values)


@dataclass(frozen=True, slots=True)
class Unblinded:
    """What the unblinding revealed: the day, the reason, and each period's condition."""

    day: date
    reason: str
    conditions: tuple[str, ...]
    seed: int

    def to_json(self) -> dict[str, Any]:
        """JSON form for ``mgcalm trial unblind --json``."""
        return {
            "unblinded_on": self.day.isoformat(),
            "reason": self.reason,
            "seed": self.seed,
            "periods": [
                {"period": n, "condition": c} for n, c in enumerate(self.conditions, start=1)
            ],
        }


def _restored(
    conn: Any, person_id: str, reg: RegistrationRecord, seed: int | None
) -> AllocationRecord:
    """The sealed allocation, or — after an import — the one the helper sheet's seed gives."""
    found = repo.read_allocation(conn, person_id)
    if found is not None:
        return found
    if seed is None:
        raise InvalidInputError(
            [Problem("--seed", "the sealed schedule is not stored here", "the helper sheet's seed")]
        )
    design = RandomisedDesign(
        reg.start, seed, reg.pairs or 0, reg.period_days or 0, True, reg.baseline_days
    )
    conditions = [p.condition for p in design.periods() if p.pair is not None]
    if registry.seal(seed, reg.start, conditions, reg.period_days or 0) != reg.seal:
        raise InvalidInputError(
            [Problem("--seed", "does not match the registered seal", "the helper sheet's seed")]
        )
    repo.insert_allocation(conn, person_id, seed, conditions)
    return AllocationRecord(person_id, seed, tuple(conditions), None, "", None)


def unblind(
    app: App, person_id: str, *, early: bool = False, reason: str = "", seed: int | None = None
) -> Unblinded:
    """Reveal the allocation, recording the day and the reason (once; later calls repeat it)."""
    today, now = app.today(), app.now()
    with app.store.write() as conn:
        reg = _blinded(conn, person_id)
        allocation = _restored(conn, person_id, reg, seed)
        if allocation.unblinded_on is not None:
            return Unblinded(
                allocation.unblinded_on,
                allocation.unblind_reason,
                allocation.conditions,
                allocation.seed,
            )
        if today < reg.planned_end and not (early and reason.strip()):
            raise InvalidInputError(
                [
                    Problem(
                        "unblind",
                        f"the trial runs until {reg.planned_end}; unblinding before its end "
                        "stops it as a blinded trial",
                        "wait for the end, or --early with --reason (e.g. a side effect)",
                    )
                ]
            )
        note = reason.strip() or "the trial reached its planned end"
        repo.record_unblinding(conn, person_id, today, note, now)
    return Unblinded(today, note, allocation.conditions, allocation.seed)


def helper_sheet(app: App, person_id: str) -> Document:
    """The helper's sheet for a blinded trial (it shows the allocation: for the helper only)."""
    from mgcalm.evaluation.helper_sheet import SheetDose
    from mgcalm.evaluation.helper_sheet import helper_sheet as sheet

    with app.store.read() as conn:
        reg = _blinded(conn, person_id)
        allocation = repo.read_allocation(conn, person_id)
    if allocation is None:
        raise InvalidInputError(
            [Problem("trial", "the sealed schedule is not stored here", "the original device")]
        )
    # The stored schedule, not a fresh draw from the seed: the sheet must match what was sealed.
    numbered = [p for p in app.trial(person_id).phases if p.phase == "period"]
    periods = tuple(
        Period(p.start, p.end or p.start, condition, pair=k // 2 + 1)  # type: ignore[arg-type]
        for k, (p, condition) in enumerate(zip(numbered, allocation.conditions, strict=True))
    )
    plan = app.active_plan(person_id, reg.start) or app.active_plan(person_id)
    doses = tuple(
        SheetDose(d.time.strftime("%H:%M"), d.form, d.elemental_mg, d.compound_mg)
        for d in (plan.doses if plan else ())
    )
    label = app.person(person_id).display_name or person_id
    return sheet(label, periods, doses, allocation.seed, reg.seal or "", app.today())
