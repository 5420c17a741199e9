"""A new person's first weeks: Progress says what comes when, charts that make sense, plain words,
undo for "Start magnesium today", and entries resent from a phone stored once."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from mgcalm.web import charts


def _services(client: TestClient) -> Any:
    from mgcalm.web import deps

    return deps.app_of(client.app)  # type: ignore[arg-type]


def _baseline(client: TestClient, person: str, days_ago: int) -> Any:
    services = _services(client)
    services.choose_outcome(person, "anxiety")
    start = services.today() - timedelta(days=days_ago)
    services.start_phase(person, {"phase": "baseline", "start": start})
    return services


def test_progress_for_a_new_person_says_what_comes_when(client: TestClient, person: str) -> None:
    services = _baseline(client, person, 0)
    assert client.post("/api/entries/checkin", json={"anxiety": 6, "mood": 4}).status_code == 201
    html = client.get("/progress").text
    ends = services.today() + timedelta(days=13)
    sentence = re.search(r'<p class="lead" id="what-comes">([^<]+)</p>', html)
    assert sentence, html
    words = " ".join(sentence.group(1).split())
    assert (
        f"Your baseline runs until {ends:%A} {ends.day} {ends:%B}; magnesium starts then" in words
    )
    assert "a first estimate after about 5 weeks" in words  # 14 baseline + 14 settling + 7 days
    # Once, in plain words — not three times "has 1 baseline days; needs …".
    assert html.count("No estimates yet") == 1 and "comparison days" not in html
    assert "1 of the 7 days without magnesium it needs" in html
    for developer_word in ("AR(1)", "Waso", "waso", "very_low", "sleep_quality"):
        assert developer_word not in html, developer_word
    assert '<circle class="dot"' in html  # the single day is drawn as a point


def test_progress_json_keeps_its_keys_and_adds_the_sentence(
    client: TestClient, person: str
) -> None:
    _baseline(client, person, 2)
    client.post("/api/entries/checkin", json={"anxiety": 6})
    view = client.get("/api/progress").json()
    assert view["what_comes"].startswith("Your baseline runs until")
    first = view["effects"][0]
    assert first["ready"] is False and first["missing"] and first["waiting"]


def test_a_single_day_is_a_point_in_the_middle() -> None:
    svg = str(
        charts.line_chart("Mood", [{"day": "2026-12-01", "value": 4, "phase": "baseline"}], 0, 10)
    )
    assert "<polyline" not in svg
    dot = re.search(r'<circle class="dot" cx="([\d.]+)"', svg)
    assert dot and 300 < float(dot.group(1)) < 350  # the middle of a 640-wide chart
    assert "1 day, 2026-12-01: 4." in svg


def _day(i: int, supplement: float, food: float | None) -> dict[str, Any]:
    return {"day": f"2026-11-{i + 1:02d}", "supplement_mg": supplement, "food_mg": food}


def test_the_upper_limit_is_drawn_only_when_supplements_come_near_it() -> None:
    normal = [_day(i, 100.0, 250.0) for i in range(28)]  # 350 mg a day, mostly from food
    svg = str(charts.intake_chart(normal, 350))
    assert 'class="zero"' not in svg and "upper limit for supplements" not in svg
    assert "stayed well under the upper limit of 350 mg" in svg
    near = [*normal[:-1], _day(27, 300.0, 100.0)]
    svg = str(charts.intake_chart(near, 350))
    assert 'class="zero"' in svg and "upper limit for supplements: 350 mg" in svg


def test_the_upper_limit_line_sits_above_the_supplement_bars_only() -> None:
    svg = str(charts.intake_chart([_day(0, 300.0, 200.0)], 350))
    bars = dict(re.findall(r'<rect class="(bar|bar-2)" x="[\d.]+" y="([\d.]+)"', svg))
    limit = float(re.search(r'<line class="zero" x1="\d+" x2="\d+" y1="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    # Supplements (lower bar) stay below the limit line; the food on top may rise past it.
    assert float(bars["bar"]) > limit > float(bars["bar-2"])


def test_start_magnesium_today_can_be_undone(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    services = _baseline(client, person, 3)
    form = {"csrf_token": token("/")}
    started = client.post("/today/next-phase", data=form, follow_redirects=False)
    assert started.status_code == 303 and "/?started=" in started.headers["location"]
    page = client.get(started.headers["location"]).text
    assert "Magnesium starts today" in page and 'action="/today/next-phase/undo"' in page
    assert services.trial(person).phase_on(services.today()).phase == "titration"
    assert services.trial(person).registration is not None  # the quick design is registered
    phase_id = started.headers["location"].split("started=")[1]
    undone = client.post(
        "/today/next-phase/undo", data={**form, "entry_id": phase_id}, follow_redirects=False
    )
    assert undone.status_code == 303
    trial = services.trial(person)
    assert [p.phase for p in trial.phases] == ["baseline"] and trial.phases[0].end is None
    assert trial.registration is None
    assert "Taken back" in client.get(undone.headers["location"]).text
    again = client.post("/today/next-phase/undo", data={**form, "entry_id": phase_id})
    assert again.status_code == 422  # nothing left to take back


def test_only_a_phase_started_moments_ago_can_be_taken_back(
    client: TestClient, person: str
) -> None:
    from mgcalm.app.trial.undo_start import UNDO_START_SECONDS
    from mgcalm.domain import InvalidInputError

    services = _baseline(client, person, 3)
    started = services.start_phase(person, {"phase": "titration", "start": services.today()})
    later = services.now() + timedelta(seconds=UNDO_START_SECONDS + 1)
    try:
        from mgcalm.app.trial.undo_start import undo_phase_start

        undo_phase_start(services.store, person, started.id, services.today(), later)
    except InvalidInputError as error:
        assert "too late" in error.problems[0].message
    else:
        raise AssertionError("a late undo was accepted")
    assert services.trial(person).phase_on(services.today()).phase == "titration"


def test_the_api_completes_sleep_clock_times_and_food_magnesium(
    client: TestClient, person: str
) -> None:
    night = {
        "id": "phone-sleep-1",
        **{"into_bed": "22:45", "tried_to_sleep": "23:00", "latency_min": "20"},
        **{"awakenings": "1", "waso_min": "15", "final_wake": "06:40", "out_of_bed": "07:00"},
        "quality": "3",
    }
    assert client.post("/api/entries/sleep", json=night).status_code == 201
    assert client.post("/api/entries/sleep", json=night).status_code == 201  # a resend: once
    food = client.get("/api/foods", params={"q": "pumpkin seeds"}).json()[0]
    portion = food["portions"][0]
    item = {"id": "phone-food-1", "food_id": food["id"], "grams": str(portion["grams"])}
    assert client.post("/api/entries/food", json=item).status_code == 201
    entries = client.get("/api/entries/today").json()
    assert [e["kind"] for e in entries].count("sleep") == 1
    assert client.get("/api/today").json()["food_mg"] > 0


def test_a_food_form_resent_with_its_client_id_is_stored_once(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    food = client.get("/api/foods", params={"q": "almonds"}).json()[0]
    portion = food["portions"][0]
    form = {
        "csrf_token": token("/log/checkin"),
        "id": "phone-food-2",
        "food_id": food["id"],
        "grams": str(portion["grams"]),
        "portion": portion["label"],
    }
    for _ in range(2):
        assert client.post("/log/food", data=form, follow_redirects=False).status_code == 303
    kinds = [e["kind"] for e in client.get("/api/entries/today").json()]
    assert kinds.count("food") == 1


def test_settings_changes_the_primary_outcome_before_the_start(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    services = _services(client)
    services.choose_outcome(person, "anxiety")
    start = services.today() + timedelta(days=1)
    services.start_phase(person, {"phase": "baseline", "start": start})
    html = client.get("/settings").text
    assert 'id="outcome"' in html and "Anxiety or distress (0–10)" in html
    assert 'name="reason"' not in html  # not started yet: no reason asked
    form = {"csrf_token": token("/settings"), "primary_outcome": "total_sleep_min"}
    saved = client.post("/settings/outcome", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("#outcome")
    assert services.trial(person).primary_outcome == "total_sleep_min"
    assert "Minutes asleep (sleep diary)" in client.get("/settings").text


def test_after_the_start_a_change_needs_a_reason_and_is_recorded(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    services = _baseline(client, person, 3)
    assert 'name="reason"' in client.get("/settings").text
    form = {"csrf_token": token("/settings"), "primary_outcome": "sleep_quality"}
    refused = client.post("/settings/outcome", data=form)
    assert refused.status_code == 422 and "say why the outcome changes" in refused.text
    assert services.trial(person).primary_outcome == "anxiety"
    form["reason"] = "sleep is what bothers me most"
    assert client.post("/settings/outcome", data=form, follow_redirects=False).status_code == 303
    trial = services.trial(person)
    assert trial.primary_outcome == "sleep_quality" and trial.outcome_changed_after_start
    answer = client.put("/api/trial/outcome", json={"outcome": "no_such", "reason": "x"})
    assert answer.status_code == 422


def test_an_imported_wearable_measure_is_choosable(client: TestClient, person: str) -> None:
    from mgcalm.store import wearables as repo

    services = _services(client)
    groups = {g["group"] for g in client.get("/api/trial/outcome").json()["groups"]}
    assert groups == {"rated", "diary"}  # nothing imported yet
    with services.store.write() as conn:
        repo_rows = [("resting_heart_rate", 58.0)]
        _store_wearable(repo, conn, person, services.today(), repo_rows)
    section = client.get("/api/trial/outcome").json()
    wearable = next(g for g in section["groups"] if g["group"] == "wearable")
    assert [c["id"] for c in wearable["choices"]] == ["resting_heart_rate"]
    chosen = client.put("/api/trial/outcome", json={"outcome": "resting_heart_rate"})
    assert chosen.status_code == 200 and chosen.json()["current"] == "resting_heart_rate"
    assert "Resting heart rate (wearable)" in client.get("/onboarding").text


def test_onboarding_offers_the_outcomes_in_plain_words(client: TestClient) -> None:
    html = client.get("/onboarding").text
    assert 'name="outcome" value="anxiety" checked' in html
    assert "How you feel, rated each day" in html and "From your sleep diary" in html
    assert "Minutes to fall asleep (sleep diary)" in html


def _store_wearable(repo: Any, conn: Any, person: str, day: Any, rows: list[Any]) -> None:
    """Values as an import stores them (one device, one day)."""
    values = [(day, measure, value, "Test watch") for measure, value in rows]
    repo.save_values(conn, person, "oura", values, datetime.now(UTC))


def test_an_empty_intake_chart_is_words_instead() -> None:
    assert str(charts.intake_chart([_day(i, 0.0, None) for i in range(28)], 350)) == ""
