"""Read a stored ``mgcalm.plan/1`` document back into a ``Plan``, collecting every problem.

Keys added after the first form (``resume_after_course``, ``existing``, ``existing_checks``,
``stop_signs``) may be absent: older plans read as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any, TypeVar, cast

from mgcalm.domain.plan_records import (
    PLAN_SCHEMA,
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
    Separation,
    Status,
    TitrationStep,
)
from mgcalm.domain.problems import InvalidInputError, Problem

T = TypeVar("T")


class PlanReader:
    """Reads plan JSON, collecting every problem with its path before giving up."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, data: Any) -> dict[str, Any]:
        """The Plan's fields in ``data``; raises InvalidInputError listing every problem."""
        if not isinstance(data, Mapping):
            raise InvalidInputError([Problem("plan", "must be a JSON object", PLAN_SCHEMA)])
        if data.get("schema") != PLAN_SCHEMA:
            self.report("schema", f"{data.get('schema')!r} is not supported", PLAN_SCHEMA)
        status = data.get("status")
        if status not in STATUSES:
            self.report("status", f"{status!r} is not a plan status", ", ".join(STATUSES))
        ref = self.field(data, "reference", dict, "reference") or {}
        plan = {
            "status": cast(Status, status),
            "reasons": self.items(data, "reasons", self.note),
            "warnings": self.items(data, "warnings", self.note),
            "reference": Reference(
                self.opt_number(ref, "rda_mg", "reference"),
                self.opt_number(ref, "supplemental_ul_mg", "reference"),
                self.opt_number(ref, "diet_mg", "reference"),
            ),
            "target_elemental_mg_per_day": self.field(data, "target_elemental_mg_per_day", int, "")
            or 0,
            "forms": self.items(data, "forms", self.form),
            "titration": self.items(data, "titration", self.step),
            "doses": self.items(data, "doses", self.dose),
            "separations": self.items(data, "separations", self.separation),
            "foods": self.items(data, "foods", self.food),
            "routine": self.items(data, "routine", self.routine_item),
            "resume_after_course": self.resume(data.get("resume_after_course")),
            "existing": self.items(data, "existing", self.existing, required=False),
            "existing_checks": self.items(data, "existing_checks", self.check, required=False),
            "stop_signs": tuple(str(s) for s in data.get("stop_signs") or ()),
        }
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
