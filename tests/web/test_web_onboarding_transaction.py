"""Onboarding saves everything or nothing; a planner failure is a calm message, not a traceback."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile

from .test_web_onboarding_plan import ANSWERS


def _broken_planner(_profile: Profile) -> Plan:
    raise RuntimeError("the planner broke")


def test_onboarding_page_says_what_happened_when_the_planner_fails(
    client: TestClient, token: Callable[[str], str]
) -> None:
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    services.planner = _broken_planner
    response = client.post("/onboarding", data={"csrf_token": token("/onboarding"), **ANSWERS})
    assert response.status_code == 500
    assert "could not make your plan just now, so nothing was saved" in response.text
    assert "Traceback" not in response.text and "the planner broke" not in response.text
    assert re.search(r'name="day.wake" value="07:00"', response.text)  # the answers are kept
    assert services.people() == []
    assert client.get("/api/today").status_code == 404
