"""Where a person is in their trial today, and what to do next.

Pure: the stored phases, today's date, the primary outcome's observations and the questionnaire
scores go in; the phase, the day within it, the questionnaires due and plain next steps come out.
Planned phase lengths come from a :class:`TrialDesign` (the protocol's defaults unless the person
chose others).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.questionnaires import ScoredQuestionnaire
from mgcalm.evaluation.series import Observation

StoredPhase = tuple[str, date, date | None]
#: Phases that end with questionnaires: they are the ones the report compares.
SCORED_PHASES = ("baseline", "maintenance", "withdrawal")


@dataclass(frozen=True, slots=True)
class TrialProgress:
    """Today's place in the trial and the next steps."""

    today: date
    phase: str | None
    phase_start: date | None
    day_of_phase: int
    planned_days: int
    primary_outcome: str | None
    logged: tuple[tuple[str, int], ...]
    due: tuple[str, ...]
    next_steps: tuple[str, ...]
    planned_end: date | None = None
    period: int | None = None
    periods: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form for ``mgcalm trial status --json``."""
        return {
            "planned_end": self.planned_end.isoformat() if self.planned_end else None,
            "interim": self.planned_end is not None and self.today < self.planned_end,
            "period": self.period,
            "periods": self.periods,
            "today": self.today.isoformat(),
            "phase": self.phase,
            "phase_start": self.phase_start.isoformat() if self.phase_start else None,
            "day_of_phase": self.day_of_phase,
            "planned_days": self.planned_days,
            "primary_outcome": self.primary_outcome,
            "days_logged": dict(self.logged),
            "questionnaires_due": list(self.due),
            "next_steps": list(self.next_steps),
        }


def _planned(design: TrialDesign, phase: str) -> int:
    """The planned length of a phase (withdrawal: 28 days when the design has none)."""
    lengths = {
        "baseline": design.baseline_days,
        "titration": design.titration_days,
        "maintenance": design.maintenance_days,
        "withdrawal": design.withdrawal_days or 28,
    }
    return lengths[phase]


def questionnaires_due(
    design: TrialDesign,
    phase: str,
    start: date,
    today: date,
    scores: Sequence[ScoredQuestionnaire],
) -> tuple[str, ...]:
    """Instruments due now: in a scored phase's last two days, unless done in the past week."""
    if phase not in SCORED_PHASES or (today - start).days + 1 < _planned(design, phase) - 1:
        return ()
    recent = max(start, today - timedelta(days=6))
    done = {s.instrument for s in scores if recent <= s.day <= today}
    return tuple(i for i in design.instruments if i not in done)


def _before_start(primary: str | None) -> list[str]:
    steps = (
        [] if primary else ["Choose the outcome that matters most: `mgcalm trial outcome anxiety`."]
    )
    return [
        *steps,
        "See what a trial can detect before you begin: `mgcalm design`.",
        "Start a baseline (no magnesium yet): `mgcalm trial start baseline`.",
    ]


def _finish(finished: bool, due: list[str], done: str, running: str) -> str:
    """The last step of a phase: what comes next once it is over and its questionnaires done."""
    if not finished:
        return running
    return f"Then {done[0].lower()}{done[1:]}" if due else done


def _steps(p: TrialProgress, logged_here: int) -> list[str]:
    """Next steps for a running phase."""
    ends = p.phase_start + timedelta(days=p.planned_days - 1) if p.phase_start else p.today
    finished = p.day_of_phase >= p.planned_days
    due = [f"Complete the {i} questionnaire: `mgcalm assess {i}`." for i in p.due]
    steps: dict[str, list[str]] = {
        "baseline": [
            f"Log a check-in every day; {logged_here} baseline day(s) logged (at least 7 needed).",
            *due,
            _finish(
                finished,
                due,
                "Start titration: `mgcalm trial start titration`.",
                f"No magnesium until the baseline ends on {ends.isoformat()}.",
            ),
        ],
        "titration": [
            "Follow the rising dose in your plan (`mgcalm today`); log every dose and check-in.",
            "Titration done: `mgcalm trial start maintenance`."
            if finished
            else f"Titration runs until {ends.isoformat()}.",
        ],
        "maintenance": [
            "Keep the same daily dose and keep logging doses and check-ins.",
            *due,
            _finish(
                finished,
                due,
                "Go back to baseline: `mgcalm trial start withdrawal` (no magnesium for 4 "
                "weeks). The return is what tells magnesium from natural change.",
                f"Maintenance runs until {ends.isoformat()} (the protocol expects 4–8 weeks).",
            ),
        ],
        "withdrawal": [
            "No magnesium during withdrawal; keep logging check-ins.",
            *due,
            _finish(
                finished,
                due,
                "See your results: `mgcalm report` (for your clinician: "
                "`mgcalm report --clinician --pdf report.pdf`).",
                f"Withdrawal runs until {ends.isoformat()}; results before then are interim, "
                "not a verdict.",
            ),
        ],
    }
    return steps[p.phase or "baseline"]


def trial_progress(
    design: TrialDesign,
    phases: Sequence[StoredPhase],
    today: date,
    primary: str | None,
    observations: Sequence[Observation],
    scores: Sequence[ScoredQuestionnaire],
) -> TrialProgress:
    """Where ``today`` falls in the stored phases and what to do next."""
    current = next((p for p in reversed(phases) if p[1] <= today), None)
    counts: dict[str, int] = {}
    for obs in observations:
        counts[obs.phase] = counts.get(obs.phase, 0) + 1
    if current is None:
        return TrialProgress(
            today, None, None, 0, 0, primary, (), (), tuple(_before_start(primary))
        )
    phase, start, _ = current
    progress = TrialProgress(
        today=today,
        phase=phase,
        phase_start=start,
        day_of_phase=(today - start).days + 1,
        planned_days=_planned(design, phase),
        primary_outcome=primary,
        logged=tuple(counts.items()),
        due=questionnaires_due(design, phase, start, today, scores),
        next_steps=(),
    )
    steps = _steps(progress, counts.get("baseline", 0))
    if primary is None:
        steps.insert(0, "No primary outcome yet: `mgcalm trial outcome NAME --reason …`.")
    return replace(progress, next_steps=tuple(steps))
