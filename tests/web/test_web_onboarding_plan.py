"""Onboarding turns answers into a safe plan; the plan shows sources and grades on every claim."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

ANSWERS = {
    "name": "Sam",
    "person.age": "34",
    "person.sex": "female",
    "health.kidney": "normal",
    "day.wake": "07:00",
    "day.breakfast": "07:30",
    "day.lunch": "12:30",
    "day.dinner": "18:30",
    "day.bedtime": "23:00",
    "goals.focus": ["anxiety", "sleep"],
    "outcome": "anxiety",
    "medications[0].name": "levothyroxine",
    "medications[0].times": "06:30",
}


def _errors(html: str) -> list[str]:
    return re.findall(r'class="field-error"[^>]*>([^<]*)', html)


def test_before_onboarding_today_leads_to_onboarding(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"
    assert client.get("/api/today").status_code == 404


def test_every_onboarding_field_has_a_label(client: TestClient) -> None:
    html = client.get("/onboarding").text
    ids = re.findall(r'<input type="(?:text|number|time)" id="([^"]+)"', html)
    assert ids and all(f'for="{i}"' in html for i in ids)


def test_onboarding_shows_every_problem_beside_its_field(
    client: TestClient, token: Callable[[str], str]
) -> None:
    form = {
        "csrf_token": token("/onboarding"),
        "person.age": "300",
        "day.wake": "25:99",
        "goals.focus": ["anxiety", "flying"],
        "medications[0].name": "levothyroxine",
        "medications[0].times": "6.30",
    }
    response = client.post("/onboarding", data=form)
    assert response.status_code == 422
    errors = " | ".join(_errors(response.text))
    for expected in ("300 is out of range", "25:99", "flying", "6.30", "female, male"):
        assert expected in errors
    assert 'value="300"' in response.text  # what was typed is kept
    assert client.get("/api/today").status_code == 404  # nothing was saved


def test_onboarding_makes_a_plan_with_sources_and_grades(
    client: TestClient, token: Callable[[str], str]
) -> None:
    response = client.post("/onboarding", data={"csrf_token": token("/onboarding"), **ANSWERS})
    assert response.status_code == 200, _errors(response.text)
    assert response.url.path == "/plan"
    html = response.text
    assert "Your plan is ready" in html and "levothyroxine" in html
    assert "evidence:" in html and "Sources:" in html
    plan = client.get("/api/plan").json()
    assert plan["plan"]["schema"] == "mgcalm.plan/1"
    assert all(f["sources"] and f["evidence_grade"] for f in plan["plan"]["forms"])
    assert sum(d["elemental_mg"] for d in plan["plan"]["doses"]) <= 350
    cited = {s for f in plan["plan"]["forms"] for s in f["sources"]}
    assert cited <= set(plan["sources"])


def test_onboarding_twice_updates_the_one_person(
    client: TestClient, token: Callable[[str], str]
) -> None:
    csrf = token("/onboarding")
    client.post("/onboarding", data={"csrf_token": csrf, **ANSWERS})
    client.post("/onboarding", data={"csrf_token": csrf, **ANSWERS, "person.age": "35"})
    assert client.get("/api/today").status_code == 200


def test_api_onboarding_reports_problems_as_json(client: TestClient) -> None:
    response = client.post("/api/onboarding", json={"person.age": "x", "person.sex": "other"})
    assert response.status_code == 422
    locations = {p["location"] for p in response.json()["problems"]}
    assert {"person.age", "person.sex", "day.wake"} <= locations


def test_learn_shows_every_claim_with_grade_and_sources(client: TestClient) -> None:
    claims = client.get("/api/learn").json()["claims"]
    assert claims and all(c["grade"] and c["honest_wording"] and c["sources"] for c in claims)
    html = client.get("/learn").text
    assert html.count("evidence:") == len(claims)


def test_starting_magnesium_today_titrates_from_the_first_step(
    client: TestClient, token: Callable[[str], str]
) -> None:
    client.post(
        "/onboarding", data={"csrf_token": token("/onboarding"), **ANSWERS, "start": "magnesium"}
    )
    plan = client.get("/api/plan").json()["plan"]
    today = client.get("/api/today").json()
    assert today["phase"] == "titration"
    first_step = plan["titration"][0]["elemental_mg_per_day"]
    assert sum(d["elemental_mg"] for d in today["doses"]) <= first_step


def test_baseline_cannot_end_on_its_first_day(
    client: TestClient, token: Callable[[str], str]
) -> None:
    client.post("/onboarding", data={"csrf_token": token("/onboarding"), **ANSWERS})
    assert client.get("/api/today").json()["doses"] == []  # no magnesium during the baseline
    response = client.post("/api/trial/next-phase", json={})
    assert response.status_code == 422 and response.json()["problems"][0]["location"] == "phase"


def test_onboarding_again_keeps_a_step_down(
    client: TestClient, token: Callable[[str], str]
) -> None:
    from datetime import timedelta

    from mgcalm.web import deps

    csrf = token("/onboarding")
    client.post("/onboarding", data={"csrf_token": csrf, **ANSWERS, "start": "magnesium"})
    yesterday = deps.app_of(client.app).today() - timedelta(days=1)  # type: ignore[arg-type]
    client.post("/api/entries/side_effect", json={"day": str(yesterday), "bristol_type": 7})
    change = client.post("/api/entries/side_effect", json={"bristol_type": 7}).json()
    assert change["plan_change"] is not None
    again = {**ANSWERS, "person.age": "35", "start": "magnesium"}
    assert client.post("/onboarding", data={"csrf_token": csrf, **again}).status_code == 200
    plan = client.get("/api/plan").json()["plan"]
    assert plan["target_elemental_mg_per_day"] == change["plan_change"]["to_mg_per_day"]
    assert {"stepped_down", "loose_stools_stop"} & {w["code"] for w in plan["warnings"]}
