"""Clinic mode in a real browser: login, dashboard, report, account; cookies and accessibility.

A real ``uvicorn`` serves a small made-up clinic on PostgreSQL; Debian's chromium (driven by
Playwright, never a downloaded browser) logs in as the clinician and as a person.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
AXE = Path(__file__).parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "benchmark passphrase"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_seeded_clinic(
    database: str, data_dir: Path, serve_process: Callable[..., AbstractContextManager[Any]]
) -> Iterator[str]:
    """Seed a clinic (3 people, 30 days) and serve it with a real uvicorn; yields its base URL."""
    mg = open_app(Settings(data_dir=data_dir, database_url=database, clinic_mode=True))
    try:
        clinic.seed_benchmark(mg, people=3, days=30, clinician="dr.browser", password=PASSWORD)
    finally:
        mg.close()
    env = {
        **os.environ,
        "MGCALM_CLINIC_MODE": "true",
        "MGCALM_DATABASE_URL": database,
        "MGCALM_DATA_DIR": str(data_dir),
        "MGCALM_ARGON2_MEMORY_KIB": "8192",
    }
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "mgcalm.web.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with serve_process(command, env, base + "/login"):
        yield base


@pytest.fixture(scope="module")
def clinic_server(
    postgres_schema: Callable[[str], AbstractContextManager[str]],
    tmp_path_factory: pytest.TempPathFactory,
    serve_process: Callable[..., AbstractContextManager[Any]],
) -> Iterator[str]:
    """A seeded clinic (3 people, 30 days) behind a real uvicorn; yields its base URL."""
    with postgres_schema("b") as database:
        data_dir = tmp_path_factory.mktemp("clinic-browser")
        yield from serve_seeded_clinic(database, data_dir, serve_process)


def serious_axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def log_in(page: Any, base: str, username: str) -> None:
    """Log in through the form and wait until the login page has been left."""
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login"))


def test_clinician_journey_in_a_browser(clinic_server: str, new_context: Any) -> None:
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(clinic_server + "/clinic")
    expect(page).to_have_url(re.compile(r"/login"))
    assert serious_axe_violations(page) == []
    log_in(page, clinic_server, "dr.browser")
    expect(page).to_have_url(re.compile(r"/clinic$"))
    expect(page.locator("table.clinic-dashboard tbody tr")).to_have_count(3)
    assert serious_axe_violations(page) == []
    cookie = next(c for c in context.cookies() if c["name"] == "mgcalm_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    page.locator("table.clinic-dashboard tbody a").first.click()
    expect(page.get_by_text("clinician report").first).to_be_attached()
    assert serious_axe_violations(page) == []
    page.goto(clinic_server + "/account")
    assert serious_axe_violations(page) == []
    page.click("form[action='/logout'] button")
    expect(page).not_to_have_url(re.compile(r"/account"))
    page.goto(clinic_server + "/clinic")
    expect(page).to_have_url(re.compile(r"/login"))


def test_person_makes_an_invitation_code_in_a_browser(clinic_server: str, new_context: Any) -> None:
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, clinic_server, "bench-00001")
    page.goto(clinic_server + "/account")
    page.click("form[action='/account/invite'] button")
    expect(page.locator("#invitation-code")).to_be_visible()
    code = page.locator("#invitation-code").inner_text()
    assert len(code) == 19 and code.count("-") == 3
    expect(page.get_by_text("Who looked at your data").first).to_be_attached()  # the audit log
    assert serious_axe_violations(page) == []


CHART_TEXT = """() => [...document.querySelectorAll("svg.report-chart")].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(
    t => parseFloat(t.getAttribute("font-size") || svg.getAttribute("font-size")) * scale);
  return {smallest: Math.min(...sizes), name: svg.getAttribute("aria-label")};
})"""


@pytest.mark.parametrize(("scheme", "width"), [("dark", 390), ("light", 1280)])
def test_report_charts_read_in_both_colour_schemes(
    clinic_server: str, new_context: Any, scheme: str, width: int
) -> None:
    context = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    log_in(page, clinic_server, "dr.browser")
    page.locator("table.clinic-dashboard tbody a").first.click()
    expect(page.locator("svg.report-chart").first).to_be_visible()
    charts = page.evaluate(CHART_TEXT)
    assert len(charts) >= 5
    assert all(c["smallest"] >= 12 for c in charts), charts  # px, as drawn
    text = page.evaluate("getComputedStyle(document.querySelector('svg.report-chart')).color")
    body = page.evaluate("getComputedStyle(document.body).color")
    assert text == body  # chart text takes the page's colour: light on dark, dark on light
    assert serious_axe_violations(page) == []
