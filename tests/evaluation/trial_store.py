"""Build stored trials for the registration and blinding tests (a helper module, not a test)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mgcalm.app import Settings, open_app
from mgcalm.app.trial import registration as registration_module
from mgcalm.app.trial.registration import RegistrationRequest, register
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = """
[person]
age = 41
sex = "male"
[health]
kidney = "normal"
[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"
[goals]
focus = ["anxiety"]
"""


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime = field(default_factory=lambda: datetime(2026, 1, 1, 9, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: date) -> None:
        self.now = datetime.combine(day, time(9, 0), tzinfo=UTC)


def open_person(data_dir: Path, clock: Clock) -> Any:
    """An app on ``data_dir`` with the test clock and one person ("me") with a plan."""
    app = open_app(Settings(data_dir=data_dir), clock=clock)
    app.food_lookup = None
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    app.create_person(profile, person_id="me")
    app.plan_for("me", clock().date())
    return app


def log_titrated(app: Any, person_id: str, last_day: date, days: int = 7) -> None:
    """Log the plan's full daily dose, taken, on ``days`` days up to ``last_day``.

    Someone who has taken the planned dose for a full step already needs no run-in.
    """
    plan = app.active_plan(person_id)
    rows = [
        {"kind": "dose", "id": f"before-{i}", "day": last_day - timedelta(days=i),
         "form": "glycinate", "elemental_mg": plan.daily_elemental_mg, "taken_time": "08:00"}
        for i in range(days)
    ]  # fmt: skip
    app.log_many(person_id, rows)


def blinded_trial(
    data_dir: Path,
    start: date,
    seed: int,
    monkeypatch: Any,
    *,
    logged_until: date | None = None,
    values: Any = None,
    titrated: bool = True,
) -> Any:
    """A registered blinded trial (2 pairs of 28 days after 14 baseline days) with check-ins.

    ``seed`` is the one mgcalm "draws"; ``values(day)`` gives each day's anxiety (by default
    the same every-day pattern whatever the allocation, so two seeds give identical data).
    ``titrated``: the person took the planned dose for a week a month before, so the trial has
    no run-in; otherwise it has one between the baseline and the first period.
    """
    clock = Clock()
    clock.set(start)
    app = open_person(data_dir, clock)
    if titrated:
        log_titrated(app, "me", start - timedelta(days=30))
    monkeypatch.setattr(registration_module.secrets, "randbelow", lambda _: seed)
    request = RegistrationRequest(
        outcome="anxiety", randomised=True, blinded=True, pairs=2, period_days=28
    )
    register(app, "me", request)
    last = logged_until or start + timedelta(days=14 + 4 * 28 - 1)
    rows: list[dict[str, Any]] = []
    day = start
    while day <= last:
        i = (day - start).days
        anxiety = values(day) if values else 4 + (i * 7) % 5
        rows.append({"kind": "checkin", "id": f"c{i}", "day": day, "anxiety": anxiety})
        if i >= 14:
            rows.append(
                {"kind": "dose", "id": f"d{i}", "day": day, "form": "glycinate",
                 "elemental_mg": 150, "taken_time": "21:30"}
            )  # fmt: skip
        day += timedelta(days=1)
    app.log_many("me", rows)
    app.clock = clock
    return app, clock
