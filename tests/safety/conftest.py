"""Fixtures for the safety-flow tests: a person with a plan, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

PROFILE = """
[person]
age = 34
sex = "female"

[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"

[goals]
focus = ["anxiety", "sleep"]
"""
#: The fixed clock's day in ``mgcalm_app`` (tests/conftest.py).
TODAY = date(2026, 11, 26)


@pytest.fixture
def person(mgcalm_app: Any) -> str:
    """A person whose plan (200 mg a day, titrated 100 → 200) is active since 1 November."""
    from mgcalm.domain.profile_parse import parse_profile_toml

    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    record = mgcalm_app.create_person(profile, person_id="me")
    plan = mgcalm_app.plan_for(record.id, today=date(2026, 11, 1))
    assert plan.daily_elemental_mg == 200 and [s.elemental_mg_per_day for s in plan.titration] == [
        100,
        200,
    ]
    return str(record.id)
