"""A magnesium plan (``mgcalm.plan/1``): status, reasons, dose, titration, dose times, routine.

The planner builds it; the CLI, the web pages, the calendar export and the store read it. The
JSON shape is a contract (see DESIGN.md): ``Plan.to_json`` writes it and ``Plan.from_json``
reads a stored one back, reporting every problem in it at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, time
from typing import Any, Literal, TypeVar, cast

from mgcalm.domain.problems import InvalidInputError, Problem

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
            "elemental_mg_per_day": _num(self.elemental_mg_per_day),
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
            "time": _json_value(self.at),
            "medication": self.medication,
            "medication_time": _json_value(self.medication_time),
            "satisfied": self.satisfied,
            "suggested_time": _json_value(self.suggested_time),
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
            "titration": [_record_json(t) for t in self.titration],
            "doses": [_record_json(d) for d in self.doses],
        }


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
                "reasons": [_record_json(n) for n in self.reasons],
                "warnings": [_record_json(n) for n in self.warnings],
                "reference": _record_json(self.reference),
                "target_elemental_mg_per_day": self.target_elemental_mg_per_day,
            }
            | {name: [_record_json(r) for r in getattr(self, name)] for name in items}
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
        return _PlanReader().read(data)


def _record_json(record: Any) -> dict[str, Any]:
    """One record as JSON: times as "HH:MM", tuples as lists, whole floats as integers."""
    return {f.name: _json_value(getattr(record, f.name)) for f in fields(record)}


def _json_value(value: Any) -> Any:
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return _num(value)
    return value


def _num(value: float | None) -> float | int | None:
    """Whole numbers print as integers (350, not 350.0), so the JSON reads as written."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


T = TypeVar("T")


class _PlanReader:
    """Reads plan JSON, collecting every problem with its path before giving up."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, data: Any) -> Plan:
        """The Plan in ``data``; raises InvalidInputError listing every problem."""
        if not isinstance(data, Mapping):
            raise InvalidInputError([Problem("plan", "must be a JSON object", PLAN_SCHEMA)])
        if data.get("schema") != PLAN_SCHEMA:
            self.report("schema", f"{data.get('schema')!r} is not supported", PLAN_SCHEMA)
        status = data.get("status")
        if status not in STATUSES:
            self.report("status", f"{status!r} is not a plan status", ", ".join(STATUSES))
        ref = self.field(data, "reference", dict, "reference") or {}
        plan = Plan(
            status=cast(Status, status),
            reasons=self.items(data, "reasons", self.note),
            warnings=self.items(data, "warnings", self.note),
            reference=Reference(
                self.opt_number(ref, "rda_mg", "reference"),
                self.opt_number(ref, "supplemental_ul_mg", "reference"),
                self.opt_number(ref, "diet_mg", "reference"),
            ),
            target_elemental_mg_per_day=self.field(data, "target_elemental_mg_per_day", int, "")
            or 0,
            forms=self.items(data, "forms", self.form),
            titration=self.items(data, "titration", self.step),
            doses=self.items(data, "doses", self.dose),
            separations=self.items(data, "separations", self.separation),
            foods=self.items(data, "foods", self.food),
            routine=self.items(data, "routine", self.routine_item),
            resume_after_course=self.resume(data.get("resume_after_course")),
            existing=self.items(data, "existing", self.existing, required=False),
            existing_checks=self.items(data, "existing_checks", self.check, required=False),
            stop_signs=tuple(str(s) for s in data.get("stop_signs") or ()),
        )
        if self.problems:
            raise InvalidInputError(self.problems)
        return plan

    def resume(self, data: Any) -> ResumeAfterCourse | None:
        """The optional doses for after a paused course."""
        if data is None:
            return None
        where = "resume_after_course"
        if not isinstance(data, Mapping):
            self.report(where, "must be an object")
            return None
        try:
            resume_on = date.fromisoformat(str(data.get("resume_on")))
        except ValueError:
            self.report(f"{where}.resume_on", "not a date", "YYYY-MM-DD")
            resume_on = date.min
        return ResumeAfterCourse(
            resume_on,
            self.field(data, "target_elemental_mg_per_day", int, where) or 0,
            self.items(data, "titration", self.step),
            self.items(data, "doses", self.dose),
        )

    def report(self, where: str, message: str, accepted: str = "") -> None:
        """Record a problem at ``where`` inside the plan."""
        self.problems.append(Problem(f"plan: {where}", message, accepted))

    def field(self, data: Mapping[str, Any], key: str, kind: type[T], where: str) -> T | None:
        """The value at ``key`` if it has type ``kind``, else None (reported)."""
        value = data.get(key)
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            path = f"{where}.{key}" if where else key
            self.report(path, f"missing or not {kind.__name__}: {value!r}", kind.__name__)
            return None
        return cast(T, value)

    def opt_number(self, data: Mapping[str, Any], key: str, where: str) -> float | None:
        """A number or null at ``key``."""
        return None if data.get(key) is None else self.number(data, key, where)

    def number(self, data: Mapping[str, Any], key: str, where: str) -> float:
        """A number at ``key`` (0.0 and reported if missing)."""
        value = data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.report(f"{where}.{key}", f"missing or not a number: {value!r}", "a number")
        return 0.0

    def clock(self, data: Mapping[str, Any], key: str, where: str) -> time:
        """A "HH:MM" time at ``key`` (midnight and reported if missing)."""
        value = data.get(key)
        if isinstance(value, str):
            try:
                return time.fromisoformat(value)
            except ValueError:
                pass
        self.report(f"{where}.{key}", f"not a time: {value!r}", '"HH:MM"')
        return time(0, 0)

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        """Text at ``key`` ("" and reported if missing)."""
        return self.field(data, key, str, where) or ""

    def items(
        self,
        data: Mapping[str, Any],
        key: str,
        read: Callable[[Mapping[str, Any], str], T],
        required: bool = True,
    ) -> tuple[T, ...]:
        """The list at ``key``, each object read with ``read`` (absent is fine if not required)."""
        if not required and data.get(key) is None:
            return ()
        values = self.field(data, key, list, "") or []
        found: list[T] = []
        for i, value in enumerate(values):
            where = f"{key}[{i}]"
            if isinstance(value, Mapping):
                found.append(read(value, where))
            else:
                self.report(where, "must be an object")
        return tuple(found)

    def sources(self, data: Mapping[str, Any], where: str) -> tuple[str, ...]:
        """The list of source ids at ``sources``."""
        values = self.field(data, "sources", list, where) or []
        return tuple(str(v) for v in values)

    def note(self, data: Mapping[str, Any], where: str) -> Note:
        """A reason or warning."""
        return Note(
            self.text(data, "code", where),
            self.text(data, "message", where),
            self.sources(data, where),
        )

    def form(self, data: Mapping[str, Any], where: str) -> FormChoice:
        """A form choice."""
        return FormChoice(
            self.text(data, "form", where),
            self.text(data, "why", where),
            self.text(data, "evidence_grade", where),
            self.sources(data, where),
        )

    def step(self, data: Mapping[str, Any], where: str) -> TitrationStep:
        """A titration step."""
        return TitrationStep(
            self.field(data, "day", int, where) or 0,
            self.field(data, "elemental_mg_per_day", int, where) or 0,
        )

    def dose(self, data: Mapping[str, Any], where: str) -> Dose:
        """A dose."""
        return Dose(
            self.clock(data, "time", where),
            self.text(data, "form", where),
            self.field(data, "elemental_mg", int, where) or 0,
            self.field(data, "compound_mg", int, where) or 0,
            bool(self.field(data, "with_food", bool, where)),
            self.text(data, "purpose", where),
        )

    def separation(self, data: Mapping[str, Any], where: str) -> Separation:
        """A separation check."""
        return Separation(
            self.text(data, "medication", where),
            self.clock(data, "medication_time", where),
            self.number(data, "min_hours_med_before_mg", where),
            self.number(data, "min_hours_mg_before_med", where),
            bool(self.field(data, "satisfied", bool, where)),
        )

    def existing(self, data: Mapping[str, Any], where: str) -> ExistingIntake:
        """An intake the person already takes."""
        amount = data.get("elemental_mg_per_day")
        times = [self.clock({"t": t}, "t", where) for t in data.get("times") or ()]
        return ExistingIntake(
            self.text(data, "name", where),
            self.text(data, "kind", where),
            tuple(str(m) for m in data.get("minerals") or ()),
            tuple(times),
            None if amount is None else self.number(data, "elemental_mg_per_day", where),
            str(data.get("basis") or ""),
        )

    def check(self, data: Mapping[str, Any], where: str) -> ExistingCheck:
        """An existing intake's time checked against a medicine's window."""
        suggested = data.get("suggested_time")
        return ExistingCheck(
            self.text(data, "intake", where),
            self.clock(data, "time", where),
            self.text(data, "medication", where),
            self.clock(data, "medication_time", where),
            bool(self.field(data, "satisfied", bool, where)),
            None if suggested is None else self.clock(data, "suggested_time", where),
        )

    def food(self, data: Mapping[str, Any], where: str) -> FoodSuggestion:
        """A food suggestion."""
        return FoodSuggestion(
            self.text(data, "food", where), self.field(data, "magnesium_mg", int, where) or 0
        )

    def routine_item(self, data: Mapping[str, Any], where: str) -> RoutineItem:
        """A routine item."""
        return RoutineItem(
            self.clock(data, "time", where),
            self.text(data, "kind", where),
            self.text(data, "what", where),
        )
