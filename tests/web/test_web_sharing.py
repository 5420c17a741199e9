"""Reminders for a calendar (file and private feed) and the FHIR bundle for a clinician."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient


def test_calendar_file_holds_the_dose_reminders(client: TestClient, person: str) -> None:
    from mgcalm.web import deps

    deps.app_of(client.app).plan_for(person)  # type: ignore[arg-type]
    response = client.get("/settings/calendar.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in response.text and "BEGIN:VEVENT" in response.text


def test_feed_address_works_until_a_new_one_is_made(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    html = client.post("/settings/calendar", data={"csrf_token": token("/settings")}).text
    url = re.search(r"<code>([^<]+)</code>", html)
    assert url and "/calendar/" in url.group(1)
    path = url.group(1).replace("http://localhost", "")
    assert client.get(path).text.startswith("BEGIN:VCALENDAR")
    newer = client.post("/api/calendar/feed", json={}).json()
    assert client.get(path).status_code == 404  # the old address stopped working
    assert client.get(newer["path"]).status_code == 200
    assert client.delete("/api/calendar/feed").json()["revoked"] is True
    assert client.get(newer["path"]).status_code == 404


def test_unknown_feed_token_is_404(client: TestClient) -> None:
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


def test_fhir_bundle_for_the_clinician(client: TestClient, person: str) -> None:
    bundle = client.get("/api/fhir").json()
    assert bundle["resourceType"] == "Bundle"
    download = client.get("/settings/fhir.json")
    assert download.headers["content-disposition"].startswith("attachment;")
