"""The profile page: every answer editable later; saving re-plans and says what changed."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from .test_web_onboarding_plan import ANSWERS


def _onboard(client: TestClient, token: Callable[[str], str]) -> None:
    data = {"csrf_token": token("/onboarding"), **ANSWERS}
    assert client.post("/onboarding", data=data, follow_redirects=False).status_code == 303


def test_the_profile_page_shows_the_answers_given(
    client: TestClient, token: Callable[[str], str]
) -> None:
    _onboard(client, token)
    html = client.get("/profile").text
    assert 'name="medications[0].name" value="levothyroxine"' in html
    assert 'name="medications[1].name" value=""' in html  # room for one more
    assert 'value="06:30"' in html and 'list="medicine-names"' in html
    assert client.get("/api/profile").json()["person.age"] == str(ANSWERS["person.age"])


def test_adding_a_medicine_re_plans_and_lists_what_changed(
    client: TestClient, token: Callable[[str], str]
) -> None:
    _onboard(client, token)
    before = client.get("/api/plan").json()["plan"]
    values = client.get("/api/profile").json()
    values |= {"medications[1].name": "ciprofloxacin", "medications[1].times": "08:00, 20:00"}
    form = {"csrf_token": token("/profile"), **values}
    page = client.post("/profile", data=form)
    assert page.status_code == 200 and 'id="changes"' in page.text
    changes = re.findall(
        r"<li>([^<]*)</li>", page.text.split('id="changes"', 1)[1].split("</section>")[0]
    )
    assert any("ciprofloxacin" in c for c in changes), changes
    after = client.get("/api/plan").json()["plan"]
    assert {s["medication"] for s in after["separations"]} > {
        s["medication"] for s in before["separations"]
    }
    again = client.put("/api/profile", json=values)
    assert again.status_code == 200 and again.json()["changes"] == []  # same answers, same plan


def test_any_number_of_medicines(client: TestClient, token: Callable[[str], str]) -> None:
    _onboard(client, token)
    values = client.get("/api/profile").json()
    for i, name in enumerate(("sertraline", "omeprazole", "metformin", "ibuprofen", "lisinopril")):
        values[f"medications[{i + 1}].name"] = name
        values[f"medications[{i + 1}].times"] = "09:00"
    assert client.put("/api/profile", json=values).status_code == 200
    html = client.get("/profile").text
    assert 'value="lisinopril"' in html and 'name="medications[6].name" value=""' in html


def test_a_course_keeps_its_dates(client: TestClient, token: Callable[[str], str]) -> None:
    _onboard(client, token)
    values = client.get("/api/profile").json()
    values |= {
        "medications[1].name": "doxycycline",
        "medications[1].times": "08:00",
        "medications[1].start": "2026-11-20",
        "medications[1].end": "2026-11-27",
    }
    assert client.put("/api/profile", json=values).status_code == 200
    assert client.get("/api/profile").json()["medications[1].end"] == "2026-11-27"


def test_profile_problems_use_friendly_words(
    client: TestClient, token: Callable[[str], str]
) -> None:
    _onboard(client, token)
    values = client.get("/api/profile").json() | {"person.age": "300", "day.wake": "25:99"}
    page = client.post("/profile", data={"csrf_token": token("/profile"), **values})
    assert page.status_code == 422
    box = page.text.split('id="problems"', 1)[1].split("</div>", 1)[0]
    assert "Age" in box and "Wake-up time" in box and "person.age" not in box
