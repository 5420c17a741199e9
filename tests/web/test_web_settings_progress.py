"""Settings (region, units, export, backup, delete), progress and the demo person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


def test_region_choice_changes_the_crisis_lines(
    client: TestClient, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/settings"), "region": "UK", "units": "mg"}
    assert client.post("/settings", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/settings").json()["region"] == "UK"
    assert 'href="tel:116123"' in client.get("/support").text


def test_bad_preferences_are_all_reported_and_nothing_saved(client: TestClient) -> None:
    response = client.put("/api/settings", json={"region": "Mars", "units": "stone"})
    assert response.status_code == 422
    assert {p["location"] for p in response.json()["problems"]} == {"region", "units"}
    assert client.get("/api/settings").json()["region"] == "US"


def test_export_downloads_everything(client: TestClient, person: str) -> None:
    response = client.get("/settings/export")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.json()["people"][0]["id"] == person


def test_backup_writes_a_file_beside_the_database(
    client: TestClient, person: str, data_dir: Path
) -> None:
    done = client.post("/api/backup", json={}).json()
    assert Path(done["path"]).is_file() and Path(done["path"]).parent == data_dir / "backups"
    assert done["people"] == 1


def test_delete_needs_the_confirm_word(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    csrf = token("/settings")
    response = client.post("/settings/delete", data={"csrf_token": csrf, "confirm": "yes"})
    assert response.status_code == 422 and "nothing was deleted" in response.text
    assert client.get("/api/today").status_code == 200
    response = client.post("/settings/delete", data={"csrf_token": csrf, "confirm": "DELETE"})
    assert response.url.path == "/onboarding"
    assert client.get("/api/today").status_code == 404


def test_progress_before_enough_days_says_what_is_missing(client: TestClient, person: str) -> None:
    client.post("/api/entries/checkin", json={"anxiety": 6})
    view = client.get("/api/progress").json()
    anxiety = next(e for e in view["effects"] if e["outcome"] == "anxiety")
    assert anxiety["ready"] is False and anxiety["missing"]
    assert "not yet" in client.get("/progress").text


@pytest.fixture
def demo(client: TestClient) -> str:
    """The demo person seeded into this test's data dir."""
    from mgcalm.app.demo import seed
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    return seed(services, services.today())


def test_demo_person_fills_every_page(client: TestClient, demo: str) -> None:
    for path in ("/", "/plan", "/progress", "/log", "/learn", "/settings", "/assess"):
        response = client.get(path)
        assert response.status_code == 200, path
    view = client.get("/api/progress").json()
    anxiety = next(e for e in view["effects"] if e["outcome"] == "anxiety")
    assert anxiety["ready"] is True
    low, high = anxiety["effect"]["ci95"]
    assert low < anxiety["effect"]["estimate"] < high
    assert 0.8 < view["adherence"]["share"] < 1.0  # a few doses were missed
    assert {p["phase"] for p in view["trial"]["phases"]} == {"baseline", "titration", "maintenance"}
    assert set(view["questionnaires"]) >= {"pcl5", "gad7", "phq9"}


def test_progress_charts_are_accessible_svg(client: TestClient, demo: str) -> None:
    html = client.get("/progress").text
    assert html.count('<svg class="chart"') >= 3
    assert 'role="img"' in html and "<title>" in html and "style=" not in html


def test_demo_seed_is_ten_weeks_ending_today(client: TestClient, demo: str) -> None:
    today = date.today()
    entries = client.get("/api/export").json()["people"][0]["entries"]
    days = sorted({e["document"]["day"] for e in entries})
    assert days[-1] <= today.isoformat()
    assert (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days == 69


def test_units_preference_shows_mmol(
    client: TestClient, demo: str, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/settings"), "region": "US", "units": "mmol"}
    client.post("/settings", data=form)
    html = client.get("/plan").text
    assert "mmol" in html and "14.4 mmol" in html  # the 350 mg supplement limit


def test_reports_download_as_pdf_for_person_and_clinician(client: TestClient, demo: str) -> None:
    mine = client.get("/progress/report.pdf")
    theirs = client.get("/progress/report.pdf", params={"clinician": "true"})
    for response in (mine, theirs):
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        assert response.headers["content-disposition"].startswith("attachment;")
    assert len(theirs.content) > len(mine.content)  # the clinician's adds profile and intervals
    report = client.get("/api/report").json()
    assert report


def test_sleep_diary_effects_use_the_right_direction(client: TestClient, demo: str) -> None:
    sleep = {m["id"]: m for m in client.get("/api/progress").json()["sleep"]}
    assert set(sleep) == {"total_sleep_min", "sleep_latency_min", "sleep_efficiency"}
    assert sleep["total_sleep_min"]["effect"]["higher_is_better"] is True
    assert sleep["sleep_latency_min"]["effect"]["higher_is_better"] is False
    assert "Minutes to fall asleep" in client.get("/progress").text


def test_demo_has_a_therapy_start_and_some_missed_doses(client: TestClient, demo: str) -> None:
    entries = [e["document"] for e in client.get("/api/export").json()["people"][0]["entries"]]
    therapy = sorted(e["day"] for e in entries if e["kind"] == "therapy")
    missed = [e for e in entries if e["kind"] == "dose" and e["missed"]]
    assert len(therapy) >= 4 and therapy[0] > min(e["day"] for e in entries)
    assert 1 <= len(missed) <= 10
    assert any(e["kind"] == "side_effect" and e["bristol_type"] == 6 for e in entries)


def test_progress_shows_the_registered_trial_and_an_interim_interval(
    client: TestClient, demo: str
) -> None:
    view = client.get("/api/progress").json()
    assert view["registration"]["primary_outcome"]["outcome"] == "anxiety"
    assert view["registration"]["design"]["blinding"] == "open-label"
    assert view["interim_until"] is not None  # the demo trial is still running
    anxiety = next(e for e in view["effects"] if e["outcome"] == "anxiety")
    assert anxiety["verdict"] == "interim — not a verdict"
    others = [e for e in view["effects"] if e["outcome"] != "anxiety" and e["ready"]]
    assert others and all(e["verdict"] == "exploratory — no verdict" for e in others)
    html = client.get("/progress").text
    assert "Your trial" in html and "open-label" in html
    assert "Interim — not a verdict." in html and "Primary outcome: anxiety." in html
