"""/assess: one item per page without JavaScript, scoring, saving and crisis on PHQ-9 item 9."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_first_item_is_shown_alone_in_the_published_words(client: TestClient) -> None:
    html = client.get("/assess/gad7").text
    assert "Question 1 of 7" in html
    assert "Feeling nervous, anxious, or on edge" in html
    assert "Not being able to stop or control worrying" not in html


def test_answering_moves_to_the_next_item(client: TestClient, token: Callable[[str], str]) -> None:
    csrf = token("/assess/gad7")
    response = client.post("/assess/gad7", data={"csrf_token": csrf, "answers": "", "answer": "2"})
    assert "Question 2 of 7" in response.text
    assert 'name="answers" value="2"' in response.text


def test_back_returns_to_the_previous_item(client: TestClient, token: Callable[[str], str]) -> None:
    csrf = token("/assess/gad7")
    form = {"csrf_token": csrf, "answers": "2,1", "back": "1"}
    response = client.post("/assess/gad7", data=form)
    assert "Question 2 of 7" in response.text and 'value="2"' in response.text


def test_no_choice_shows_the_problem_next_to_the_question(
    client: TestClient, token: Callable[[str], str]
) -> None:
    csrf = token("/assess/gad7")
    response = client.post("/assess/gad7", data={"csrf_token": csrf, "answers": "1"})
    assert response.status_code == 422
    assert 'class="field-error"' in response.text and "Question 2 of 7" in response.text


def test_post_without_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/assess/gad7", data={"answers": "", "answer": "1"})
    assert response.status_code == 403
    assert "nothing was saved" in response.text


def test_unknown_instrument_names_the_accepted_ids(client: TestClient) -> None:
    response = client.get("/api/assess/bdi")
    assert response.status_code == 422
    assert "phq9" in response.json()["problems"][0]["accepted"]


def test_phq9_item9_brings_crisis_resources_forward(
    client: TestClient, token: Callable[[str], str], person: str
) -> None:
    csrf = token("/assess/phq9")
    answers = [1, 1, 0, 1, 0, 0, 0, 0]
    form = {"csrf_token": csrf, "answers": ",".join(map(str, answers)), "answer": "1"}
    response = client.post("/assess/phq9", data=form)
    assert "optional question" in response.text  # the difficulty item comes last
    form = {"csrf_token": csrf, "answers": ",".join(map(str, [*answers, 1]))}
    html = client.post("/assess/phq9", data=form).text
    assert 'id="crisis"' in html and 'href="tel:988"' in html
    assert "PHQ-9: 4" in html


def test_api_scores_and_saves_with_crisis_flag(client: TestClient, person: str) -> None:
    result = client.post("/api/assess/phq9", json={"answers": [0] * 8 + [2]}).json()
    assert result["score"]["flags"] == ["suicidal_ideation"]
    assert result["crisis"] is True
    calm = client.post("/api/assess/gad7", json={"answers": [0] * 7}).json()
    assert calm["crisis"] is False and calm["score"]["band"] == "minimal"


def test_api_reports_every_bad_answer(client: TestClient, person: str) -> None:
    response = client.post("/api/assess/gad7", json={"answers": [9, 0, 0, 0, 0, 0, 7]})
    locations = {p["location"] for p in response.json()["problems"]}
    assert response.status_code == 422
    assert {"answers.item1", "answers.item7"} <= locations


def test_finishing_before_onboarding_goes_to_onboarding(
    client: TestClient, token: Callable[[str], str]
) -> None:
    csrf = token("/assess/gad7")
    form = {"csrf_token": csrf, "answers": "0,0,0,0,0,0", "answer": "0"}
    response = client.post("/assess/gad7", data=form, follow_redirects=False)
    assert response.status_code == 200 and "optional question" in response.text
    form = {"csrf_token": csrf, "answers": "0,0,0,0,0,0,0"}
    response = client.post("/assess/gad7", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"
