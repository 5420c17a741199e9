"""The quick look: baseline → magnesium → back to baseline (ABA), and its checks.

Phases run baseline (default 14 days, at least 7) → titration (the plan's "start low, increase
gradually") → maintenance (default 6 weeks; the protocol expects 4–8 weeks of steady use) →
withdrawal, the return to baseline (default 4 weeks). The return is what lets the analysis tell
magnesium from natural change; without it (withdrawal 0, an AB design) the verdict can never be
"likely helped". Titration days count as magnesium days for the analysis, whose first
``transition_days`` after each switch are left out because magnesium is expected to act slowly.
The rigorous alternative, randomised pairs of periods, lives in ``crossover``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS, Observation, Phase
from mgcalm.instruments.catalog import get_instrument

DesignPhase = Literal["baseline", "titration", "maintenance", "withdrawal"]


@dataclass(frozen=True, slots=True)
class TrialDesign:
    """Phase lengths in days, from ``start``, and the questionnaires taken at phase ends."""

    start: date
    baseline_days: int = 14
    titration_days: int = 14
    maintenance_days: int = 42
    withdrawal_days: int = 28
    instruments: tuple[str, ...] = ("pcl5_week", "gad7", "phq9")
    transition_days: int = DEFAULT_TRANSITION_DAYS

    def spans(self) -> tuple[tuple[DesignPhase, date, date], ...]:
        """Each phase with its first and last day (phases of length 0 are left out)."""
        lengths: tuple[tuple[DesignPhase, int], ...] = (
            ("baseline", self.baseline_days),
            ("titration", self.titration_days),
            ("maintenance", self.maintenance_days),
            ("withdrawal", self.withdrawal_days),
        )
        out: list[tuple[DesignPhase, date, date]] = []
        first = self.start
        for phase, length in lengths:
            if length > 0:
                out.append((phase, first, first + timedelta(days=length - 1)))
                first += timedelta(days=length)
        return tuple(out)

    @property
    def end(self) -> date:
        """The last day of the trial."""
        return self.spans()[-1][2]

    def phase_on(self, day: date) -> DesignPhase | None:
        """The phase a day belongs to, or ``None`` outside the trial."""
        return next((p for p, a, b in self.spans() if a <= day <= b), None)


def design_problems(design: TrialDesign) -> list[Problem]:
    """Hard problems: a design that cannot give an honest answer is refused."""
    problems = []
    limits = (
        ("baseline_days", design.baseline_days, 7, 90),
        ("titration_days", design.titration_days, 0, 42),
        ("maintenance_days", design.maintenance_days, 14, 120),
        ("withdrawal_days", design.withdrawal_days, 0, 90),
    )
    for name, value, low, high in limits:
        if not low <= value <= high:
            why = " (needs at least 7 baseline days)" if name == "baseline_days" else ""
            problems.append(
                Problem(f"design.{name}", f"{value} is out of range{why}", f"{low}–{high}")
            )
    problems += _transition_problems(design)
    for instrument_id in design.instruments:
        try:
            get_instrument(instrument_id)
        except InvalidInputError as error:
            problems.extend(error.problems)
    return problems


def _transition_problems(design: TrialDesign) -> list[Problem]:
    """Phases after a switch must outlast the transition days left out of the analysis."""
    if not 0 <= design.transition_days <= 28:
        return [Problem("--transition-days", f"{design.transition_days} is out of range", "0–28")]
    shortest = design.transition_days + 7
    problems = []
    on_days = design.titration_days + design.maintenance_days
    if on_days < shortest:
        problems.append(
            Problem(
                "design.maintenance_days",
                f"titration and maintenance together last {on_days} days, leaving fewer than 7 "
                f"after the {design.transition_days} transition days",
                f"titration + maintenance of at least {shortest} days",
            )
        )
    if 0 < design.withdrawal_days < shortest:
        problems.append(
            Problem(
                "design.withdrawal_days",
                f"{design.withdrawal_days} days leave fewer than 7 after the "
                f"{design.transition_days} transition days",
                f"0 (no return: an AB design) or at least {shortest}",
            )
        )
    return problems


def design_notes(design: TrialDesign) -> tuple[str, ...]:
    """Cautions about a valid design, chiefly phases shorter than a questionnaire's recall."""
    notes: list[str] = []
    if not design.withdrawal_days:
        notes.append(
            "Without a return to baseline (withdrawal 0: an AB design) the result can never be "
            "'likely helped': natural change over the same weeks would look the same."
        )
    if design.maintenance_days < 28:
        notes.append(
            f"Maintenance lasts {design.maintenance_days} days; the protocol expects 4–8 weeks "
            "of steady use before judging."
        )
    on_days = design.titration_days + design.maintenance_days
    for instrument_id in design.instruments:
        instrument = get_instrument(instrument_id)
        recall = instrument.recall_days
        for phase, length in (("magnesium", on_days), ("withdrawal", design.withdrawal_days)):
            if 0 < length < recall:
                notes.append(
                    f"The {instrument.name} asks about {instrument.recall}, longer than the "
                    f"{length}-day {phase} phase, so its end-of-phase score would mix phases."
                )
    return tuple(notes)


def analysis_phase(phase: DesignPhase) -> Phase:
    """How a design phase is labelled for the effect analysis (titration counts as magnesium)."""
    return "magnesium" if phase in ("titration", "maintenance") else phase  # type: ignore[return-value]


def analysis_spans(design: TrialDesign) -> tuple[tuple[Phase, date, date], ...]:
    """The design as analysis conditions: titration and maintenance merge into magnesium."""
    out: list[tuple[Phase, date, date]] = []
    for phase, first, last in design.spans():
        label = analysis_phase(phase)
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1], last)
        else:
            out.append((label, first, last))
    return tuple(out)


def estimate_variability(observations: Sequence[Observation]) -> tuple[float, float]:
    """Day-to-day standard deviation and autocorrelation from baseline days.

    Used once a baseline exists, so the detectable-effect preview reflects the person's own
    spread instead of the 1.5-point default.
    """
    baseline = sorted((o for o in observations if o.phase == "baseline"), key=lambda o: o.day)
    if len(baseline) < 7:
        raise InvalidInputError(
            [Problem("baseline", f"has {len(baseline)} days", "at least 7 baseline days")]
        )
    import numpy as np  # the statistics stack is loaded only when a baseline is analysed

    from mgcalm.evaluation import ar1

    days = np.array([(o.day - baseline[0].day).days for o in baseline], dtype=np.float64)
    values = np.array([o.value for o in baseline], dtype=np.float64)
    phi = ar1.fit(days, values, np.ones((len(days), 1)), column=0).phi_mean
    return float(np.std(values, ddof=1)), phi
