"""Use cases: the personal trial's phases and its primary outcome, chosen before it starts.

The trial starts on the first day of its first phase. A primary outcome chosen later, or changed
later, is stored with ``after_start = True`` and needs a reason: the change is on the record for the
person's report and the clinician's, never silent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mgcalm.app.plans.people import check_person
from mgcalm.app.trial import registry
from mgcalm.domain.entries import (
    OUTCOMES,
    SCHEDULE_KINDS,
    ConflictError,
    NotFoundError,
    TrialPhase,
    document_digest,
    parse_phase,
)
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.text import require_clean
from mgcalm.evaluation.run_in import RUN_IN
from mgcalm.store import Store
from mgcalm.store import registration as registration_repo
from mgcalm.store import trial as repo
from mgcalm.store.records import OutcomeRecord, PhaseRecord
from mgcalm.store.registration import RegistrationRecord


@dataclass(frozen=True, slots=True)
class TrialState:
    """The phases so far, the current primary outcome and every choice that led to it."""

    phases: tuple[TrialPhase, ...]
    primary_outcome: str | None
    outcome_history: tuple[OutcomeRecord, ...]
    registration: RegistrationRecord | None = None
    unblinded_on: date | None = None

    @property
    def randomised(self) -> bool:
        """True for a registered randomised schedule (its periods are not started by hand)."""
        return self.registration is not None and self.registration.design == "randomised_pairs"

    @property
    def sealed(self) -> bool:
        """True while a blinded trial's allocation is hidden from the person."""
        reg = self.registration
        return reg is not None and reg.blinded and self.unblinded_on is None

    @property
    def outcome_changed_after_start(self) -> bool:
        """True when the primary outcome was chosen or changed once the trial had begun."""
        return any(choice.after_start for choice in self.outcome_history)

    @property
    def run_in(self) -> TrialPhase | None:
        """A randomised trial's open-label run-in: its one titration phase (older trials: none)."""
        if not self.randomised:
            return None
        return next((p for p in self.phases if p.phase == "titration"), None)

    def shown_phase(self, phase: TrialPhase) -> str:
        """A phase's name as views show it: a randomised trial's titration is its run-in."""
        return RUN_IN if phase.phase == "titration" and self.randomised else phase.phase

    def phase_on(self, day: date) -> TrialPhase | None:
        """The phase that ``day`` falls in, if any."""
        for phase in self.phases:
            if phase.start <= day and (phase.end is None or day <= phase.end):
                return phase
        return None

    def to_json(self) -> dict[str, Any]:
        """A JSON form for the CLI and the API."""
        return {
            "phases": [p.model_dump(mode="json") for p in self.phases],
            "primary_outcome": self.primary_outcome,
            "outcome_changed_after_start": self.outcome_changed_after_start,
            "outcome_history": [
                {
                    "outcome": c.outcome,
                    "chosen_on": c.chosen_on.isoformat(),
                    "reason": c.reason,
                    "after_start": c.after_start,
                }
                for c in self.outcome_history
            ],
            "registration": _registration_json(self.registration, self.unblinded_on),
            "run_in": _run_in_json(self.run_in),
        }


def _run_in_json(phase: TrialPhase | None) -> dict[str, Any] | None:
    """The run-in's dates: open-label, before randomisation, never analysed."""
    if phase is None:
        return None
    end = phase.end or phase.start
    return {
        "start": phase.start.isoformat(),
        "end": end.isoformat(),
        "days": (end - phase.start).days + 1,
        "open_label": True,
        "analysed": False,
    }


def _registration_json(reg: RegistrationRecord | None, unblinded: date | None) -> Any:
    """The public part of the registration: design, dates, seal — never the allocation."""
    if reg is None:
        return None
    return {
        "design": reg.design,
        "blinding": ("blinded" if unblinded is None else "unblinded") if reg.blinded else "open",
        "open_label": not reg.blinded,
        "start": reg.start.isoformat(),
        "planned_end": reg.planned_end.isoformat(),
        "pairs": reg.pairs,
        "period_days": reg.period_days,
        "transition_days": reg.transition_days,
        "primary_outcome_at_registration": reg.primary_outcome,
        "registered_on": reg.registered_on.isoformat(),
        "seal": reg.seal,
        "unblinded_on": unblinded.isoformat() if unblinded else None,
    }


def _phase(record: PhaseRecord) -> TrialPhase:
    return TrialPhase(id=record.id, phase=record.phase, start=record.start, end=record.end)


def trial_state(store: Store, person_id: str) -> TrialState:
    """Read the person's trial."""
    with store.read() as conn:
        phases = tuple(_phase(r) for r in repo.list_phases(conn, person_id))
        choices = tuple(repo.list_outcome_choices(conn, person_id))
        registered = registration_repo.get_registration(conn, person_id)
        unblinded = registration_repo.unblinded_on(conn, person_id)
    primary = choices[-1].outcome if choices else None
    return TrialState(phases, primary, choices, registered, unblinded)


def start_phase(store: Store, person_id: str, data: dict[str, Any], now: datetime) -> TrialPhase:
    """Add a phase; the open phase before it ends the day before (repeats are idempotent).

    The periods of a randomised schedule come from its registration, never from here.
    """
    phase = parse_phase(data)
    with store.write() as conn:
        registered = registration_repo.get_registration(conn, person_id)
        if phase.phase in SCHEDULE_KINDS or (
            registered is not None and registered.design == "randomised_pairs"
        ):
            raise InvalidInputError(
                [
                    Problem(
                        "phase",
                        "the periods of a randomised trial come from its registered schedule",
                        "baseline, titration, maintenance, withdrawal (quick design only)",
                    )
                ]
            )
        return add_phase(conn, person_id, phase, now)


def add_phase(conn: Any, person_id: str, phase: TrialPhase, now: datetime) -> TrialPhase:
    """Inside a write: add a validated phase, ending the open one the day before."""
    document = phase.model_dump(mode="json")
    digest = document_digest(document)
    check_person(conn, person_id)
    existing = {r.id: r for r in repo.list_phases(conn, person_id)}
    if phase.id in existing:
        if existing[phase.id].digest == digest:
            return phase
        raise ConflictError(
            [Problem("phase.id", f"{phase.id!r} already exists with other dates", "a new id")]
        )
    _check_overlap(phase, existing.values())
    for record in existing.values():
        if record.end is None and record.start < phase.start:
            _close(conn, person_id, record, phase.start - timedelta(days=1), now)
    values = {k: v for k, v in phase.model_dump().items() if k != "id"}
    repo.insert_phase(conn, person_id, {"id": phase.id, **values}, digest, now)
    if phase.phase in ("titration", "maintenance"):
        # The first magnesium day: the design and primary outcome are fixed from here on.
        registry.register_quick_if_needed(conn, person_id, phase.start, now)
    return phase


def begin_trial(conn: Any, person_id: str, outcome: str, phase: TrialPhase, now: datetime) -> bool:
    """Inside a write: choose the outcome, then start the first phase; False if already begun."""
    if repo.list_phases(conn, person_id):
        return False
    add_outcome(conn, person_id, outcome, phase.start, "", now)  # chosen before the start
    add_phase(conn, person_id, phase, now)
    return True


def _check_overlap(phase: TrialPhase, others: Any) -> None:
    for other in others:
        if other.end is not None and other.start <= phase.start <= other.end:
            raise InvalidInputError(
                [Problem("phase.start", f"falls inside phase {other.id!r}", f"after {other.end}")]
            )
        if other.start >= phase.start:
            raise InvalidInputError(
                [Problem("phase.start", f"is not after phase {other.id!r}", f"after {other.start}")]
            )


def end_open_phase(
    conn: Any, person_id: str, record: PhaseRecord, end: date, now: datetime
) -> None:
    """Inside a write: end a stored phase on ``end`` (its last day)."""
    _close(conn, person_id, record, end, now)


def _close(conn: Any, person_id: str, record: PhaseRecord, end: date, now: datetime) -> None:
    closed = TrialPhase(id=record.id, phase=record.phase, start=record.start, end=end)
    digest = document_digest(closed.model_dump(mode="json"))
    repo.set_phase_end(conn, person_id, record.id, end, digest, now)


def end_phase(store: Store, person_id: str, phase_id: str, end: date, now: datetime) -> None:
    """End a running phase on ``end`` (its last day)."""
    with store.write() as conn:
        check_person(conn, person_id)
        found = {r.id: r for r in repo.list_phases(conn, person_id)}.get(phase_id)
        if found is None:
            raise NotFoundError([Problem("phase.id", f"no phase {phase_id!r}", "an existing id")])
        if end < found.start:
            raise InvalidInputError([Problem("phase.end", "is before start", f"≥ {found.start}")])
        _close(conn, person_id, found, end, now)


def choose_outcome(
    store: Store, person_id: str, outcome: str, today: date, reason: str, now: datetime
) -> OutcomeRecord:
    """Choose (or change) the primary outcome; after the trial starts a reason is required."""
    with store.write() as conn:
        return add_outcome(conn, person_id, outcome, today, reason, now)


def add_outcome(
    conn: Any, person_id: str, outcome: str, today: date, reason: str, now: datetime
) -> OutcomeRecord:
    """Inside a write: record the choice (after the trial starts, only with a reason)."""
    if outcome not in OUTCOMES:
        raise InvalidInputError(
            [Problem("primary_outcome", f"unknown outcome {outcome!r}", ", ".join(OUTCOMES))]
        )
    check_person(conn, person_id)
    phases = repo.list_phases(conn, person_id)
    after_start = bool(phases) and phases[0].start <= today
    require_clean({"reason": reason})
    if after_start and not reason.strip():
        raise InvalidInputError(
            [Problem("reason", "the trial has started: say why the outcome changes", "text")]
        )
    values = {
        "outcome": outcome,
        "chosen_on": today,
        "reason": reason.strip(),
        "after_start": after_start,
        "created_at": now,
    }
    seq = repo.add_outcome_choice(conn, person_id, values)
    return OutcomeRecord(person_id, seq, outcome, today, reason.strip(), after_start, now)
