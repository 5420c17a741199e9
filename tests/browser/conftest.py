"""Fixtures for the real-browser tests: a real ``mgcalm serve`` and Debian's chromium.

The browser, patient contexts and the server start-up wait live in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from tests.conftest import serving

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _serve(data_dir: Path, *extra: str, env_extra: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``mgcalm serve`` on ``data_dir`` until the caller is done; yield its base URL.

    It waits until the server answers (see ``serving`` in ``tests/conftest.py``).
    """
    port = _free_port()
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir), **(env_extra or {})}
    env.pop("MGCALM_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port), *extra]
    url = f"http://127.0.0.1:{port}"
    with serving(command, env, url + "/practices"):
        yield url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server on a fresh, empty data dir (a newcomer's first visit)."""
    yield from _serve(tmp_path_factory.mktemp("fresh"))


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server started with ``--demo`` (a seeded ten-week person)."""
    yield from _serve(tmp_path_factory.mktemp("demo"), "--demo")


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext]) -> Page:
    """A fresh phone-sized page (390×844) with its own cookies."""
    return new_context(viewport=PHONE).new_page()


@pytest.fixture
def desktop(new_context: Callable[..., BrowserContext]) -> Page:
    """A fresh desktop-sized page with its own cookies."""
    return new_context(viewport=DESKTOP).new_page()


@pytest.fixture
def shoot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot under test-artifacts/screenshots/."""

    def save(page: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def axe() -> Callable[[Page], list[dict[str, Any]]]:
    """Run axe-core in a page; return the serious and critical violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing; run scripts/services (npm install in tests/browser)")
    source = AXE.read_text(encoding="utf-8")

    def scan(page: Page) -> list[dict[str, Any]]:
        page.evaluate(source)  # through the DevTools protocol, so the strict CSP still holds
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', "
            "'wcag22aa', 'best-practice']})"
        )
        return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]

    return scan
