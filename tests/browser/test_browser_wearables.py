"""In a real browser: a wearable export uploaded from Settings, with its progress shown.

The export is a generated Apple Health ``export.xml`` of about 20 MB (a few months of records),
big enough for the browser to report upload progress before mgcalm reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from tests.browser.conftest import ROOT, _serve

pytestmark = pytest.mark.browser
SIZE_MB = 20


@pytest.fixture(scope="module")
def person_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server whose data dir already holds a person (set up with ``mgcalm init``)."""
    folder = tmp_path_factory.mktemp("wearable-person")
    env = {**os.environ, "MGCALM_DATA_DIR": str(folder)}
    env.pop("MGCALM_DATABASE_URL", None)
    profile = ROOT / "examples" / "profile.toml"
    subprocess.run(
        [sys.executable, "-m", "mgcalm", "init", "--profile", str(profile)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    yield from _serve(folder)


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_wearables import generate

    path = tmp_path_factory.mktemp("export") / "export.xml"
    generate(path, SIZE_MB * 1024 * 1024)
    return path


def test_upload_shows_progress_then_the_summary(
    desktop: Page,
    person_url: str,
    big_export: Path,
    shoot: Callable[[Page, str], Path],
    axe: Callable[[Page], list[dict[str, Any]]],
) -> None:
    errors: list[str] = []
    desktop.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    desktop.goto(person_url + "/settings#wearable", timeout=90_000)
    # Record every status the page shows while the upload runs.
    desktop.evaluate(
        """() => { window.seen = [];
        const status = document.querySelector('[data-upload-status]');
        new MutationObserver(() => window.seen.push(status.textContent))
          .observe(status, {childList: true, characterData: true, subtree: true}); }"""
    )
    desktop.set_input_files("#wearable-file", str(big_export))
    desktop.get_by_role("button", name="Import").click()
    desktop.locator("#wearable-imported").wait_for(timeout=90_000)
    seen = desktop.evaluate("() => window.seen || []")
    summary = desktop.locator("#wearable-imported").inner_text()
    assert "Imported" in summary and "Resting heart rate" in summary
    assert any(s.startswith("Sending") or s.startswith("Sent") for s in seen), seen
    assert any(s.startswith("Reading your export") for s in seen), seen
    shoot(desktop, "settings-wearable-imported")
    assert axe(desktop) == []
    assert errors == [], errors
