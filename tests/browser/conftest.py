"""Fixtures for the real-browser tests: a real ``mgcalm serve`` and Debian's chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mgcalm serve exited early with code {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/practices", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("mgcalm serve did not start in time")


def _serve(data_dir: Path, *extra: str, env_extra: dict[str, str] | None = None) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir), **(env_extra or {})}
    env.pop("MGCALM_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port), *extra]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server, seconds=90 if extra else 30)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server on a fresh, empty data dir (a newcomer's first visit)."""
    yield from _serve(tmp_path_factory.mktemp("fresh"))


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server started with ``--demo`` (a seeded ten-week person)."""
    yield from _serve(tmp_path_factory.mktemp("demo"), "--demo")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by Playwright (never a downloaded browser).

    Module-scoped on purpose: Playwright's sync API keeps an event loop running in the main
    thread while it is open, which would break later tests that call ``asyncio.run``.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; run scripts/services to install it")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized page (390×844) with its own cookies."""
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized page with its own cookies."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


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
