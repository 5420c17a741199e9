"""A short course with no safe time: the plan page shows the pause and the doses to resume with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from mgcalm.app import open_app
from mgcalm.domain.profile_parse import parse_profile_toml

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "antibiotic_pause.toml"


def test_plan_page_shows_the_pause_and_the_doses_after_the_course(client: TestClient) -> None:
    profile, problems = parse_profile_toml(EXAMPLE.read_text(encoding="utf-8"))
    assert profile is not None and not problems
    app = open_app()
    try:
        person = app.create_person(profile, person_id="me")
        plan = app.plan_for(person.id, today=date(2026, 12, 5))  # during the course
    finally:
        app.close()
    resume = plan.resume_after_course
    assert plan.doses == () and resume is not None and resume.doses
    html = client.get("/plan").text
    assert f"After the course: from {resume.resume_on}" in html
    assert f"{resume.doses[0].time:%H:%M}" in html
    api = client.get("/api/plan").json()
    assert api["plan"]["doses"] == [] and api["plan"]["resume_after_course"]["doses"]


def test_a_course_that_has_ended_gives_the_usual_doses(client: TestClient) -> None:
    profile, _ = parse_profile_toml(EXAMPLE.read_text(encoding="utf-8"))
    assert profile is not None
    app = open_app()
    try:
        person = app.create_person(profile, person_id="me")
        plan = app.plan_for(person.id, today=date(2026, 12, 11))  # the day after it ends
    finally:
        app.close()
    assert plan.doses and plan.resume_after_course is None
