"""Fixtures for the hardening tests: the personal web app on SQLite or PostgreSQL, set up."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's import-time note about httpx2
    from fastapi.testclient import TestClient

ONBOARDING = {
    "person.age": 41,
    "person.sex": "male",
    "day.wake": "06:30",
    "day.breakfast": "07:00",
    "day.lunch": "12:00",
    "day.dinner": "18:00",
    "day.bedtime": "22:30",
    "goals.focus": ["sleep"],
    "outcome": "sleep_quality",
    "start": "magnesium",
}


@pytest.fixture
def api(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client of the personal web app on ``database_url``, with one person onboarded."""
    from mgcalm.web.app import create_app

    monkeypatch.setenv("MGCALM_DATABASE_URL", database_url)
    with TestClient(
        create_app(), raise_server_exceptions=False, base_url="http://localhost"
    ) as client:
        done = client.post("/api/onboarding", json=ONBOARDING)
        assert done.status_code == 201, done.text
        yield client


def services(client: TestClient) -> Any:
    """The App behind a test client."""
    from mgcalm.web import deps

    return deps.app_of(client.app)  # type: ignore[arg-type]
