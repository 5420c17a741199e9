"""The trial in a real browser on a phone: register a blinded trial, guess, unblind early.

A server of this module's own; the person onboards with a baseline first (the default), then
registers randomised, blinded pairs from /trial, after seeing what each design can detect
(previewing the blinded choice with a plain form button) and the run-in it would begin with;
having logged a week at the planned dose, they get none, and period 1 starts at once. Every
page of the path passes axe-core with no serious or critical violation.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import PHONE

pytestmark = pytest.mark.browser
WAIT = 90_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _onboard_with_a_baseline(page: Page, url: str) -> None:
    page.goto(url + "/onboarding", timeout=WAIT)
    next_step = page.get_by_role("button", name="Next")
    page.get_by_label("Age in years").fill("41")
    page.get_by_label("Male", exact=True).check()
    page.get_by_label("Kidney function").select_option("normal")
    next_step.click()
    for field, value in (("wake", "07:00"), ("dinner", "18:30"), ("bedtime", "23:00")):
        page.locator(f'[name="day.{field}"]').fill(value)
    next_step.click()
    next_step.click()
    page.get_by_label("Anxiety", exact=True).check()
    next_step.click()
    page.get_by_role("button", name="Make my plan").click()
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible(timeout=WAIT)


def _log_a_week_at_the_planned_dose(data_dir: Path) -> None:
    """The person already took their planned dose for a week, a fortnight ago (no run-in)."""
    from datetime import date, timedelta

    from mgcalm.app import Settings, open_app

    app = open_app(Settings(data_dir=data_dir))
    try:
        person = app.people()[0].id
        mg = app.active_plan(person).daily_elemental_mg  # type: ignore[union-attr]
        day = date.today() - timedelta(days=14)
        rows = [
            {"kind": "dose", "id": f"before-{i}", "day": day - timedelta(days=i),
             "form": "glycinate", "elemental_mg": mg, "taken_time": "08:00"}
            for i in range(7)
        ]  # fmt: skip
        app.log_many(person, rows)
    finally:
        app.close()


def _clean(page: Page, axe: Callable[[Page], list[dict[str, Any]]], where: str) -> None:
    found = axe(page)
    assert not found, (where, [(v["id"], v["nodes"][0]["target"]) for v in found])


def test_register_guess_and_unblind_on_a_phone(
    new_context: Callable[..., BrowserContext],
    serve_process: Callable[..., Any],
    tmp_path: Path,
    axe: Callable[[Page], list[dict[str, Any]]],
    shoot: Callable[[Page, str], Path],
) -> None:
    port = _free_port()
    env = {**os.environ, "MGCALM_DATA_DIR": str(tmp_path)}
    env.pop("MGCALM_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with serve_process(command, env, url + "/practices"):
        page = new_context(viewport=PHONE).new_page()
        _onboard_with_a_baseline(page, url)

        page.goto(url + "/progress", timeout=WAIT)
        page.get_by_role("link", name="Register, guess or unblind your trial").click()
        expect(page.get_by_role("heading", name="Register your trial")).to_be_visible()
        # New to magnesium: a randomised trial would open with a run-in up the plan's steps.
        expect(page.locator("#run-in-plan")).to_contain_text("Run-in of 14 days")
        _clean(page, axe, "register form")
        _log_a_week_at_the_planned_dose(tmp_path)
        page.get_by_label("Randomised pairs, blinded with identical placebo capsules").check()
        page.get_by_role("button", name="Show what these choices can detect").click()
        expect(page.locator("#run-in-plan")).to_contain_text("No run-in: you have already taken")
        power = page.locator("#power")
        expect(power).to_contain_text("blinded with identical placebo capsules (your choice)")
        expect(power).to_contain_text("trials out of 10")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        blinded = page.get_by_label("Randomised pairs, blinded with identical placebo capsules")
        expect(blinded).to_be_checked()  # the form keeps the choice it previewed
        shoot(page, "trial-design-power-phone")
        _clean(page, axe, "design figures")
        page.get_by_label("Pairs of periods", exact=True).fill("1")
        page.get_by_role("button", name="Register my trial").click()
        expect(page.locator("#pairs-error")).to_contain_text("accepted: 2 to 8")
        _clean(page, axe, "register refused")
        page.get_by_label("Pairs of periods", exact=True).fill("2")
        page.get_by_label("Days per period").fill("21")
        page.get_by_label("Baseline days first").fill("0")
        page.get_by_role("button", name="Register my trial").click()
        expect(page.locator("#done")).to_contain_text("Your trial is registered")
        schedule = page.locator("#schedule")
        expect(schedule).to_contain_text("1 (now)")
        assert "placebo" not in schedule.inner_text().lower()
        shoot(page, "trial-registered-phone")
        _clean(page, axe, "registered")

        page.get_by_label("Placebo", exact=True).check()
        page.get_by_role("button", name="Save my guess").click()
        expect(page.locator("#guesses")).to_contain_text("Period 1: placebo")

        page.get_by_role("link", name="Unblind my trial…").click()
        expect(page.locator("#early-warning")).to_be_visible()
        _clean(page, axe, "unblind confirmation")
        page.get_by_label("Yes, show me which periods held magnesium").check()
        page.get_by_role("button", name="Unblind now").click()
        expect(page.locator("#early-error")).to_contain_text("unblind early")
        page.get_by_label("Unblind early: I am stopping the trial before its end").check()
        page.get_by_label("Why (recorded)").fill("a rash on my arms")
        page.get_by_label("Yes, show me which periods held magnesium").check()
        page.get_by_role("button", name="Unblind now").click()
        expect(page.locator("#done")).to_contain_text("Your trial is unblinded")
        text = page.locator("#schedule").inner_text().lower()
        assert text.count("magnesium") == 2 and text.count("placebo") == 2
        shoot(page, "trial-unblinded-phone")
        _clean(page, axe, "unblinded")
