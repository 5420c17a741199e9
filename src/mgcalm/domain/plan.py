"""A magnesium plan (``mgcalm.plan/1``): status, reasons, dose, titration, dose times, routine.

The planner builds it; the CLI, the web pages, the calendar export and the store read it. The
JSON shape is a contract (see DESIGN.md): ``Plan.to_json`` writes it and ``Plan.from_json``
reads a stored one back, reporting every problem in it at once. The records it is made of live
in ``plan_records`` and are re-exported here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mgcalm.domain.plan_read import PlanReader
from mgcalm.domain.plan_records import (
    PLAN_SCHEMA,
    ROUTINE_KINDS,
    STATUS_RANK,
    STATUSES,
    Dose,
    ExistingCheck,
    ExistingIntake,
    FoodSuggestion,
    FormChoice,
    Note,
    Reference,
    ResumeAfterCourse,
    RoutineItem,
    RoutineKind,
    Separation,
    Status,
    TitrationStep,
    record_json,
)
from mgcalm.domain.problems import InvalidInputError, Problem

__all__ = [
    "PLAN_SCHEMA",
    "ROUTINE_KINDS",
    "STATUSES",
    "STATUS_RANK",
    "Dose",
    "ExistingCheck",
    "ExistingIntake",
    "FoodSuggestion",
    "FormChoice",
    "Note",
    "Plan",
    "Reference",
    "ResumeAfterCourse",
    "RoutineItem",
    "RoutineKind",
    "Separation",
    "Status",
    "TitrationStep",
]


@dataclass(frozen=True, slots=True)
class Plan:
    """The whole plan; ``doses`` is the maintenance day and ``titration`` how to reach it."""

    status: Status
    reasons: tuple[Note, ...]
    warnings: tuple[Note, ...]
    reference: Reference
    target_elemental_mg_per_day: int
    forms: tuple[FormChoice, ...]
    titration: tuple[TitrationStep, ...]
    doses: tuple[Dose, ...]
    separations: tuple[Separation, ...]
    foods: tuple[FoodSuggestion, ...]
    routine: tuple[RoutineItem, ...]
    resume_after_course: ResumeAfterCourse | None = None
    # Added to mgcalm.plan/1 (readers of the first form ignore them):
    existing: tuple[ExistingIntake, ...] = ()
    existing_checks: tuple[ExistingCheck, ...] = ()
    stop_signs: tuple[str, ...] = ()

    @property
    def supplemental_mg_per_day(self) -> float:
        """Planned plus already-taken supplemental magnesium (what the UL limits)."""
        known = sum(e.elemental_mg_per_day or 0.0 for e in self.existing)
        return self.daily_elemental_mg + known

    @property
    def daily_elemental_mg(self) -> int:
        """Elemental magnesium per day across the maintenance doses."""
        return sum(d.elemental_mg for d in self.doses)

    def to_json(self) -> dict[str, Any]:
        """The ``mgcalm.plan/1`` mapping (ready for ``json.dumps``).

        Each record's fields are declared in the contract's key order, so they map one to one.
        """
        items = ("forms", "titration", "doses", "separations", "foods", "routine")
        extra: dict[str, Any] = {
            "existing": [e.to_json() for e in self.existing],
            "existing_checks": [c.to_json() for c in self.existing_checks],
            "stop_signs": list(self.stop_signs),
        }
        if self.resume_after_course is not None:
            extra["resume_after_course"] = self.resume_after_course.to_json()
        return (
            {
                "schema": PLAN_SCHEMA,
                "status": self.status,
                "reasons": [record_json(n) for n in self.reasons],
                "warnings": [record_json(n) for n in self.warnings],
                "reference": record_json(self.reference),
                "target_elemental_mg_per_day": self.target_elemental_mg_per_day,
            }
            | {name: [record_json(r) for r in getattr(self, name)] for name in items}
            | extra
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str) -> Plan:
        """Read a ``mgcalm.plan/1`` mapping or JSON text; raises InvalidInputError on any flaw."""
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except json.JSONDecodeError as error:
                raise InvalidInputError([Problem("plan", f"not JSON: {error}")]) from error
        return cls(**PlanReader().read(data))
