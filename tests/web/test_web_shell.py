"""The web shell: security headers, CSRF, error pages and the JSON problems of the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PAGES = ("/practices",)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_support_in_its_header(client: TestClient, path: str) -> None:
    html = client.get(path).text
    header = html.split("</header>", 1)[0]
    assert 'href="/support"' in header


def test_security_headers_are_strict(client: TestClient) -> None:
    headers = client.get("/practices").headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    html = client.get("/practices").text
    assert "<script>" not in html and "style=" not in html and "<style" not in html


def test_unknown_page_is_a_calm_404_not_a_traceback(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Traceback" not in response.text
    assert 'href="/support"' in response.text


def test_unknown_api_path_is_json(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json()["problems"] == []


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/practices" in spec["paths"]
    assert all(path.startswith("/api/") for path in spec["paths"])


def test_static_assets_are_local_and_htmx_licence_ships(client: TestClient) -> None:
    assert client.get("/static/vendor/htmx.min.js").status_code == 200
    assert "Zero-Clause BSD" in client.get("/static/vendor/htmx.LICENSE.txt").text
    html = client.get("/practices").text
    assert "https://cdn" not in html and "unpkg" not in html


def test_api_refuses_form_encoded_posts(client: TestClient) -> None:
    response = client.post("/api/practices", data={"x": "1"})
    assert response.status_code in (405, 415)


def test_api_refuses_cross_origin_json(client: TestClient) -> None:
    response = client.post("/api/checkins", json={}, headers={"origin": "https://evil.example"})
    assert response.status_code in (403, 404, 405)
