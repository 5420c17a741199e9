"""Today's checklist, one-tap doses, logging with problems beside fields, and crisis check-ins."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def planned(client: TestClient, person: str) -> dict[str, object]:
    """The person with a plan (made through the app, as onboarding does)."""
    from mgcalm.web import deps

    plan = deps.app_of(client.app).plan_for(person)  # type: ignore[arg-type]
    assert plan.doses, "the test profile should get doses"
    return plan.to_json()


def test_today_lists_the_plan_doses(client: TestClient, planned: dict[str, object]) -> None:
    html = client.get("/").text
    first = planned["doses"][0]  # type: ignore[index]
    assert first["time"] in html and "Taken" in html


def test_one_tap_marks_a_dose_taken(
    client: TestClient, planned: dict[str, object], token: Callable[[str], str]
) -> None:
    first = planned["doses"][0]["time"]  # type: ignore[index]
    form = {"csrf_token": token("/"), "planned_time": first, "action": "taken"}
    response = client.post("/today/dose", data=form, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="doses"')  # just the fragment
    doses = client.get("/api/today").json()["doses"]
    assert next(d for d in doses if d["time"] == first)["status"] == "taken"


def test_marking_an_unplanned_time_names_the_planned_ones(
    client: TestClient, planned: dict[str, object]
) -> None:
    response = client.post("/api/today/dose", json={"planned_time": "03:33"})
    assert response.status_code == 422
    assert response.json()["problems"][0]["location"] == "planned_time"


def test_checkin_problems_are_shown_beside_the_field(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/log/checkin"), "anxiety": "4", "mood": "11"}
    response = client.post("/log/checkin", data=form)
    assert response.status_code == 422
    assert 'id="checkin-mood"' in response.text and 'aria-invalid="true"' in response.text
    assert re.search(r'class="field-error" id="checkin-mood-error"', response.text)


def test_crisis_checkin_brings_crisis_resources_forward(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/log/checkin"), "anxiety": "5", "crisis": "on"}
    html = client.post("/log/checkin", data=form).text
    assert 'id="crisis"' in html and 'href="tel:988"' in html


def test_checkin_then_today_shows_it_done(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/log/checkin"), "anxiety": "5", "sleep_quality": "6"}
    response = client.post("/log/checkin", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/today").json()["checkin_done"] is True


def test_sleep_diary_from_clock_times(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    form = {
        "csrf_token": token("/log/checkin"),
        **{"into_bed": "22:45", "tried_to_sleep": "23:00", "latency_min": "20"},
        **{"awakenings": "1", "waso_min": "15", "final_wake": "06:40", "out_of_bed": "07:00"},
        "quality": "3",
    }
    assert client.post("/log/sleep", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/today").json()["sleep_diary_done"] is True


def test_food_search_offers_portions_with_magnesium(client: TestClient, person: str) -> None:
    foods = client.get("/api/foods", params={"q": "pumpkin seeds"}).json()
    assert foods and "umpkin" in foods[0]["name"]
    assert foods[0]["portions"] and foods[0]["portions"][0]["magnesium_mg"] > 0
    html = client.get("/log/food", params={"q": "pumpkin seeds"}).text
    assert 'action="/log/food"' in html


def test_logging_a_food_portion_adds_its_magnesium(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    food = client.get("/api/foods", params={"q": "pumpkin seeds"}).json()[0]
    portion = food["portions"][0]
    form = {
        "csrf_token": token("/log/checkin"),
        "food_id": food["id"],
        "grams": str(portion["grams"]),
    }
    assert client.post("/log/food", data={**form, "portion": portion["label"]}).status_code == 200
    assert client.get("/api/today").json()["food_mg"] == pytest.approx(
        portion["magnesium_mg"], 0.01
    )


def test_red_flag_symptom_says_stop_and_seek_care(client: TestClient, person: str) -> None:
    body = {"bristol_type": 6, "symptoms": ["irregular_heartbeat"]}
    result = client.post("/api/entries/side_effect", json=body).json()
    assert any(a["level"] == "stop_and_seek_care" for a in result["alerts"])


def test_api_logs_each_kind_and_reports_unknown_kinds(client: TestClient, person: str) -> None:
    ok = client.post("/api/entries/practice", json={"practice": "breathwork", "minutes": 5})
    assert ok.status_code == 201
    therapy = client.post("/api/entries/therapy", json={"therapy": "cpt", "minutes": 50})
    assert therapy.status_code == 201
    bad = client.post("/api/entries/dance", json={})
    assert bad.status_code == 422 and bad.json()["problems"][0]["location"] == "kind"


def test_batch_saves_all_or_reports_every_problem(client: TestClient, person: str) -> None:
    good = [{"kind": "checkin", "id": f"c{i}", "anxiety": i} for i in range(3)]
    response = client.post("/api/entries", json={"entries": good})
    assert response.status_code == 201
    assert [r["entry"]["created"] for r in response.json()["results"]] == [True] * 3
    again = client.post("/api/entries", json={"entries": good}).json()["results"]
    assert [r["entry"]["created"] for r in again] == [False] * 3  # a retry is idempotent
    bad = [{"kind": "checkin", "id": "c9", "anxiety": 99}, {"kind": "sleep", "id": "s9"}]
    response = client.post("/api/entries", json={"entries": bad})
    locations = {p["location"] for p in response.json()["problems"]}
    assert response.status_code == 422
    assert "entries[0].checkin.anxiety" in locations
    assert any(loc.startswith("entries[1].sleep.") for loc in locations)
    assert client.get("/api/export").json()["people"][0]["entries"].__len__() == 3


def test_concurrent_api_logging_loses_nothing(data_dir: object) -> None:
    """Fifty requests at once through the group-commit writer: each answered, all stored."""
    import asyncio

    import httpx

    from mgcalm.web import deps
    from mgcalm.web.app import create_app

    web = create_app()

    async def run() -> list[int]:
        async with web.router.lifespan_context(web):
            from mgcalm.domain.profile_parse import profile_from_mapping

            profile, _ = profile_from_mapping(
                {
                    "person": {"age": 40, "sex": "male"},
                    "day": {
                        "wake": "07:00",
                        "breakfast": "07:30",
                        "lunch": "12:30",
                        "dinner": "18:30",
                        "bedtime": "23:00",
                    },
                }
            )
            assert profile is not None
            deps.app_of(web).create_person(profile, person_id="p1")
            transport = httpx.ASGITransport(app=web)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
                posts = [
                    c.post("/api/entries/checkin", json={"id": f"e{i}", "anxiety": i % 11})
                    for i in range(50)
                ]
                statuses = [r.status_code for r in await asyncio.gather(*posts)]
                # A clash inside a concurrent batch: only that request fails.
                mixed = [
                    c.post("/api/entries/checkin", json={"id": f"m{i}", "anxiety": 1})
                    for i in range(9)
                ]
                mixed.append(c.post("/api/entries/checkin", json={"id": "e1", "anxiety": 9}))
                answers = [r.status_code for r in await asyncio.gather(*mixed)]
                assert answers == [201] * 9 + [422]
                conflict = await c.post("/api/entries/checkin", json={"id": "e2", "anxiety": 9})
                statuses.append(conflict.status_code)
                count = len((await c.get("/api/export")).json()["people"][0]["entries"])
                return [*statuses, count]

    *statuses, conflict, count = asyncio.run(run())
    assert statuses == [201] * 50
    assert conflict == 422  # same id, different content: refused, nothing changed
    assert count == 59


def test_practice_done_button_logs_its_minutes(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    html = client.get("/practices").text
    assert 'name="practice" value="breathwork"' in html
    form = {"csrf_token": token("/practices"), "practice": "breathwork", "minutes": "5"}
    assert client.post("/log/practice", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/today").json()["practice_minutes"] == 5


def test_today_lists_questionnaires_due_until_done(client: TestClient, person: str) -> None:
    due = {q["task"] for q in client.get("/api/today").json()["questionnaires_due"]}
    assert due == {"pcl5", "gad7", "phq9"}  # all due at baseline
    assert 'href="/assess/gad7"' in client.get("/").text
    client.post("/api/assess/gad7", json={"answers": [1] * 7})
    due = {q["task"] for q in client.get("/api/today").json()["questionnaires_due"]}
    assert due == {"pcl5", "phq9"}


def test_medication_change_form_names_a_missing_medicine(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    csrf = token("/log/checkin")
    bad = client.post("/log/medication_change", data={"csrf_token": csrf, "change": "started"})
    assert bad.status_code == 422 and 'id="medication_change-medication-error"' in bad.text
    form = {"csrf_token": csrf, "medication": "sertraline", "change": "started", "dose": "50 mg"}
    checked = client.post("/log/medication_change", data=form, follow_redirects=False)
    assert checked.status_code == 200 and "sertraline" in checked.text
    assert 'action="/log/medication_change/replan"' in checked.text
    form = {"csrf_token": csrf, "medication": "sertraline", "change": "dose_changed"}
    assert (
        client.post("/log/medication_change", data=form, follow_redirects=False).status_code == 303
    )


def test_a_started_medicine_is_checked_and_re_planned_from_the_web(
    client: TestClient, planned: dict[str, object], token: Callable[[str], str]
) -> None:
    csrf = token("/log/medication_change")
    form = {"csrf_token": csrf, "medication": "alendronic acid", "change": "started",
            "times": "25:00"}  # fmt: skip
    bad = client.post("/log/medication_change", data=form)
    assert bad.status_code == 422 and "medication_change-times-error" in bad.text
    assert "alendronic" not in client.get("/api/export").text
    form["times"] = "07:00"
    checked = client.post("/log/medication_change", data=form)
    assert checked.status_code == 200 and "alendronate" in checked.text
    assert "bisphosphonate" in checked.text.lower()
    replan = {"csrf_token": csrf, "medication": "alendronic acid", "change": "started",
              "times": "07:00"}  # fmt: skip
    done = client.post("/log/medication_change/replan", data=replan, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/plan")
    plan = client.get("/api/plan").json()["plan"]
    assert any(s["medication"] == "alendronic acid (alendronate)" for s in plan["separations"])


def test_a_second_tap_on_a_dose_changes_nothing(
    client: TestClient, planned: dict[str, object]
) -> None:
    first = planned["doses"][0]["time"]  # type: ignore[index]
    assert client.post("/api/today/dose", json={"planned_time": first}).status_code == 200
    again = client.post("/api/today/dose", json={"planned_time": first, "taken": False})
    assert again.status_code == 200
    dose = next(d for d in again.json()["doses"] if d["time"] == first)
    assert dose["status"] == "taken"


def test_food_results_fragment_for_live_search(client: TestClient, person: str) -> None:
    fragment = client.get("/log/foods", params={"q": "almonds"}).text
    assert "<html" not in fragment and 'action="/log/food"' in fragment
    assert 'name="csrf_token"' in fragment
    assert "No foods found" in client.get("/log/foods", params={"q": "zzqxv"}).text


def test_today_json_lists_what_is_due_and_no_alerts_on_a_quiet_day(
    client: TestClient, person: str
) -> None:
    today = client.get("/api/today").json()
    assert [t["task"] for t in today["due"]] == ["pcl5", "gad7", "phq9", "checkin", "sleep_diary"]
    assert today["due"][3]["href"] == "/log/checkin"
    assert today["alerts"] == [] and today["crisis"] is False and today["crisis_resources"] == []
    html = client.get("/").text
    assert 'id="crisis"' not in html and 'id="alerts"' not in html


def test_a_crisis_checkin_today_brings_crisis_lines_to_the_top_of_today(
    client: TestClient, person: str
) -> None:
    client.post("/api/entries/checkin", json={"anxiety": 4, "crisis": True})
    today = client.get("/api/today").json()
    assert today["crisis"] and today["alerts"][0]["code"] == "crisis_checkin"
    assert "988" in str(today["crisis_resources"])
    html = client.get("/").text
    main = html[html.index('<main id="main"') :]
    assert main.index('id="crisis"') < main.index("<h1>")  # before anything else on the page
    assert 'href="tel:988"' in main and 'data-alert="crisis_checkin"' in main


def test_a_red_flag_stays_on_today_as_stop_and_seek_care(client: TestClient, person: str) -> None:
    client.post("/api/entries/side_effect", json={"symptoms": ["irregular_heartbeat"]})
    today = client.get("/api/today").json()
    codes = [(a["code"], a["level"]) for a in today["alerts"]]
    assert codes == [
        ("magnesium_red_flag", "stop_and_seek_care"),
        ("magnesium_stopped", "stop_and_seek_care"),
    ]
    assert today["crisis"] is False and today["stop"]["active"] is True
    html = client.get("/").text
    assert 'class="notice notice-error" data-alert=' in html
    assert "Stop taking magnesium now." in html and 'id="crisis"' not in html


def test_a_step_down_shows_a_notice_on_today(
    client: TestClient, planned: dict[str, object]
) -> None:
    from datetime import timedelta

    from mgcalm.web import deps

    yesterday = (deps.app_of(client.app).today() - timedelta(days=1)).isoformat()  # type: ignore[arg-type]
    client.post("/api/entries/side_effect", json={"day": yesterday, "bristol_type": 6})
    client.post("/api/entries/side_effect", json={"bristol_type": 7})
    codes = [a["code"] for a in client.get("/api/today").json()["alerts"]]
    assert codes == ["plan_stepped_down"]
    html = client.get("/").text
    assert 'class="notice notice-warn" data-alert="plan_stepped_down"' in html
    assert "Take the doses shown for today, with food." in html


def test_the_medicine_lookup_suggests_and_resolves(client: TestClient, person: str) -> None:
    resolve = "/api/medicines/resolve"
    found = client.get(resolve, params={"q": "Ciproxin 500mg"}).json()
    assert found["resolved"]["medicine"] == "ciprofloxacin"
    assert found["resolved"]["how"] == "salt_strength"
    assert client.get(resolve, params={"q": "sert"}).json()["suggestions"][0] == "sertraline"
    maalox = client.get(resolve, params={"q": "Maalox"}).json()
    assert maalox["resolved"]["how"] == "contains_magnesium"
    assert client.get("/api/medicines", params={"q": "sert"}).json()[0] == "sertraline"
