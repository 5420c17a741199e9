"""What a report is built from: plain, typed records the app layer fills from the store.

Every record here is immutable and free of storage details, so the report can be built and
rendered in tests from hand-written data, and the same input always gives the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mgcalm.domain.plan import Plan
from mgcalm.evaluation.blinding import BlindingGuess
from mgcalm.evaluation.confounders import LifeEvent
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.questionnaires import ScoredQuestionnaire
from mgcalm.evaluation.registration import Registration
from mgcalm.evaluation.schedule import Schedule
from mgcalm.evaluation.series import Observation, Outcome


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """The parts of the profile a clinician needs to read the report."""

    label: str = "Person"
    age: int | None = None
    sex: str = ""
    kidney: str = ""
    conditions: tuple[str, ...] = ()
    medications: tuple[str, ...] = ()
    supplements: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InteractionCheck:
    """One medication spacing rule the plan was checked against."""

    medication: str
    rule: str
    satisfied: bool


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """The plan as a report shows it: status, target, doses and the checks made."""

    status: str
    target_elemental_mg_per_day: int
    supplemental_ul_mg: float | None
    rda_mg: float | None
    forms: tuple[str, ...]
    doses: tuple[str, ...]
    titration: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    checks: tuple[InteractionCheck, ...] = ()

    @classmethod
    def from_plan(cls, plan: Plan) -> PlanSummary:
        """Summarise a ``mgcalm.plan/1`` plan."""
        return cls(
            status=plan.status,
            target_elemental_mg_per_day=plan.target_elemental_mg_per_day,
            supplemental_ul_mg=plan.reference.supplemental_ul_mg,
            rda_mg=plan.reference.rda_mg,
            forms=tuple(f"{f.form} (evidence: {f.evidence_grade})" for f in plan.forms),
            doses=tuple(
                f"{d.time.strftime('%H:%M')} {d.form} {d.elemental_mg} mg elemental"
                f"{' with food' if d.with_food else ''}"
                for d in plan.doses
            ),
            titration=tuple(
                f"from day {s.day}: {s.elemental_mg_per_day} mg/day" for s in plan.titration
            ),
            reasons=tuple(n.message for n in plan.reasons),
            warnings=tuple(n.message for n in plan.warnings),
            checks=tuple(
                InteractionCheck(
                    s.medication,
                    f"magnesium ≥ {s.min_hours_med_before_mg:g} h after and "
                    f"≥ {s.min_hours_mg_before_med:g} h before the "
                    f"{s.medication_time.strftime('%H:%M')} dose",
                    s.satisfied,
                )
                for s in plan.separations
            ),
        )


@dataclass(frozen=True, slots=True)
class DoseDay:
    """Planned and taken magnesium doses on one day, with elemental mg taken."""

    day: date
    planned: int
    taken: int
    elemental_mg: float


@dataclass(frozen=True, slots=True)
class IntakeDay:
    """Magnesium from food (``None`` when no food was logged) and from supplements on a day."""

    day: date
    diet_mg: float | None
    supplement_mg: float


@dataclass(frozen=True, slots=True)
class SideEffect:
    """A side effect on a day, e.g. ('loose stools', 'Bristol type 6')."""

    day: date
    what: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class OutcomeSeries:
    """One outcome's daily values, each labelled with its condition (baseline, magnesium…)."""

    outcome: Outcome
    observations: tuple[Observation, ...]


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a person or clinician report is built from.

    ``design`` is the quick design's phases or a randomised trial's :class:`Schedule`; while a
    blinded trial is sealed, the schedule carries no conditions and ``series`` is empty.
    """

    generated_on: date
    person: PersonSummary
    design: TrialDesign | Schedule
    plan: PlanSummary | None = None
    series: tuple[OutcomeSeries, ...] = ()
    doses: tuple[DoseDay, ...] = ()
    intake: tuple[IntakeDay, ...] = ()
    questionnaires: tuple[ScoredQuestionnaire, ...] = ()
    side_effects: tuple[SideEffect, ...] = ()
    events: tuple[LifeEvent, ...] = ()
    safety_flags: tuple[str, ...] = ()
    registration: Registration = field(default_factory=Registration)
    guesses: tuple[BlindingGuess, ...] = ()
    #: Whether a crisis-level answer or check-in is among the flags (None: any safety flag).
    crisis_flagged: bool | None = None
    #: The crisis lines of the person's country, one per line, for the printed person report.
    crisis_lines: tuple[str, ...] = ()
    #: "Magnesium paused since …, because …" while a stop is in force, else empty.
    stop_in_force: str = ""
