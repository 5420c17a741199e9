"""Through the API, a dose on a baseline day is saved with a warning; Today says so too."""

from __future__ import annotations

from typing import Any


def test_the_api_saves_and_carries_the_warning(client: Any, person: str) -> None:
    from mgcalm.web import deps

    services = deps.app_of(client.app)
    services.start_phase(person, {"phase": "baseline", "start": services.today()})
    dose = {"form": "glycinate", "elemental_mg": 100, "taken_time": "21:30"}
    answer = client.post("/api/entries/dose", json=dose)
    assert answer.status_code == 201, answer.text
    assert [w["code"] for w in answer.json()["warnings"]] == ["dose_in_baseline"]
    batch = client.post("/api/entries", json={"entries": [{"kind": "dose", **dose, "id": "d2"}]})
    assert [w["code"] for w in batch.json()["warnings"]] == ["dose_in_baseline"]
    checkin = client.post("/api/entries/checkin", json={"anxiety": 5})
    assert checkin.json()["warnings"] == []
    assert "but today is in your baseline" in client.get("/").text
