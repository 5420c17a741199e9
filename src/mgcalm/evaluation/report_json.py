"""The ``mgcalm.report/1`` JSON form of a :class:`~mgcalm.evaluation.report.Report`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from mgcalm.evaluation.report import OutcomeResult, Report

REPORT_SCHEMA = "mgcalm.report/1"


def _outcome(result: OutcomeResult) -> dict[str, Any]:
    """One outcome's entry: the effect, the per-protocol effect, or why there is none."""
    return {
        "outcome": result.outcome.name,
        "primary": result.primary,
        "effect": result.effect.to_dict() if result.effect else None,
        "per_protocol": result.per_protocol.to_dict() if result.per_protocol else None,
        "not_estimated": list(result.not_estimated),
    }


def _questionnaires(report: Report) -> dict[str, Any]:
    """Reliable change since baseline and every instrument's trajectory."""
    return {
        "changes": [
            {
                "baseline_day": c.baseline_day.isoformat(),
                "latest_day": c.latest_day.isoformat(),
                "sentence": c.sentence,
                **c.change.to_json(),
            }
            for c in report.changes
        ],
        "trajectories": {
            k: [{"day": p.day.isoformat(), "total": p.total, "band": p.band} for p in v]
            for k, v in report.trajectories.items()
        },
    }


def report_json(report: Report) -> dict[str, Any]:
    """A JSON-ready dict of the whole report (dates as ISO strings)."""
    obs = report.input
    return {
        "schema": REPORT_SCHEMA,
        "generated_on": obs.generated_on.isoformat(),
        "person": asdict(obs.person),
        "plan": asdict(obs.plan) if obs.plan else None,
        "primary_outcome": obs.registration.primary_json(),
        "design": {
            "phases": [
                {"phase": p, "start": a.isoformat(), "end": b.isoformat()}
                for p, a, b in obs.design.spans()
            ],
            "instruments": list(obs.design.instruments),
            **obs.registration.json(),
            "transition_days": report.transition_days,
        },
        "blinding": {
            "status": obs.registration.blinding_status,
            "check": report.blinding.to_dict() if report.blinding else None,
        },
        "outcomes": [_outcome(r) for r in report.outcomes],
        "adherence": {
            "planned": report.adherence.planned,
            "taken": report.adherence.taken,
            "share": round(report.adherence.share, 3),
            "days_with_missed_doses": report.adherence.days_with_missed_doses,
        },
        "intake": asdict(report.intake),
        "questionnaires": _questionnaires(report),
        "side_effects": [
            {"day": s.day.isoformat(), "what": s.what, "detail": s.detail} for s in obs.side_effects
        ],
        "confounders": [
            {"day": c.day.isoformat(), "kind": c.kind, "what": c.what, "phase": c.phase}
            for c in report.confounders
        ],
        "flags": list(report.flags),
        "safety_flags": list(obs.safety_flags),
        "crisis_lines": list(obs.crisis_lines),
        "stop_in_force": obs.stop_in_force or None,
    }
