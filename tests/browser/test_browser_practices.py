"""In a real browser: the breathing pacer runs, respects reduced motion; support is one tap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def test_breathing_pacer_guides_each_phase(
    phone: Page, base_url: str, shoot: Callable[[Page, str], Path]
) -> None:
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.goto(base_url + "/practices")
    pacer = phone.locator("#pacer-box")
    pacer.get_by_role("button", name="Start").click()
    phase = pacer.locator(".pacer-phase")
    assert phase.inner_text() == "Breathe in"
    phone.wait_for_function(
        "() => document.querySelector('#pacer-box .pacer-phase').textContent === 'Hold'",
        timeout=6000,
    )
    assert "inhale" not in (pacer.locator(".pacer-circle").get_attribute("class") or "")
    shoot(phone, "practices-phone")
    pacer.get_by_role("button", name="Stop").click()
    assert phase.inner_text() == "Paused"
    assert errors == [], errors  # no CSP violation, no script error


def test_pacer_does_not_animate_with_reduced_motion(browser: Browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "/practices")
    page.locator("#pacer-box").get_by_role("button", name="Start").click()
    transform = page.eval_on_selector(
        "#pacer-box .pacer-circle", "e => getComputedStyle(e).transform"
    )
    assert transform == "none"
    context.close()


def test_crisis_support_is_one_tap_from_practices(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "/practices")
    phone.get_by_role("link", name="Get support now").click()
    assert phone.url.endswith("/support")


def test_practices_page_has_no_serious_accessibility_violation(
    desktop: Page, base_url: str, axe: Callable[[Page], list[dict[str, Any]]]
) -> None:
    desktop.goto(base_url + "/practices")
    assert axe(desktop) == []
