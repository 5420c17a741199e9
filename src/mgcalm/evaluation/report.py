"""The trial report: every analysis over one :class:`ReportInput`, as one typed, JSON-able model.

Renderers (HTML, PDF) only lay this model out; they compute nothing.
:func:`mgcalm.evaluation.report_json.report_json` is the machine-readable twin used by the API
and by snapshot tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from statistics import fmean

from mgcalm.domain import InvalidInputError
from mgcalm.evaluation.adherence import Adherence, adherence, per_protocol_effect
from mgcalm.evaluation.blinding import (
    BROKEN_BELOW,
    BlindingCheck,
    blinding_check,
    pending_check,
)
from mgcalm.evaluation.confounders import ConfounderFlag, confounder_flags
from mgcalm.evaluation.design import TrialDesign, design_notes
from mgcalm.evaluation.effect import Effect, evaluate, with_per_protocol
from mgcalm.evaluation.questionnaires import (
    QuestionnaireChange,
    TrajectoryPoint,
    changes_since_baseline,
    trajectories,
)
from mgcalm.evaluation.report_input import ReportInput
from mgcalm.evaluation.run_in import after_run_in
from mgcalm.evaluation.schedule import is_randomised
from mgcalm.evaluation.series import AnalysisSettings, Outcome

LOW_ADHERENCE = 0.8
#: Design labels of days on which capsules are planned (magnesium, or either kind when blinded).
CAPSULE_LABELS = ("titration", "maintenance", "magnesium", "placebo", "period")
SEALED_REASON = (
    "sealed: a blinded trial's results are shown once you unblind it at its end "
    "(`mgcalm trial unblind`)"
)


@dataclass(frozen=True, slots=True)
class OutcomeResult:
    """One outcome's effect (main and per-protocol), or why it could not be estimated."""

    outcome: Outcome
    effect: Effect | None
    per_protocol: Effect | None
    not_estimated: tuple[str, ...] = ()

    @property
    def primary(self) -> bool:
        """True for the pre-registered primary outcome (the only one with a verdict)."""
        return self.effect is not None and self.effect.primary


@dataclass(frozen=True, slots=True)
class IntakeSummary:
    """Average magnesium from food and supplements, and days above the supplemental UL."""

    days_logged: int
    diet_days: int
    mean_diet_mg: float | None
    mean_supplement_mg: float
    days_above_supplemental_ul: int
    supplemental_ul_mg: float | None


@dataclass(frozen=True, slots=True)
class Report:
    """The analysed trial, ready to render for the person or the clinician."""

    input: ReportInput
    outcomes: tuple[OutcomeResult, ...]
    adherence: Adherence
    intake: IntakeSummary
    changes: tuple[QuestionnaireChange, ...]
    trajectories: dict[str, tuple[TrajectoryPoint, ...]]
    confounders: tuple[ConfounderFlag, ...]
    flags: tuple[str, ...]
    blinding: BlindingCheck | None = None
    transition_days: int = 0


def interim_until(obs: ReportInput) -> date | None:
    """The planned end while the report is made before it (verdicts are then interim)."""
    end = obs.registration.planned_end
    return end if end is not None and obs.generated_on < end else None


def _outcome_result(obs: ReportInput, index: int, settings: AnalysisSettings) -> OutcomeResult:
    """Main and per-protocol effects for ``obs.series[index]``; a verdict only if primary."""
    series = obs.series[index]
    if obs.registration.sealed:
        return OutcomeResult(series.outcome, None, None, (SEALED_REASON,))
    doses = {d.day: (d.planned, d.taken) for d in obs.doses}
    primary = series.outcome.name == obs.registration.primary_outcome
    until = interim_until(obs)
    try:
        effect = evaluate(
            series.observations, series.outcome, settings, primary=primary, interim_until=until
        )
    except InvalidInputError as error:
        return OutcomeResult(series.outcome, None, None, tuple(p.message for p in error.problems))
    sensitivity = (
        per_protocol_effect(
            series.observations,
            doses,
            series.outcome,
            settings,
            primary=primary,
            interim_until=until,
        )
        if doses
        else None
    )
    return OutcomeResult(series.outcome, with_per_protocol(effect, sensitivity), sensitivity)


def _intake(obs: ReportInput) -> IntakeSummary:
    """Average intakes over the logged days and the days above the supplemental UL."""
    ul = obs.plan.supplemental_ul_mg if obs.plan else None
    diet = [d.diet_mg for d in obs.intake if d.diet_mg is not None]
    above = sum(1 for d in obs.intake if ul is not None and d.supplement_mg > ul)
    return IntakeSummary(
        days_logged=len(obs.intake),
        diet_days=len(diet),
        mean_diet_mg=round(fmean(diet), 1) if diet else None,
        mean_supplement_mg=round(fmean(d.supplement_mg for d in obs.intake), 1)
        if obs.intake
        else 0.0,
        days_above_supplemental_ul=above,
        supplemental_ul_mg=ul,
    )


def _flags(
    obs: ReportInput,
    outcomes: tuple[OutcomeResult, ...],
    taken: Adherence,
    intake: IntakeSummary,
    confounders: tuple[ConfounderFlag, ...],
) -> tuple[str, ...]:
    """Everything a reader must not miss, most serious first."""
    from mgcalm.evaluation.report_flags import trial_flags

    flags = list(obs.safety_flags)
    if intake.days_above_supplemental_ul:
        flags.append(
            f"Supplemental magnesium was above the {intake.supplemental_ul_mg:g} mg/day upper "
            f"limit on {intake.days_above_supplemental_ul} day(s)."
        )
    flags += [c.message for c in confounders]
    if taken.planned and taken.share < LOW_ADHERENCE:
        flags.append(
            f"Only {taken.share:.0%} of planned doses were taken; the effect estimates describe "
            "the plan as it was followed, not as written."
        )
    flags += trial_flags(obs, outcomes)
    if isinstance(obs.design, TrialDesign):
        flags += list(design_notes(obs.design))
    return tuple(flags)


def _blinding(obs: ReportInput) -> BlindingCheck | None:
    """The blinding check: pending while sealed, compared with the schedule after unblinding."""
    if not obs.registration.blinded:
        return None
    if obs.registration.sealed:
        return pending_check(obs.guesses)
    design = obs.design
    periods = [label for label, _, _ in design.spans() if is_randomised(label)]
    return blinding_check(obs.guesses, dict(enumerate(periods, start=1)))


def trial_settings(
    spans: Sequence[tuple[str, date, date]],
    transition_days: int | None,
    base: AnalysisSettings = AnalysisSettings(),
) -> AnalysisSettings:
    """How a trial is analysed: its registered transition days, and the switch after a run-in.

    The report and the clinic's pooled view both use it, so a person's own effect is the same
    in both.
    """
    if transition_days is not None:
        base = replace(base, transition_days=transition_days)
    return replace(base, exposure_changes=after_run_in(spans))


def build_report(obs: ReportInput, settings: AnalysisSettings = AnalysisSettings()) -> Report:
    """Run every analysis over the input and collect the results and flags."""
    settings = trial_settings(obs.design.spans(), obs.registration.transition_days, settings)
    outcomes = tuple(_outcome_result(obs, i, settings) for i in range(len(obs.series)))
    on_days = [d for d in obs.doses if obs.design.phase_on(d.day) in CAPSULE_LABELS]
    taken = adherence({d.day: (d.planned, d.taken) for d in on_days})
    intake = _intake(obs)
    spans = obs.design.spans()
    baseline_end: date = spans[0][2]
    confounders = confounder_flags(obs.events, spans)
    blinding = _blinding(obs)
    flags = _flags(obs, outcomes, taken, intake, confounders)
    if blinding and blinding.chance_probability is not None:
        flags += (blinding.message,) if blinding.chance_probability < BROKEN_BELOW else ()
    return Report(
        input=obs,
        outcomes=outcomes,
        adherence=taken,
        intake=intake,
        changes=changes_since_baseline(obs.questionnaires, baseline_end),
        trajectories=trajectories(obs.questionnaires),
        confounders=confounders,
        flags=flags,
        blinding=blinding,
        transition_days=settings.transition_days,
    )
