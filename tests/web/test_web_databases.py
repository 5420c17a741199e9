"""The web app on both databases: onboarding, concurrent logging, today, progress, backup."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from tests.hardening.conftest import ONBOARDING


@pytest.fixture
def web(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The web app on ``database_url`` (SQLite file or a fresh PostgreSQL schema)."""
    from mgcalm.web.app import create_app

    monkeypatch.setenv("MGCALM_DATABASE_URL", database_url)
    yield create_app()


def test_full_day_through_the_api(web: FastAPI) -> None:
    async def run() -> dict[str, object]:
        async with web.router.lifespan_context(web):
            transport = httpx.ASGITransport(app=web)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
                assert (await c.post("/api/onboarding", json=ONBOARDING)).status_code == 201
                today = (await c.get("/api/today")).json()
                first = today["doses"][0]["time"]
                marked = await c.post("/api/today/dose", json={"planned_time": first})
                posts = [
                    c.post("/api/entries/checkin", json={"id": f"c{i}", "sleep_quality": 5})
                    for i in range(20)
                ]
                statuses = {r.status_code for r in await asyncio.gather(*posts)}
                return {
                    "marked": marked.json()["doses"][0]["status"],
                    "statuses": statuses,
                    "progress": (await c.get("/api/progress")).json(),
                    "backup": (await c.post("/api/backup", json={})).json(),
                }

    result = asyncio.run(run())
    assert result["marked"] == "taken"
    assert result["statuses"] == {201}
    progress = result["progress"]
    assert progress["primary_outcome"] == "sleep_quality"  # type: ignore[index]
    assert progress["adherence"]["taken"] >= 1  # type: ignore[index]
    assert result["backup"]["entries"] == 21  # type: ignore[index]
