"""The personal trial's design: phases, checks against questionnaire recall, and what it can detect.

Phases run baseline (default 14 days, at least 7) → titration (the plan's "start low, increase
gradually") → maintenance (default 6 weeks; the protocol expects 4–8 weeks of steady use) →
an optional withdrawal. Titration days count as magnesium days for the analysis, whose first
``transition_days`` are left out because magnesium is expected to act slowly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation import ar1
from mgcalm.evaluation.series import AnalysisSettings, Observation
from mgcalm.evaluation.simulate import ar1_noise
from mgcalm.instruments.catalog import get_instrument

DesignPhase = Literal["baseline", "titration", "maintenance", "withdrawal"]


@dataclass(frozen=True, slots=True)
class TrialDesign:
    """Phase lengths in days, from ``start``, and the questionnaires taken at phase ends."""

    start: date
    baseline_days: int = 14
    titration_days: int = 14
    maintenance_days: int = 42
    withdrawal_days: int = 0
    instruments: tuple[str, ...] = ("pcl5_week", "gad7", "phq9")

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
    for instrument_id in design.instruments:
        try:
            get_instrument(instrument_id)
        except InvalidInputError as error:
            problems.extend(error.problems)
    return problems


def design_notes(design: TrialDesign) -> tuple[str, ...]:
    """Cautions about a valid design, chiefly phases shorter than a questionnaire's recall."""
    notes: list[str] = []
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


def analysis_phase(phase: DesignPhase) -> Literal["baseline", "magnesium", "withdrawal"]:
    """How a design phase is labelled for the effect analysis (titration counts as magnesium)."""
    return "magnesium" if phase in ("titration", "maintenance") else phase  # type: ignore[return-value]


def minimum_detectable_effect(
    design: TrialDesign,
    sd: float,
    phi: float,
    seed: int = 1,
    series: int = 200,
    power: float = 0.8,
    settings: AnalysisSettings = AnalysisSettings(),
) -> float:
    """Smallest improvement the design detects with ``power`` (simulated, AR(1) days).

    "Detect" means the 95 % interval excludes zero on the better side. The posterior of the
    effect shifts exactly with the true effect (the autocorrelation's likelihood does not depend
    on it), so simulating null series is enough: the improvement detected with probability
    ``power`` is that quantile of the null intervals' better-side bound.
    """
    days, on = _analysed_days(design, settings.transition_days)
    columns = [np.ones_like(days), on]
    if design.withdrawal_days and settings.trend != "off":
        columns.append((days - days.mean()) / max(float(np.ptp(days)), 1.0))
    x = np.column_stack(columns)
    rng = np.random.default_rng(seed)
    total = int(design.end.toordinal() - design.start.toordinal() + 1)
    bounds = np.empty(series)
    for k in range(series):
        noise = ar1_noise(rng, total, phi, sd)
        _, high = ar1.fit(days, noise[days.astype(int)], x, column=1).interval(settings.level)
        bounds[k] = high
    return float(np.quantile(bounds, power))


def _analysed_days(design: TrialDesign, transition: int) -> tuple[ar1.FloatArray, ar1.FloatArray]:
    """Day numbers kept for analysis and their magnesium indicator."""
    days: list[int] = []
    on: list[float] = []
    magnesium_start = design.baseline_days
    withdrawal_start = design.baseline_days + design.titration_days + design.maintenance_days
    for i in range(withdrawal_start + design.withdrawal_days):
        in_magnesium = magnesium_start <= i < withdrawal_start
        since = i - (magnesium_start if in_magnesium else withdrawal_start)
        if i >= magnesium_start and since < transition:
            continue
        days.append(i)
        on.append(1.0 if in_magnesium else 0.0)
    return np.array(days, dtype=np.float64), np.array(on, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class DesignPreview:
    """What a person sees before day 1: the calendar, cautions and what the design can detect."""

    design: TrialDesign
    notes: tuple[str, ...]
    sd: float
    detectable: tuple[tuple[float, float], ...]

    def to_dict(self) -> dict[str, object]:
        """JSON form for ``mgcalm trial start --json`` and the web page."""
        return {
            "phases": [
                {"phase": p, "start": a.isoformat(), "end": b.isoformat(), "days": (b - a).days + 1}
                for p, a, b in self.design.spans()
            ],
            "notes": list(self.notes),
            "assumed_day_to_day_sd": self.sd,
            "minimum_detectable_improvement": [
                {"autocorrelation": phi, "improvement_80_percent_power": round(mde, 2)}
                for phi, mde in self.detectable
            ],
        }


def preview(
    design: TrialDesign, sd: float = 1.5, phis: tuple[float, ...] = (0.2, 0.5, 0.8)
) -> DesignPreview:
    """Check a design and simulate what it can detect; raises ``InvalidInputError``.

    ``sd`` is the person's day-to-day standard deviation on the outcome (1.5 points is a
    typical spread for a 0–10 rating when nothing better is known; a baseline gives the real one).
    """
    problems = design_problems(design)
    if not sd > 0:
        problems.append(Problem("sd", f"{sd} is not positive", "> 0"))
    if problems:
        raise InvalidInputError(problems)
    detectable = tuple((phi, minimum_detectable_effect(design, sd, phi)) for phi in phis)
    return DesignPreview(design, design_notes(design), sd, detectable)


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
    days = np.array([(o.day - baseline[0].day).days for o in baseline], dtype=np.float64)
    values = np.array([o.value for o in baseline], dtype=np.float64)
    phi = ar1.fit(days, values, np.ones((len(days), 1)), column=0).phi_mean
    return float(np.std(values, ddof=1)), phi
