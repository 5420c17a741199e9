"""What is due today and what is done: the plan's doses against today's entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mgcalm.app.tracking.entries import StoredEntry
from mgcalm.domain.entries import DoseEntry, FoodEntry, PracticeEntry
from mgcalm.domain.plan import Plan


@dataclass(frozen=True, slots=True)
class DueDose:
    """A planned dose and whether an entry for it was logged (taken or missed)."""

    time: str
    form: str
    elemental_mg: int
    status: str  # "due", "taken" or "missed"


@dataclass(frozen=True, slots=True)
class TodayStatus:
    """Today's doses, whether the check-in and sleep diary are done, and the day's totals."""

    day: date
    plan_status: str | None
    doses: tuple[DueDose, ...]
    checkin_done: bool
    sleep_diary_done: bool
    supplement_mg: float
    food_mg: float
    practice_minutes: int
    entries: int

    def to_json(self) -> dict[str, Any]:
        """A JSON form for ``mgcalm today --json`` and the web page."""
        return {
            "day": self.day.isoformat(),
            "plan_status": self.plan_status,
            "doses": [
                {"time": d.time, "form": d.form, "elemental_mg": d.elemental_mg, "status": d.status}
                for d in self.doses
            ],
            "checkin_done": self.checkin_done,
            "sleep_diary_done": self.sleep_diary_done,
            "supplement_mg": self.supplement_mg,
            "food_mg": self.food_mg,
            "practice_minutes": self.practice_minutes,
            "entries": self.entries,
        }


def today_status(plan: Plan | None, stored: Sequence[StoredEntry], day: date) -> TodayStatus:
    """Match today's logged doses to the plan's dose times; sum the day's magnesium."""
    entries = [s.entry for s in stored]
    doses = [e for e in entries if isinstance(e, DoseEntry)]
    by_time = {f"{d.planned_time:%H:%M}": d for d in doses if d.planned_time is not None}
    due = []
    for planned in plan.doses if plan else ():
        clock = f"{planned.time:%H:%M}"
        logged = by_time.get(clock)
        status = "due" if logged is None else ("missed" if logged.missed else "taken")
        due.append(DueDose(clock, planned.form, planned.elemental_mg, status))
    return TodayStatus(
        day=day,
        plan_status=plan.status if plan else None,
        doses=tuple(due),
        checkin_done=any(e.kind == "checkin" for e in entries),
        sleep_diary_done=any(e.kind == "sleep" for e in entries),
        supplement_mg=sum(d.elemental_mg for d in doses if not d.missed),
        food_mg=sum(e.magnesium_mg for e in entries if isinstance(e, FoodEntry)),
        practice_minutes=sum(e.minutes for e in entries if isinstance(e, PracticeEntry)),
        entries=len(entries),
    )
