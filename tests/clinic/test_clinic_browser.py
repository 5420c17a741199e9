"""Clinic mode in a real browser: login, dashboard, report, account; cookies and accessibility.

A real ``uvicorn`` serves a small made-up clinic on PostgreSQL; Debian's chromium (driven by
Playwright, never a downloaded browser) logs in as the clinician and as a person.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "benchmark passphrase"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def clinic_server(
    postgres_schema: Callable[[str], AbstractContextManager[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """A seeded clinic (3 people, 30 days) behind a real uvicorn; yields its base URL."""
    with postgres_schema("b") as database:
        yield from _serve_seeded_clinic(database, tmp_path_factory.mktemp("clinic-browser"))


def _serve_seeded_clinic(database: str, data_dir: Path) -> Iterator[str]:
    """Seed the clinic on ``database`` and run uvicorn on it until the caller is done."""
    env = {
        **os.environ,
        "MGCALM_CLINIC_MODE": "true",
        "MGCALM_DATABASE_URL": database,
        "MGCALM_DATA_DIR": str(data_dir),
        "MGCALM_ARGON2_MEMORY_KIB": "8192",
    }
    mg = open_app(Settings(data_dir=data_dir, database_url=database, clinic_mode=True))
    try:
        clinic.seed_benchmark(mg, people=3, days=30, clinician="dr.browser", password=PASSWORD)
    finally:
        mg.close()
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "mgcalm.web.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/login", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's chromium (module-scoped: Playwright's sync API holds an event loop)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def serious_axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def test_clinician_journey_in_a_browser(clinic_server: str, chromium: Any) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(clinic_server + "/clinic")
    assert "/login" in page.url
    assert serious_axe_violations(page) == []
    log_in(page, clinic_server, "dr.browser")
    assert page.url.endswith("/clinic")
    assert page.locator("table.clinic-dashboard tbody tr").count() == 3
    assert serious_axe_violations(page) == []
    cookie = next(c for c in context.cookies() if c["name"] == "mgcalm_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    page.locator("table.clinic-dashboard tbody a").first.click()
    page.wait_for_load_state()
    assert "clinician report" in page.content()
    assert serious_axe_violations(page) == []
    page.goto(clinic_server + "/account")
    assert serious_axe_violations(page) == []
    page.click("form[action='/logout'] button")
    page.wait_for_load_state()
    page.goto(clinic_server + "/clinic")
    assert "/login" in page.url
    context.close()


def test_person_makes_an_invitation_code_in_a_browser(clinic_server: str, chromium: Any) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, clinic_server, "bench-00001")
    page.goto(clinic_server + "/account")
    page.click("form[action='/account/invite'] button")
    page.wait_for_load_state()
    code = page.locator("#invitation-code").inner_text()
    assert len(code) == 19 and code.count("-") == 3
    assert "Who looked at your data" in page.content()  # the audit log is on the page
    assert serious_axe_violations(page) == []
    context.close()
