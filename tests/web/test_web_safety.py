"""The safety flow on the web pages and the JSON API (in-process client)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def _answer_phq9_up_to_item9(
    client: TestClient, csrf: str, item9: int, qid: str = ""
) -> tuple[Any, str]:
    """Post items 1–9 one page at a time (as the browser does); the last response and its id."""
    answers: list[int] = []
    response: Any = None
    for value in [0] * 8 + [item9]:
        form = {"csrf_token": csrf, "answers": ",".join(map(str, answers)), "answer": str(value)}
        if qid:
            form["questionnaire_id"] = qid
        response = client.post("/assess/phq9", data=form)
        answers.append(value)
        qid = re.search(r'name="questionnaire_id" value="([^"]+)"', response.text).group(1)  # type: ignore[union-attr]
    return response, qid


def test_item9_shows_the_lines_on_that_page_and_is_kept_if_abandoned(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    first = client.get("/assess/phq9").text
    qid = re.search(r'name="questionnaire_id" value="([^"]+)"', first).group(1)  # type: ignore[union-attr]
    page, same = _answer_phq9_up_to_item9(client, token("/assess/phq9"), 1, qid)
    assert same == qid  # the id travels with the answers, page to page
    main = page.text[page.text.index('<main id="main"') :]
    # The crisis lines come first, before the last (optional) question, with help as the action.
    assert main.index('id="crisis"') < main.index('data-alert="suicidal_ideation"')
    assert main.index('data-alert="suicidal_ideation"') < main.index("One last, optional question")
    assert 'href="tel:988"' in main and '<a class="button" href="#crisis">' in main
    # The person leaves here. The answer is stored anyway and reaches Today.
    safety = client.get("/api/safety").json()
    assert [(e["code"], e["source_id"], e["origin"]) for e in safety["events"]] == [
        ("suicidal_ideation", qid, "answer")
    ]
    today = client.get("/api/today").json()
    assert today["alerts"][0]["code"] == "suicidal_ideation" and today["crisis"]
    assert 'data-alert="suicidal_ideation"' in client.get("/").text


def test_after_item9_the_main_button_is_help_not_progress(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    csrf = token("/assess/phq9")
    _, qid = _answer_phq9_up_to_item9(client, csrf, 2)
    form = {"csrf_token": csrf, "answers": ",".join(["0"] * 8 + ["2"]), "answer": "1"}
    result = client.post("/assess/phq9", data={**form, "questionnaire_id": qid}).text
    assert '<a class="button" href="#crisis">Talk to someone now</a>' in result
    assert '<a class="button" href="/progress">' not in result
    events = client.get("/api/safety").json()["events"]
    assert len(events) == 1 and events[0]["source_id"] == qid  # finished: still one event
    calm = client.post(
        "/assess/gad7", data={"csrf_token": csrf, "answers": "0,0,0,0,0,0,0", "answer": ""}
    ).text
    assert '<a class="button" href="/progress">See your progress</a>' in calm


def test_the_api_acts_on_answers_as_they_come(client: TestClient, person: str) -> None:
    body = {"questionnaire_id": "api-q1", "answers": [0] * 8}
    quiet = client.post("/api/assess/phq9/answers", json=body).json()
    assert quiet["crisis"] is False and quiet["next_question"]["number"] == 9
    body["answers"] = [0] * 8 + [3]
    acted = client.post("/api/assess/phq9/answers", json=body).json()
    assert acted["crisis"] and acted["alerts"][0]["code"] == "suicidal_ideation"
    assert any(r["id"] == "us-988" for r in acted["crisis_resources"])
    done = client.post(
        "/api/assess/phq9", json={"answers": [0] * 8 + [3], "questionnaire_id": "api-q1"}
    ).json()
    assert done["entry_id"] == "api-q1" and done["crisis"]
    assert len(client.get("/api/safety").json()["events"]) == 1
    bad = client.post("/api/assess/phq9/answers", json={**body, "answers": [7]})
    assert bad.status_code == 422 and "answers.item1" in bad.text


def test_a_red_flag_pauses_until_the_plan_page_resumes(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    logged = client.post("/api/entries/side_effect", json={"symptoms": ["slow_heartbeat"]}).json()
    assert logged["stop"]["active"] and "paused since" in logged["stop"]["message"]
    today = client.get("/api/today").json()
    assert today["stop"]["active"] and all(d["status"] != "due" for d in today["doses"])
    page = client.get("/").text
    assert 'id="stop"' in page and "No magnesium is due." in page
    refused = client.post("/api/today/dose", json={"planned_time": "21:30"})
    assert refused.status_code == 422 and "paused since" in refused.text
    plan = client.get("/plan").text
    assert "Magnesium is paused" in plan and 'action="/plan/resume"' in plan
    csrf = token("/plan")
    empty = client.post("/plan/resume", data={"csrf_token": csrf, "cleared_by": "", "reason": ""})
    assert empty.status_code == 422 and 'id="cleared_by-error"' in empty.text
    assert client.get("/api/safety").json()["stop"]["active"]
    form = {"csrf_token": csrf, "cleared_by": "Dr Patel (GP)", "reason": "ECG normal"}
    done = client.post("/plan/resume", data=form, follow_redirects=True)
    assert "Magnesium resumed on" in done.text and "Dr Patel (GP)" in done.text
    assert client.get("/api/safety").json()["stop"] is None
    again = client.post("/api/safety/resume", json={"cleared_by": "x", "reason": "y"})
    assert again.status_code == 422 and "not paused" in again.text


def test_the_safety_plan_is_kept_and_shown_with_the_lines(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    empty = client.get("/api/safety-plan").json()
    assert empty["empty"] and empty["crisis_support"]["resources"]
    steps = {"coping": ["Slow breathing", "A walk"], "people": ["Jo 07700 900123"]}
    saved = client.put("/api/safety-plan", json={"steps": steps}).json()
    assert saved["steps"]["coping"] == ["Slow breathing", "A walk"] and not saved["empty"]
    bad = client.put("/api/safety-plan", json={"steps": {"hobbies": ["x"], "coping": 3}})
    assert bad.status_code == 422 and "steps.hobbies" in bad.text and "steps.coping" in bad.text
    page = client.get("/safety-plan").text
    assert page.index('id="crisis-lines"') < page.index("Slow breathing")
    csrf = token("/safety-plan")
    client.post("/safety-plan", data={"csrf_token": csrf, "warning_signs": "No sleep\nDread"})
    assert client.get("/api/safety-plan").json()["steps"]["warning_signs"] == ["No sleep", "Dread"]
    crisis = client.post("/api/entries/checkin", json={"crisis": True})
    assert crisis.status_code == 201
    today = client.get("/").text  # the crisis panel carries the person's own plan
    assert "From your safety plan" in today


def test_the_country_chosen_at_onboarding_is_used_everywhere(
    client: TestClient, token: Callable[[str], str]
) -> None:
    from .conftest import PROFILE

    body = {
        **{f"person.{k}": v for k, v in PROFILE["person"].items()},
        **{f"day.{k}": v for k, v in PROFILE["day"].items()},
        "goals.focus": ["sleep"],
        "region": "AU",
    }
    assert client.post("/api/onboarding", json=body).status_code == 201
    assert client.get("/api/support").json()["region"] == "AU"
    page = client.get("/log").text
    assert 'class="support-line" href="tel:131114"' in page  # the header: Lifeline, 13 11 14
    wrong = client.post("/api/onboarding", json={**body, "region": "Atlantis"})
    assert wrong.status_code == 422 and "region" in wrong.text and "AU, NZ" in wrong.text
    suggested = client.get("/onboarding", headers={"accept-language": "en-NZ,en;q=0.8"}).text
    assert '<option value="NZ" selected>' in suggested


def test_an_unknown_country_falls_back_and_says_so(client: TestClient) -> None:
    support = client.get("/api/support?region=FR").json()
    assert support["region"] == "INTL" and "FR" in support["note"]
    assert {r["id"] for r in support["resources"]} == {"intl-findahelpline", "intl-emergency"}
    assert "no checked list of crisis lines for FR" in client.get("/support?region=FR").text
