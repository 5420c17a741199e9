"""A reproducible example trial (simulated, not a real person) for demos, tests and benchmarks."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from mgcalm.evaluation.confounders import LifeEvent
from mgcalm.evaluation.design import TrialDesign, analysis_phase
from mgcalm.evaluation.outcomes import outcome_for
from mgcalm.evaluation.questionnaires import ScoredQuestionnaire
from mgcalm.evaluation.registration import OutcomeChoice, Registration
from mgcalm.evaluation.report_input import (
    DoseDay,
    IntakeDay,
    InteractionCheck,
    OutcomeSeries,
    PersonSummary,
    PlanSummary,
    ReportInput,
    SideEffect,
)
from mgcalm.evaluation.series import Observation
from mgcalm.evaluation.simulate import ar1_noise

#: (outcome, baseline level, change on magnesium) for the simulated person.
_OUTCOMES = (("anxiety", 6.5, -2.0), ("sleep_quality", 4.5, 0.8), ("tension", 5.5, 0.0))

EXAMPLE_PLAN = PlanSummary(
    status="caution",
    target_elemental_mg_per_day=250,
    supplemental_ul_mg=350,
    rda_mg=310,
    forms=("glycinate (evidence: very_low)",),
    doses=("12:30 glycinate 100 mg elemental with food", "21:30 glycinate 150 mg elemental"),
    titration=("from day 1: 100 mg/day", "from day 8: 250 mg/day"),
    warnings=("Levothyroxine: magnesium is kept at least 4 hours away from it.",),
    checks=(InteractionCheck("levothyroxine", "magnesium ≥ 4 h after and ≥ 4 h before", True),),
)


def _series(design: TrialDesign, rng: np.random.Generator) -> tuple[OutcomeSeries, ...]:
    """Daily 0–10 ratings with AR(1) noise and the example's true changes."""
    days = [design.start + timedelta(days=i) for i in range((design.end - design.start).days + 1)]
    out = []
    for name, level, change in _OUTCOMES:
        noise = ar1_noise(rng, len(days), 0.5, 1.2)
        observations = []
        for day, e in zip(days, noise, strict=True):
            phase = analysis_phase(design.phase_on(day) or "baseline")
            value = level + e + (change if phase == "magnesium" else 0.0)
            if rng.random() < 0.08:  # about one day in twelve is not logged
                continue
            observations.append(Observation(day, phase, round(float(np.clip(value, 0, 10)), 1)))
        out.append(OutcomeSeries(outcome_for(name), tuple(observations)))
    return tuple(out)


def _doses(design: TrialDesign, rng: np.random.Generator) -> tuple[DoseDay, ...]:
    """Two planned doses a day on magnesium; about one in ten missed."""
    spans = [s for s in design.spans() if s[0] in ("titration", "maintenance")]
    first, last = spans[0][1], spans[-1][2]
    out = []
    for i in range((last - first).days + 1):
        taken = int(sum(rng.random() > 0.1 for _ in range(2)))
        out.append(DoseDay(first + timedelta(days=i), 2, taken, 125.0 * taken))
    return tuple(out)


def _intake(
    design: TrialDesign, doses: tuple[DoseDay, ...], rng: np.random.Generator
) -> tuple[IntakeDay, ...]:
    """About 230 mg/day from food, and the doses taken."""
    by_day = {d.day: d.elemental_mg for d in doses}
    days = [design.start + timedelta(days=i) for i in range((design.end - design.start).days + 1)]
    return tuple(
        IntakeDay(day, round(float(rng.normal(230, 40)), 0), by_day.get(day, 0.0)) for day in days
    )


def _questionnaires(start: date) -> tuple[ScoredQuestionnaire, ...]:
    """GAD-7, PHQ-9 and past-week PCL-5 at the end of baseline, of magnesium and of the return."""
    at = (13, 69, 97)
    totals = (("gad7", (12, 8, 10)), ("phq9", (11, 9, 9)), ("pcl5_week", (41, 35, 37)))
    return tuple(
        ScoredQuestionnaire(instrument, start + timedelta(days=d), total)
        for instrument, values in totals
        for d, total in zip(at, values, strict=True)
    )


def example_report_input(start: date = date(2026, 9, 1), seed: int = 2024) -> ReportInput:
    """A complete simulated quick-look trial (ABA): 14 baseline, 14 titration, 42 maintenance
    and 28 withdrawal days, with anxiety registered as the primary outcome before day 1."""
    rng = np.random.default_rng(seed)
    design = TrialDesign(start)
    doses = _doses(design, rng)
    intake = _intake(design, doses, rng)  # drawn before the series: the seed's example needs it
    registration = Registration(
        history=(OutcomeChoice("anxiety", start - timedelta(days=3)),),
        registered_on=start - timedelta(days=3),
        first_magnesium_day=start + timedelta(days=design.baseline_days),
        planned_end=design.end,
        transition_days=design.transition_days,
    )
    return ReportInput(
        generated_on=design.end + timedelta(days=1),
        person=PersonSummary(
            label="Example person (simulated)",
            age=34,
            sex="female",
            kidney="normal",
            medications=("levothyroxine 06:30",),
            focus=("anxiety", "sleep"),
        ),
        design=design,
        plan=EXAMPLE_PLAN,
        series=_series(design, rng),
        doses=doses,
        intake=intake,
        questionnaires=_questionnaires(start),
        side_effects=(SideEffect(start + timedelta(days=16), "loose stools", "Bristol type 6"),),
        events=(LifeEvent(start + timedelta(days=35), "therapy_started", "weekly CPT sessions"),),
        registration=registration,
    )
