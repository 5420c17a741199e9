"""The progress page's data: daily series by phase, effects with intervals, adherence, intake.

Effects come from :func:`mgcalm.evaluation.evaluate` (AR(1) errors, calibrated intervals); an
outcome without enough days says how many it still needs instead of showing a number. Only the
primary outcome gets a verdict, and before the planned end its interval is "interim — not a
verdict"; a sealed blinded trial shows no effect at all until it is unblinded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.exports.tidy_csv import series_points
from mgcalm.app.trial import registered
from mgcalm.app.trial.phases import TrialState
from mgcalm.app.views.first_weeks import waiting, what_comes_when
from mgcalm.domain import InvalidInputError
from mgcalm.domain.entries import DoseEntry
from mgcalm.domain.wearables import WEARABLE_MEASURES
from mgcalm.evaluation import OUTCOME_PRESETS, Observation, evaluate, outcome_for
from mgcalm.evaluation.adherence import adherence
from mgcalm.evaluation.wearable_outcomes import THRESHOLD_BASIS
from mgcalm.interop.series import SeriesPoint

#: Trial phase → the analysis phase (titration and maintenance are both "on magnesium"); a
#: sealed "period" has none.
ANALYSIS_PHASE = {
    "baseline": "baseline",
    "titration": "magnesium",
    "maintenance": "magnesium",
    "withdrawal": "withdrawal",
    "magnesium": "magnesium",
    "off": "off",
    "placebo": "placebo",
}
SEALED = "sealed: the results of a blinded trial appear once you unblind it at its end"


@dataclass(frozen=True, slots=True)
class _Verdicts:
    """Which outcome gets a verdict, whether it is still interim, whether the trial is sealed."""

    primary: str | None
    interim_until: date | None
    sealed: bool


def _verdicts(trial: TrialState, today: date) -> _Verdicts:
    end = trial.registration.planned_end if trial.registration else None
    return _Verdicts(trial.primary_outcome, end if end and today < end else None, trial.sealed)


RATINGS = ("anxiety", "sleep_quality", "tension", "mood", "irritability", "energy")
#: Sleep-diary measures: (series id, chart label, axis low, axis high).
SLEEP: tuple[tuple[str, str, float, float], ...] = (
    ("total_sleep_min", "Total sleep (minutes)", 0, 600),
    ("sleep_latency_min", "Minutes to fall asleep", 0, 120),
    ("sleep_efficiency", "Sleep efficiency (%)", 0, 100),
)
#: Series ids whose evaluation preset has another name (direction and threshold differ).
PRESET_NAMES = {
    "total_sleep_min": "total_sleep_minutes",
    "sleep_latency_min": "sleep_onset_minutes",
    "awakenings": "night_awakenings",
}
INTAKE_DAYS = 28


def _by_measure(points: tuple[SeriesPoint, ...]) -> dict[str, list[SeriesPoint]]:
    grouped: dict[str, list[SeriesPoint]] = defaultdict(list)
    for p in points:
        grouped[p.measure].append(p)
    return grouped


def _preset_name(name: str) -> str:
    """The evaluation preset for a series id (direction and smallest worthwhile change)."""
    known = {o.name for o in OUTCOME_PRESETS}
    return name if name in known else PRESET_NAMES.get(name, name)


def _effect(name: str, points: list[SeriesPoint], rules: _Verdicts) -> dict[str, Any]:
    """The effect for one outcome, or what is missing before there can be one."""
    if rules.sealed:
        return {"outcome": name, "ready": False, "missing": [SEALED], "waiting": SEALED}
    observations = [
        Observation(p.date, ANALYSIS_PHASE[p.phase], p.value)  # type: ignore[arg-type]
        for p in points
        if p.phase in ANALYSIS_PHASE
    ]
    try:
        effect = evaluate(
            observations,
            outcome_for(_preset_name(name)),
            primary=name == rules.primary,
            interim_until=rules.interim_until,
        ).to_dict()
        return {**effect, "outcome": name, "ready": True}  # named as the series is
    except InvalidInputError as error:
        missing = [p.message for p in error.problems]
        return {"outcome": name, "ready": False, "missing": missing, "waiting": waiting(error)}


def _adherence(app: App, person_id: str, phases: dict[date, str]) -> dict[str, Any]:
    plan = app.active_plan(person_id)
    per_day = len(plan.doses) if plan else 0
    taken: dict[date, int] = defaultdict(int)
    for stored in app.history(person_id, kinds=["dose"]):
        if isinstance(stored.entry, DoseEntry) and not stored.entry.missed:
            taken[stored.entry.day] += 1
    # Capsule days: magnesium, and a blinded trial's periods (placebo or not, sealed or not).
    on_mg = [
        d
        for d, phase in phases.items()
        if ANALYSIS_PHASE.get(phase) == "magnesium" or phase in ("placebo", "period")
    ]
    result = adherence({d: (per_day, taken.get(d, 0)) for d in on_mg})
    return {
        "planned": result.planned,
        "taken": result.taken,
        "share": round(result.share, 3),
        "days_with_missed_doses": result.days_with_missed_doses,
    }


def _intake(grouped: dict[str, list[SeriesPoint]], today: date) -> list[dict[str, Any]]:
    start = today - timedelta(days=INTAKE_DAYS - 1)
    food = {p.date: p.value for p in grouped.get("food_magnesium_mg", [])}
    supplement = {p.date: p.value for p in grouped.get("magnesium_mg", [])}
    days = (start + timedelta(days=i) for i in range(INTAKE_DAYS))
    return [
        {"day": d.isoformat(), "food_mg": food.get(d), "supplement_mg": supplement.get(d, 0.0)}
        for d in days
    ]


def progress_view(app: App, person_id: str) -> dict[str, Any]:
    """Everything /progress shows, as JSON-ready data."""
    today = app.today()
    grouped = _by_measure(series_points(app, person_id))
    trial = app.trial(person_id)
    primary = trial.primary_outcome or "anxiety"
    rules = _verdicts(trial, today)
    shown = sorted(RATINGS, key=lambda r: r != primary)  # the primary outcome first
    phases = {p.date: p.phase for points in grouped.values() for p in points}
    series = {
        name: [{"day": p.date.isoformat(), "value": p.value, "phase": p.phase} for p in points]
        for name, points in grouped.items()
    }
    questionnaires = {m: series[m] for m in ("pcl5", "pcl5_week", "gad7", "phq9") if m in series}
    return {
        "today": today.isoformat(),
        "primary_outcome": primary,
        "trial": trial.to_json(),
        "registration": _registration(app, person_id, trial),
        "interim_until": rules.interim_until.isoformat() if rules.interim_until else None,
        "what_comes": what_comes_when(trial, today),
        "effects": [_effect(name, grouped[name], rules) for name in shown if name in grouped],
        "series": {name: series[name] for name in shown if name in series},
        "sleep": [
            {
                "id": m,
                "label": label,
                "low": low,
                "high": high,
                "points": series[m],
                "effect": _effect(m, grouped[m], rules),
            }
            for m, label, low, high in SLEEP
            if m in series
        ],
        "wearables": _wearables(grouped, rules),
        "questionnaires": questionnaires,
        "adherence": _adherence(app, person_id, phases),
        "intake": _intake(grouped, today),
        "ul_mg": _ul(app, person_id),
    }


def _threshold(name: str) -> str:
    preset = outcome_for(name)
    return f"{preset.threshold:g} {preset.unit}"


def _wearables(grouped: dict[str, list[SeriesPoint]], rules: _Verdicts) -> list[dict[str, Any]]:
    """The wearable's outcome series with their effects; each chart's axis fits its values."""
    found = []
    for measure in WEARABLE_MEASURES:
        points = grouped.get(measure.series)
        if not measure.outcome or not points:
            continue
        values = [p.value for p in points]
        spread = max(max(values) - min(values), 1.0)
        found.append(
            {
                "id": measure.series,
                "label": f"{measure.text} ({measure.unit})",
                "low": max(0.0, round(min(values) - spread / 4)),
                "high": round(max(values) + spread / 4),
                "points": [
                    {"day": p.date.isoformat(), "value": p.value, "phase": p.phase} for p in points
                ],
                "effect": _effect(measure.series, points, rules),
                "threshold": _threshold(measure.series),
                "threshold_basis": THRESHOLD_BASIS[measure.series],
            }
        )
    return found


def _registration(app: App, person_id: str, trial: TrialState) -> dict[str, Any]:
    """The primary outcome with its dated history, the design and blinding, in words and JSON."""
    reg = registered.registration(app, person_id, trial)
    return {
        "primary_outcome": reg.primary_json(),
        "design": reg.json(),
        "lines": [*reg.history_lines(), *reg.design_lines()],
    }


def _ul(app: App, person_id: str) -> float | None:
    plan = app.active_plan(person_id)
    return plan.reference.supplemental_ul_mg if plan and plan.reference else None


def report_pdf(app: App, person_id: str, clinician: bool) -> bytes:
    """The person's report (or the clinician's, with profile, plan and intervals) as a PDF."""
    from mgcalm.app.trial.reports import stored_report_input
    from mgcalm.evaluation.report import build_report
    from mgcalm.evaluation.report_clinician import clinician_document
    from mgcalm.evaluation.report_pdf import render_pdf
    from mgcalm.evaluation.report_view import person_document

    report = build_report(stored_report_input(app, person_id))
    document = clinician_document(report) if clinician else person_document(report)
    return render_pdf(document)


def report_json(app: App, person_id: str) -> dict[str, Any]:
    """The analysed report as JSON (the same numbers the PDFs show)."""
    from mgcalm.app.trial.reports import stored_report_input
    from mgcalm.evaluation.report import build_report
    from mgcalm.evaluation.report_json import report_json as as_json

    return as_json(build_report(stored_report_input(app, person_id)))
