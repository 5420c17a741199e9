"""Settings: the wearable upload, its summary, bad files, and the export guides."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mgcalm.domain import InvalidInputError, Problem

EXPORTS = Path(__file__).parents[1] / "wearables" / "exports"


def _upload(client: TestClient, token: str, name: str, data: bytes, **fields: str) -> object:
    form = {"csrf_token": token, "source": "auto", "devices": "", **fields}
    return client.post("/settings/wearables", data=form, files={"file": (name, data)})


def test_settings_offers_the_upload_and_a_guide_per_device(client: TestClient, person: str) -> None:
    html = client.get("/settings").text
    assert 'enctype="multipart/form-data"' in html and "data-upload-progress" in html
    for title in ("Apple Health", "Google Takeout", "Oura", "Garmin"):
        assert title in html
    guides = client.get("/api/wearables").json()["guides"]
    assert [g["source"] for g in guides] == ["apple-health", "google-fitbit", "oura", "garmin"]
    assert all(len(g["steps"]) >= 3 for g in guides)


def test_uploading_an_export_imports_it(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    data = (EXPORTS / "apple_health_export.zip").read_bytes()
    response = _upload(client, token("/settings"), "export.zip", data, devices="Oura")
    assert response.status_code == 200  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    # The ring recorded two nights; with it preferred, the watch's nights are not used for sleep.
    assert "Imported 3 days (2024-03-29 to 2024-03-31)" in html
    assert "Sleep: 2 days, from Oura" in html  # the preferred device was used
    stored = client.get("/api/wearables").json()
    assert stored["preferred_devices"] == ["Oura"]
    assert {"source": "apple-health", "measure": "resting_heart_rate", "days": 3} in stored[
        "stored"
    ]
    again = _upload(client, token("/settings"), "export.zip", data)
    assert "0 values added" in again.text  # type: ignore[attr-defined]


def test_a_bad_upload_names_the_file_and_stores_nothing(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    cut = (EXPORTS / "apple_health_export.zip").read_bytes()[:700]
    response = _upload(client, token("/settings"), "export.zip", cut)
    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert "<strong>export.zip</strong>: is not a complete zip file" in html
    assert "mgcalm-upload-" not in html  # the temporary copy's folder is never shown
    assert client.get("/api/wearables").json()["stored"] == []
    empty = _upload(client, token("/settings"), "", b"")
    assert empty.status_code == 422  # type: ignore[attr-defined]


def test_upload_without_the_form_token_is_refused(client: TestClient, person: str) -> None:
    data = (EXPORTS / "oura_trends.csv").read_bytes()
    response = client.post(
        "/settings/wearables", data={"source": "auto"}, files={"file": ("o.csv", data)}
    )
    assert response.status_code == 403
    assert client.get("/api/wearables").json()["stored"] == []


def test_a_long_import_leaves_other_pages_answering(
    client: TestClient,
    person: str,
    token: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The import runs in a worker thread: while it works, the event loop serves other pages."""
    from mgcalm.web.routes import wearables

    support_answered = threading.Event()
    waited: list[bool] = []

    def slow_import(*args: object, **kwargs: object) -> object:
        # Finishes only once /support has been answered (or gives up after a long while).
        waited.append(support_answered.wait(timeout=120))
        raise InvalidInputError([Problem("file", "was only a test", "a real export")])

    monkeypatch.setattr(wearables, "import_upload", slow_import)
    csrf = token("/settings")
    with ThreadPoolExecutor(1) as pool:
        upload = pool.submit(_upload, client, csrf, "export.zip", b"zip")
        assert client.get("/support").status_code == 200
        support_answered.set()
        assert upload.result(timeout=120).status_code == 422  # type: ignore[attr-defined]
    assert waited == [True]
