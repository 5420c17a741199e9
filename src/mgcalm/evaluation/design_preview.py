"""What a person sees before day 1: the calendar, cautions, duration and what the design detects.

One preview serves both designs: the quick look (ABA, ``design.TrialDesign``) and the rigorous
randomised pairs (``crossover.RandomisedDesign``). Power comes from ``power.simulate_power`` at
the person's own day-to-day spread when a baseline is known, otherwise at a typical one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.crossover import (
    Period,
    RandomisedDesign,
    analysis_condition,
    randomised_problems,
)
from mgcalm.evaluation.design import TrialDesign, analysis_spans, design_notes, design_problems
from mgcalm.evaluation.power import Power, Span, simulate_power

Design = TrialDesign | RandomisedDesign
DEFAULT_PHIS = (0.2, 0.5, 0.8)
#: A typical day-to-day spread of a 0–10 rating, simulated when the person's own is not known.
TYPICAL_SD = 1.5
#: Simulated trials per autocorrelation: what ``mgcalm design`` runs.
SIMULATED_TRIALS = 200


@dataclass(frozen=True, slots=True)
class DesignPreview:
    """The design, its calendar, its cautions and its simulated power per autocorrelation."""

    design: Design
    notes: tuple[str, ...]
    sd: float
    threshold: float
    powers: tuple[Power, ...]

    @property
    def detectable(self) -> tuple[tuple[float, float], ...]:
        """(autocorrelation, improvement whose interval excludes zero 8 times in 10)."""
        return tuple((p.phi, p.interval_detectable) for p in self.powers)

    def periods(self) -> tuple[Period, ...]:
        """The calendar as conditions (titration and maintenance together are magnesium)."""
        if isinstance(self.design, RandomisedDesign):
            return self.design.periods()
        return tuple(Period(a, b, c) for c, a, b in analysis_spans(self.design))

    def to_dict(self) -> dict[str, Any]:
        """JSON form for ``mgcalm design --json`` (and ``mgcalm trial start --json``)."""
        d = self.design
        end = d.end
        out: dict[str, Any] = {}
        if isinstance(d, RandomisedDesign):
            out |= {
                "seed": d.seed,
                "design": "randomised_pairs",
                "blinded": d.blinded,
                "pairs": d.pairs,
                "period_days": d.period_days,
                "baseline_days": d.baseline_days,
            }
        else:
            out |= {"design": "quick", "blinded": False}
            out["phases"] = [
                {"phase": p, "start": a.isoformat(), "end": b.isoformat(), "days": (b - a).days + 1}
                for p, a, b in d.spans()
            ]
        return out | {
            "open_label": not out["blinded"],
            "start": d.start.isoformat(),
            "end": end.isoformat(),
            "expected_duration_days": (end - d.start).days + 1,
            "transition_days": d.transition_days,
            "periods": [p.to_dict() for p in self.periods()],
            "notes": list(self.notes),
            "assumed_day_to_day_sd": self.sd,
            "threshold": self.threshold,
            "minimum_detectable_improvement": [
                {"autocorrelation": phi, "improvement_80_percent_power": round(mde, 2)}
                for phi, mde in self.detectable
            ],
            "power": [p.to_dict() for p in self.powers],
        }


def _spans(design: Design) -> tuple[Span, ...]:
    if isinstance(design, RandomisedDesign):
        found = ((analysis_condition(p), p.start, p.end) for p in design.periods())
        return tuple((c, a, b) for c, a, b in found if c is not None)
    return analysis_spans(design)


def randomised_notes(design: RandomisedDesign) -> tuple[str, ...]:
    """What the person should know about a randomised design before starting."""
    if design.blinded:
        return (
            "Blinded: a helper fills your pill organiser from identical capsules following the "
            "sealed schedule (`mgcalm trial helper-sheet`); you see the schedule only after the "
            "trial, when you unblind it on purpose.",
        )
    return (
        "Open-label: you know when you take magnesium, and expectations can change how you "
        "feel. A blinded trial (--blinded, with identical placebo capsules) rules that out.",
    )


def preview(
    design: Design,
    sd: float = TYPICAL_SD,
    phis: tuple[float, ...] = DEFAULT_PHIS,
    threshold: float = 1.0,
    series: int = SIMULATED_TRIALS,
) -> DesignPreview:
    """Check a design and simulate what it can detect; raises ``InvalidInputError``.

    ``sd`` is the person's day-to-day standard deviation on the outcome (1.5 points is a
    typical spread for a 0–10 rating when nothing better is known; a baseline gives the real one).
    """
    problems = preview_problems(design, sd, threshold)
    if problems:
        raise InvalidInputError(problems)
    spans = _spans(design)
    powers = tuple(
        simulate_power(spans, sd, phi, threshold, design.transition_days, series) for phi in phis
    )
    if isinstance(design, RandomisedDesign):
        notes = randomised_notes(design)
    else:
        notes = (
            *design_notes(design),
            "Open-label: you know when you take magnesium, and expectations can change how you "
            "feel. For a rigorous answer use randomised pairs: `mgcalm design --randomised "
            "--pairs 3 --period-days 28 --seed N` (add --blinded for placebo capsules).",
        )
    return DesignPreview(design, notes, sd, threshold, powers)


def preview_problems(design: Design, sd: float, threshold: float) -> list[Problem]:
    """Every problem with a design and the simulation's inputs, before anything is simulated."""
    if isinstance(design, RandomisedDesign):
        problems = randomised_problems(design)
    else:
        problems = design_problems(design)
    if not sd > 0:
        problems.append(Problem("sd", f"{sd} is not positive", "> 0"))
    if not threshold > 0:
        problems.append(Problem("--threshold", f"{threshold} is not positive", "> 0"))
    return problems


def start_problem(text: str) -> tuple[date, list[Problem]]:
    """Parse a ``--start`` date; a problem (and a stand-in date) when it is not one."""
    try:
        return date.fromisoformat(text), []
    except ValueError:
        return date(2000, 1, 1), [Problem("--start", f"{text!r} is not a date", "YYYY-MM-DD")]
