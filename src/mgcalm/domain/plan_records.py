"""The records a plan (``mgcalm.plan/1``) is made of, and how each is written as JSON.

``mgcalm.domain.plan`` assembles them into ``Plan`` and re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, time
from typing import Any, Literal

PLAN_SCHEMA = "mgcalm.plan/1"

Status = Literal["ok", "caution", "clinician_required", "not_recommended"]
STATUSES: tuple[Status, ...] = ("ok", "caution", "clinician_required", "not_recommended")
# Stronger statuses win when several rules apply.
STATUS_RANK: Mapping[str, int] = {s: i for i, s in enumerate(STATUSES)}
RoutineKind = Literal["dose", "meal", "food", "practice", "wind_down", "sleep"]
ROUTINE_KINDS: tuple[RoutineKind, ...] = ("dose", "meal", "food", "practice", "wind_down", "sleep")


@dataclass(frozen=True, slots=True)
class Note:
    """A reason or warning: a stable code, a message for the person, and its sources."""

    code: str
    message: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reference:
    """The reference intakes the dose was set against; food never counts toward the UL."""

    rda_mg: float | None
    supplemental_ul_mg: float | None
    diet_mg: float | None


@dataclass(frozen=True, slots=True)
class FormChoice:
    """A magnesium form chosen for the person's goals, with the honest why, grade and sources."""

    form: str
    why: str
    evidence_grade: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TitrationStep:
    """From ``day`` on (day 1 = first day), take this much elemental magnesium per day."""

    day: int
    elemental_mg_per_day: int


@dataclass(frozen=True, slots=True)
class Dose:
    """One dose of the maintenance day."""

    time: time
    form: str
    elemental_mg: int
    compound_mg: int
    with_food: bool
    purpose: str


@dataclass(frozen=True, slots=True)
class Separation:
    """A medication time and the gap it needs from magnesium, checked on the 24-hour circle."""

    medication: str
    medication_time: time
    min_hours_med_before_mg: float
    min_hours_mg_before_med: float
    satisfied: bool


@dataclass(frozen=True, slots=True)
class FoodSuggestion:
    """A magnesium-rich food portion toward the dietary gap."""

    food: str
    magnesium_mg: int


@dataclass(frozen=True, slots=True)
class RoutineItem:
    """One item of the day's routine, at the person's own time."""

    time: time
    kind: str
    what: str


@dataclass(frozen=True, slots=True)
class ExistingIntake:
    """Something the person already takes that holds magnesium, calcium, iron or zinc.

    ``elemental_mg_per_day`` is the magnesium counted toward the supplemental limit (None when
    the amount is unknown, in which case the plan adds no magnesium); ``basis`` says how it
    was counted.
    """

    name: str
    kind: str  # "supplement" or "medicine"
    minerals: tuple[str, ...]
    times: tuple[time, ...]
    elemental_mg_per_day: float | None
    basis: str

    def to_json(self) -> dict[str, Any]:
        """One entry of the plan's ``existing`` list."""
        return {
            "name": self.name,
            "kind": self.kind,
            "minerals": list(self.minerals),
            "times": [f"{t:%H:%M}" for t in self.times],
            "elemental_mg_per_day": num(self.elemental_mg_per_day),
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class ExistingCheck:
    """One time of an existing intake checked against one medicine's window."""

    intake: str
    at: time
    medication: str
    medication_time: time
    satisfied: bool
    suggested_time: time | None

    def to_json(self) -> dict[str, Any]:
        """One entry of the plan's ``existing_checks`` list."""
        return {
            "intake": self.intake,
            "time": json_value(self.at),
            "medication": self.medication,
            "medication_time": json_value(self.medication_time),
            "satisfied": self.satisfied,
            "suggested_time": json_value(self.suggested_time),
        }


@dataclass(frozen=True, slots=True)
class ResumeAfterCourse:
    """The doses for after a short course that leaves no safe time of day (additive to /1).

    While such a course runs, magnesium pauses, so the plan's own ``doses`` are empty and no
    dose can fall inside the course's window; these are the doses to start on ``resume_on``.
    """

    resume_on: date
    target_elemental_mg_per_day: int
    titration: tuple[TitrationStep, ...]
    doses: tuple[Dose, ...]

    def to_json(self) -> dict[str, Any]:
        """The ``resume_after_course`` object of the plan JSON."""
        return {
            "resume_on": self.resume_on.isoformat(),
            "target_elemental_mg_per_day": self.target_elemental_mg_per_day,
            "titration": [record_json(t) for t in self.titration],
            "doses": [record_json(d) for d in self.doses],
        }


def record_json(record: Any) -> dict[str, Any]:
    """One record as JSON: times as "HH:MM", tuples as lists, whole floats as integers."""
    return {f.name: json_value(getattr(record, f.name)) for f in fields(record)}


def json_value(value: Any) -> Any:
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return num(value)
    return value


def num(value: float | None) -> float | int | None:
    """Whole numbers print as integers (350, not 350.0), so the JSON reads as written."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
