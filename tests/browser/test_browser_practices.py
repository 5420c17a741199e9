"""In a real browser: the breathing pacer runs, respects reduced motion; support is one tap."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

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
    expect(phase).to_have_text("Breathe in")
    expect(phase).to_have_text("Hold")  # the pacer moves on by itself
    expect(pacer.locator(".pacer-circle")).not_to_have_class(re.compile(r"\binhale\b"))
    shoot(phone, "practices-phone")
    pacer.get_by_role("button", name="Stop").click()
    expect(phase).to_have_text("Paused")
    assert errors == [], errors  # no CSP violation, no script error


def test_pacer_does_not_animate_with_reduced_motion(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    page = new_context(reduced_motion="reduce").new_page()
    page.goto(base_url + "/practices")
    page.locator("#pacer-box").get_by_role("button", name="Start").click()
    transform = page.eval_on_selector(
        "#pacer-box .pacer-circle", "e => getComputedStyle(e).transform"
    )
    assert transform == "none"


def test_crisis_support_is_one_tap_from_practices(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "/practices")
    phone.get_by_role("link", name="Get support now").click()
    expect(phone).to_have_url(re.compile(r"/support$"))


def test_practices_page_has_no_serious_accessibility_violation(
    desktop: Page, base_url: str, axe: Callable[[Page], list[dict[str, Any]]]
) -> None:
    desktop.goto(base_url + "/practices")
    assert axe(desktop) == []
