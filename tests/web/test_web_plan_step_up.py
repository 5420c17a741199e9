"""The plan page offers the way back up after a step-down: a CSRF-protected form, one step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from fastapi.testclient import TestClient

from mgcalm.app.safety.step_down import step_down_if_needed
from mgcalm.web import deps

BUTTON = "My stools are settled — go back up one step"


def _stepped_down(client: TestClient, person: str) -> date:
    services = deps.app_of(client.app)  # type: ignore[arg-type]
    today = services.today()
    services.plan_for(person, today=today - timedelta(days=20))
    for day in (today - timedelta(days=1), today):
        services.log(person, "side_effect", {"day": day, "bristol_type": 7})
        step_down_if_needed(services, person, day)
    return today


def test_no_form_while_the_plan_is_not_stepped_down(client: TestClient, person: str) -> None:
    deps.app_of(client.app).plan_for(person)  # type: ignore[arg-type]
    assert BUTTON not in client.get("/plan").text
    assert client.get("/api/plan").json()["stepped_down"] is False


def test_going_back_up_from_the_plan_page(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    _stepped_down(client, person)
    page = client.get("/plan").text
    assert BUTTON in page and 'action="/plan/step-up"' in page
    assert client.get("/api/plan").json()["stepped_down"] is True
    refused = client.post("/plan/step-up", data={}, follow_redirects=False)
    assert refused.status_code == 403  # no CSRF token: nothing changes
    response = client.post("/plan/step-up", data={"csrf_token": token("/plan")})
    assert response.status_code == 200 and response.url.path == "/plan"
    assert "Your plan is now 200 mg a day" in response.text and BUTTON not in response.text
    assert client.get("/api/plan").json()["stepped_down"] is False


def test_going_back_up_through_the_api(client: TestClient, person: str) -> None:
    _stepped_down(client, person)
    change = client.post("/api/plan/step-up", json={}).json()
    assert (change["from_mg_per_day"], change["to_mg_per_day"]) == (100, 200)
    again = client.post("/api/plan/step-up", json={})
    assert again.status_code == 422 and "not stepped down" in again.text
