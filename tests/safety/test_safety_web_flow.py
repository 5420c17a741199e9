"""The shared safety flow behind the web forms, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's import-time note about httpx2
    from fastapi.testclient import TestClient

from .conftest import PROFILE

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def client(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The web app on ``database_url`` with one person and their plan (200 mg a day)."""
    from mgcalm.domain.profile_parse import parse_profile_toml
    from mgcalm.web import deps
    from mgcalm.web.app import create_app

    monkeypatch.setenv("MGCALM_DATABASE_URL", database_url)
    with TestClient(
        create_app(), raise_server_exceptions=False, base_url="http://localhost"
    ) as test_client:
        services = deps.app_of(test_client.app)  # type: ignore[arg-type]
        profile, _ = parse_profile_toml(PROFILE)
        services.create_person(profile, person_id="p1")
        services.plan_for("p1")
        yield test_client


def _post_form(client: TestClient, kind: str, **fields: str) -> Any:
    found = TOKEN.search(client.get("/log/checkin").text)
    assert found
    return client.post(f"/log/{kind}", data={"csrf_token": found.group(1), **fields})


def test_two_loose_stool_days_on_the_web_lower_todays_doses(client: TestClient) -> None:
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    yesterday = (services.today() - timedelta(days=1)).isoformat()
    assert _post_form(client, "side_effect", bristol_type="6", day=yesterday).status_code == 200
    page = _post_form(client, "side_effect", bristol_type="7")
    assert page.status_code == 200 and "Your plan is now 100 mg a day" in page.text
    doses = client.get("/api/today").json()["doses"]
    assert sum(d["elemental_mg"] for d in doses) == 100
    again = _post_form(client, "side_effect", bristol_type="7")
    assert "Your plan is now" not in again.text
    assert len(services.plan_history("p1")) == 2


def test_a_red_flag_in_words_on_the_web_says_stop(client: TestClient) -> None:
    page = _post_form(client, "side_effect", other="feeling confused and weak")
    assert page.status_code == 200 and "Stop taking magnesium now." in page.text


def test_a_pcl5_past_week_response_counts_on_the_today_page(client: TestClient) -> None:
    client.post("/api/assess/pcl5_week", json={"answers": [1] * 20})
    due = {q["task"] for q in client.get("/api/today").json()["questionnaires_due"]}
    assert due == {"gad7", "phq9"}


def test_two_loose_stool_days_through_the_json_api_store_one_lower_plan(
    client: TestClient,
) -> None:
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    day_before = (services.today() - timedelta(days=2)).isoformat()
    first = client.post("/api/entries/side_effect", json={"day": day_before, "bristol_type": 6})
    assert first.status_code == 201 and first.json()["plan_change"] is None
    result = client.post("/api/entries/side_effect", json={"bristol_type": 7}).json()
    assert result["plan_change"]["to_mg_per_day"] == 100
    assert [a["code"] for a in result["alerts"]] == ["loose_stools"]
    again = client.post("/api/entries/side_effect", json={"bristol_type": 7}).json()
    assert again["plan_change"] is None
    assert len(services.plan_history("p1")) == 2
    assert sum(d["elemental_mg"] for d in client.get("/api/today").json()["doses"]) == 100


def test_a_batch_of_loose_stools_steps_down_once(client: TestClient) -> None:
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    yesterday = (services.today() - timedelta(days=1)).isoformat()
    entries = [
        {"kind": "side_effect", "day": yesterday, "bristol_type": 6},
        {"kind": "side_effect", "bristol_type": 7},
    ]
    result = client.post("/api/entries", json={"entries": entries}).json()
    assert len(result["results"]) == 2 and result["plan_change"]["to_mg_per_day"] == 100
    assert len(services.plan_history("p1")) == 2


def test_a_crisis_checkin_through_the_json_api_returns_crisis_resources(
    client: TestClient,
) -> None:
    result = client.post("/api/entries/checkin", json={"anxiety": 5, "crisis": True}).json()
    assert result["crisis"] and result["alerts"][0]["level"] == "crisis"
    assert "988" in str(result["crisis_resources"])
    batch = client.post("/api/entries", json={"entries": [{"kind": "checkin", "anxiety": 10}]})
    assert batch.json()["crisis"] and batch.json()["crisis_resources"]


def test_a_red_flag_through_the_json_api_says_stop(client: TestClient) -> None:
    body = {"other": "short of breath", "symptoms": ["slow_heartbeat"]}
    result = client.post("/api/entries/side_effect", json=body).json()
    assert result["alerts"][0]["level"] == "stop_and_seek_care" and not result["crisis"]
