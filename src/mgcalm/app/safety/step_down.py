"""The loose-stools rule applied to the stored plan: step the dose down, once per episode.

``mgcalm.instruments.step_down_decision`` says *whether* (Bristol 6–7 on 2 of the last 3 days, or
3 loose stools in one day) and ``mgcalm.planning.step_down`` says *how far* (one titration step
below what the person takes now). This module joins them to the store: it reads the stools and
the active plan, and keeps the lower plan as a new plan version active from today, so Today, the
web pages and the calendar all follow it.

Stools on or before the day of the last step-down are not counted again: one episode steps the
dose down once, and the person gets a fair run at the lower dose before the next step.

Re-planning (onboarding again, ``mgcalm init``) keeps a step-down: while the active plan is a
stepped-down one, :func:`~mgcalm.app.plans.held.hold_step_down` caps the fresh plan's daily
total at the stepped-down amount and keeps the step-down note, so a new profile never quietly
restores the full dose.
Going back up is a separate, explicit choice: :func:`step_up` (the /plan page's "my stools are
settled" form, ``mgcalm trial step-up``) raises the plan one titration step, through the planner,
never above the full plan; ``App.plan_for(..., keep_step_down=False)`` lifts the cap at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mgcalm.app.plans.held import (
    HELD_NOTES,
    STEP_NOTES,
    active_version,
    is_stepped_down,
    lower_plan,
    notes_any,
    raised_plan,
)
from mgcalm.app.plans.people import check_person, current_profile
from mgcalm.app.safety.stop import start_for_loose_stools
from mgcalm.domain.entries import ConflictError, SideEffect, TrialPhase, document_digest
from mgcalm.domain.plan import Plan
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.instruments.safety import CONTACT_CLINICIAN, Level, SafetyAlert, step_down_alert
from mgcalm.instruments.stool import (
    STOOL_SOURCES,
    WINDOW_DAYS,
    StepDownDecision,
    StoolEntry,
    step_down_decision,
)
from mgcalm.store import people as people_repo
from mgcalm.store import safety as safety_repo
from mgcalm.store.database import ConcurrentWriteError

if TYPE_CHECKING:
    from mgcalm.app.core import App

#: Codes of every plan the stool rule or a step up made (stools before it are not counted again).
CHANGE_NOTES = (*HELD_NOTES, "stepped_up_to_plan")
#: Phases in which no magnesium is taken, so loose stools cannot be stepped down from: an open
#: randomised trial's "off" periods too (a blinded trial's periods all may hold magnesium).
OFF_MAGNESIUM = ("baseline", "withdrawal", "off")


@dataclass(frozen=True, slots=True)
class PlanChange:
    """A step-down that was stored: from and to mg a day, and the new plan version."""

    from_mg_per_day: int
    to_mg_per_day: int
    version: int
    active_from: date
    status: str

    @property
    def stopped(self) -> bool:
        """True when the step went below the lowest dose: no magnesium until a clinician says."""
        return self.to_mg_per_day == 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``plan_change`` key of a logging result)."""
        return {
            "from_mg_per_day": self.from_mg_per_day,
            "to_mg_per_day": self.to_mg_per_day,
            "plan_version": self.version,
            "active_from": self.active_from.isoformat(),
            "status": self.status,
            "stopped": self.stopped,
        }


def current_daily_mg(plan: Plan, phase: TrialPhase | None, day: date) -> int:
    """What the person takes a day now: the titration step while titrating, else the plan."""
    if phase is None or phase.phase != "titration" or not plan.titration:
        return plan.daily_elemental_mg
    step_day = (day - phase.start).days + 1
    steps = [s.elemental_mg_per_day for s in plan.titration if s.day <= step_day]
    return min(steps[-1], plan.daily_elemental_mg) if steps else plan.daily_elemental_mg


def recent_stools(app: App, person_id: str, day: date, after: date | None) -> list[StoolEntry]:
    """Bristol types logged in the rule's window up to ``day``, only those after ``after``."""
    start = day - timedelta(days=WINDOW_DAYS - 1)
    stored = app.history(person_id, kinds=["side_effect"], start=start, end=day)
    return [
        StoolEntry(e.day, e.bristol_type)
        for e in (s.entry for s in stored)
        if isinstance(e, SideEffect)
        and e.bristol_type is not None
        and (after is None or e.day > after)
    ]


def step_down_if_needed(
    app: App, person_id: str, day: date | None = None
) -> tuple[tuple[SafetyAlert, ...], PlanChange | None]:
    """Apply the loose-stools rule; the alerts to show and the stored change (or none)."""
    day = day or app.today()
    phase = app.trial(person_id).phase_on(day)
    if phase is not None and phase.phase in OFF_MAGNESIUM:
        return (), None
    with app.store.read() as conn:
        history = people_repo.plan_history(conn, person_id)
    active = active_version(history, day)
    plan = Plan.from_json(active.document) if active else None
    if active is None or plan is None or not plan.doses:
        return (), None
    after = active.active_from if notes_any(plan, CHANGE_NOTES) else None
    decision = step_down_decision(recent_stools(app, person_id, day, after), day)
    if not decision.step_down:
        return (), None
    current = current_daily_mg(plan, phase, day)
    change = _store_lower_plan(app, person_id, history[-1].version, current, day)
    return ((_alert(decision, change),), change) if change else ((), None)


def _store_lower_plan(
    app: App, person_id: str, expected_version: int, current_mg: int, day: date
) -> PlanChange | None:
    """Keep the lower plan as a new version, unless another writer changed the plan first."""
    profile, profile_version = current_profile(app.store, person_id)
    lower = lower_plan(profile, current_mg, day)
    version = _store_plan(app, person_id, expected_version, profile_version, lower, day)
    if version is None:
        return None
    return PlanChange(current_mg, lower.daily_elemental_mg, version, day, lower.status)


def _store_plan(
    app: App, person_id: str, expected_version: int, profile_version: int, plan: Plan, day: date
) -> int | None:
    """Keep ``plan`` as the next version; None if another writer stored one first."""
    document = plan.to_json()
    try:
        with app.store.write() as conn:
            check_person(conn, person_id)
            # Lock the person's row first: a concurrent change waits here, then sees ours.
            people_repo.touch_person(conn, person_id, app.now())
            history = people_repo.plan_history(conn, person_id)
            if not history or history[-1].version != expected_version:
                return None  # stepped down (or re-planned) by a concurrent write: never twice
            digest = document_digest(document)
            record = people_repo.add_plan_version(
                conn, person_id, profile_version, document, digest, day, app.now()
            )
            if notes_any(plan, ("loose_stools_stop",)):
                # No dose left: magnesium stops, with the plan version, until someone resumes.
                source = f"loose-stools-v{record.version}"
                sources = next(n.sources for n in plan.warnings if n.code == "loose_stools_stop")
                rows = start_for_loose_stools(conn, person_id, source, sources, app.now(), day)
                safety_repo.add_events(conn, rows)
    except ConcurrentWriteError:
        return None  # another writer stored the next plan version at the same moment
    return record.version


def step_up(app: App, person_id: str, day: date | None = None) -> PlanChange:
    """Go back up one titration step from a stepped-down plan: the person's explicit choice.

    Stored as a new plan version active from ``day`` with a note; the planner computes the
    doses, never above the full plan (which is already under the upper limit).
    """
    day = day or app.today()
    with app.store.read() as conn:
        history = people_repo.plan_history(conn, person_id)
    active = active_version(history, day)
    plan = Plan.from_json(active.document) if active else None
    if plan is None or not is_stepped_down(plan):
        raise InvalidInputError([_NOT_STEPPED_DOWN])
    profile, profile_version = current_profile(app.store, person_id)
    higher = raised_plan(profile, plan.daily_elemental_mg, day)
    version = _store_plan(app, person_id, history[-1].version, profile_version, higher, day)
    if version is None:
        raise ConflictError([_CHANGED_MEANWHILE])
    to_mg = higher.daily_elemental_mg
    return PlanChange(plan.daily_elemental_mg, to_mg, version, day, higher.status)


_NOT_STEPPED_DOWN = Problem(
    "plan", "your plan is not stepped down, so there is no step to go back up", "a lowered plan"
)
_CHANGED_MEANWHILE = Problem(
    "plan", "your plan changed at the same moment; nothing was changed", "try again"
)


def _alert(decision: StepDownDecision, change: PlanChange) -> SafetyAlert:
    """The step-down alert, saying what the plan now is."""
    if change.stopped:
        return SafetyAlert(
            "loose_stools_stop",
            "contact_clinician",
            f"{decision.reason} You were already on the lowest dose, so magnesium is paused: "
            "the plan has no doses until your clinician, doctor or pharmacist says it is safe "
            "to resume. Your clinician can see this.",
            (
                "Stop taking magnesium.",
                CONTACT_CLINICIAN,
                "If loose stools go on, or you see blood, have a fever or feel dehydrated, "
                "seek care today.",
            ),
            False,
            decision.sources,
        )
    (base,) = step_down_alert(decision)
    lowered = (
        f" Your plan is now {change.to_mg_per_day} mg a day (was {change.from_mg_per_day} mg); "
        "Today shows the new doses."
    )
    return replace(base, message=base.message + lowered)


def recent_step_down(app: App, person_id: str, day: date) -> SafetyAlert | None:
    """An alert for a step-down made in the stool rule's window, for the Today page."""
    with app.store.read() as conn:
        history = people_repo.plan_history(conn, person_id)
    active = active_version(history, day)
    if active is None or active.active_from is None:
        return None
    plan = Plan.from_json(active.document)
    notes = [n for n in plan.warnings if n.code in STEP_NOTES]
    if not notes or (day - active.active_from).days >= WINDOW_DAYS:
        return None
    stopped = notes[0].code == "loose_stools_stop"
    level: Level = "contact_clinician" if stopped else "step_down"
    message = f"On {active.active_from.isoformat()}: {notes[0].message}"
    actions = (
        ("Do not take magnesium until your clinician says so.", CONTACT_CLINICIAN)
        if stopped
        else ("Take the doses shown for today, with food.", _IF_IT_GOES_ON)
    )
    return SafetyAlert("plan_stepped_down", level, message, actions, False, STOOL_SOURCES)


_IF_IT_GOES_ON = (
    "If loose stools go on, or you see blood, have a fever or feel dehydrated, stop magnesium "
    "and seek care."
)
