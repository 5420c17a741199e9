"""/support: crisis resources by region, as a page and as JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_support_page_lists_988_by_default_with_one_tap_links(client: TestClient) -> None:
    html = client.get("/support").text
    assert 'href="tel:988"' in html
    assert "not an emergency service" in html


def test_support_page_follows_the_region(client: TestClient) -> None:
    html = client.get("/support?region=UK").text
    assert "Samaritans" in html and 'href="tel:116123"' in html
    assert 'href="tel:988"' not in html


def test_unknown_region_falls_back_to_the_international_directory(client: TestClient) -> None:
    data = client.get("/api/support?region=ZZ").json()
    assert data["region"] == "INTL"
    assert any("findahelpline" in c["href"] for r in data["resources"] for c in r["contacts"])


def test_support_json_names_sources_and_verification_date(client: TestClient) -> None:
    data = client.get("/api/support?region=US").json()
    lifeline = next(r for r in data["resources"] if r["id"] == "us-988")
    assert lifeline["source"].startswith("https://")
    assert lifeline["last_verified"]


def test_overlong_region_is_a_json_problem_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/support?region=" + "X" * 40)
    assert response.status_code == 422
    assert response.json()["problems"][0]["location"] == "region"
