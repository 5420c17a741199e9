"""In a real browser: onboarding → plan → a dose taken in one tap → check-in → progress."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import _serve

pytestmark = pytest.mark.browser
MAIN_PAGES = (
    "/",
    "/onboarding",
    "/plan",
    "/log",
    "/log/checkin",
    "/log/sleep",
    "/log/food",
    "/log/side_effect",
    "/settings/devices",
    "/profile",
    "/pair",
    "/assess/phq9",
    "/progress",
    "/practices",
    "/learn",
    "/support",
    "/settings",
)


def _onboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "/onboarding", timeout=90_000)
    next_step = page.get_by_role("button", name="Next")
    page.get_by_label("Age in years").fill("34")
    page.get_by_label("Female").check()
    page.get_by_label("Kidney function").select_option("normal")
    next_step.click()
    for field, value in (
        ("wake", "07:00"),
        ("breakfast", "07:30"),
        ("lunch", "12:30"),
        ("dinner", "18:30"),
        ("bedtime", "23:00"),
    ):
        page.locator(f'[name="day.{field}"]').fill(value)
    next_step.click()
    page.get_by_label("Medicine 1").fill("levothyroxine")
    page.locator('[name="medications[0].times"]').fill("06:30")
    next_step.click()
    page.get_by_label("Anxiety", exact=True).check()
    page.get_by_label("Sleep", exact=True).check()
    page.get_by_label("Start magnesium today").check()
    next_step.click()
    page.get_by_role("button", name="Make my plan").click()
    # Wait for the answer: navigating away at once would abort the form post (no person saved).
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible(timeout=90_000)


def test_onboarding_plan_dose_checkin_progress(
    phone: Page, base_url: str, shoot: Callable[[Page, str], Path]
) -> None:
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    shoot_after = shoot
    phone.goto(base_url + "/onboarding")
    shoot_after(phone, "onboarding-phone")
    _onboard(phone, base_url)
    expect(phone.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(phone.get_by_text("evidence:").first).to_be_visible()
    expect(phone.get_by_text("levothyroxine").first).to_be_visible()
    shoot_after(phone, "plan-phone")

    phone.get_by_role("link", name="Go to Today").click()
    doses = phone.locator("#doses")
    taken = doses.get_by_role("button", name="Taken").first
    url_before = phone.url
    taken.click()  # htmx swaps the checklist in place; a plain form would reload
    expect(doses.get_by_text("✓ Taken").first).to_be_visible()
    assert phone.url == url_before
    shoot_after(phone, "today-phone")

    phone.get_by_role("link", name="Check in").click()
    phone.locator('label[for="checkin-anxiety-6"]').click()
    phone.locator('label[for="checkin-sleep_quality-4"]').click()
    phone.get_by_role("button", name="Save check-in").click()
    expect(phone.locator("#toast")).to_contain_text("Saved", timeout=60_000)

    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(phone.get_by_role("heading", name="Your progress")).to_be_visible()
    expect(phone.locator("#not-yet")).to_contain_text("No estimates yet")
    expect(phone.locator("#what-comes")).to_contain_text("a first estimate")
    assert errors == [], errors


@pytest.fixture
def newcomer_url(tmp_path: Path) -> Iterator[str]:
    """A server of its own, so this test neither needs nor spoils another test's person."""
    yield from _serve(tmp_path)


def test_crisis_checkin_shows_crisis_lines_at_once(phone: Page, newcomer_url: str) -> None:
    _onboard(phone, newcomer_url)
    phone.goto(newcomer_url + "/log/checkin")
    phone.get_by_label("I am in crisis or feel unsafe").check()
    phone.get_by_role("button", name="Save check-in").click()
    crisis = phone.locator("#crisis")
    expect(crisis).to_be_visible()
    expect(crisis.get_by_role("link", name="Call 988").first).to_have_attribute("href", "tel:988")


@pytest.mark.parametrize("path", ["/", "/plan", "/practices", "/log", "/assess/phq9"])
def test_support_is_one_tap_from_every_page(phone: Page, demo_url: str, path: str) -> None:
    phone.goto(demo_url + path)
    phone.get_by_role("banner").get_by_role("link", name="Get support now").click()
    expect(phone.get_by_role("heading", name="Support, right now")).to_be_visible()
    expect(phone.get_by_role("link", name="Call 988").first).to_be_visible()


def test_keyboard_reaches_support_first(desktop: Page, demo_url: str) -> None:
    desktop.goto(demo_url + "/")
    desktop.keyboard.press("Tab")  # the skip link
    desktop.keyboard.press("Tab")
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "/support"


def test_demo_pages_screenshots_and_no_serious_axe_violations(
    new_context: Callable[..., Any],
    demo_url: str,
    shoot: Callable[[Page, str], Path],
    axe: Callable[[Page], list[dict[str, Any]]],
) -> None:
    found: dict[str, list[str]] = {}
    for name, viewport, scheme in (
        ("phone", {"width": 390, "height": 844}, "light"),
        ("desktop", {"width": 1280, "height": 900}, "dark"),
    ):
        context = new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        for path in MAIN_PAGES:
            page.goto(demo_url + path)
            slug = path.strip("/") or "today"
            shoot(page, f"demo-{slug}-{name}")
            violations = axe(page)
            if violations:
                found[f"{path} ({name}, {scheme})"] = [
                    f"{v['id']}: {v['nodes'][0]['target']}" for v in violations
                ]
    assert found == {}


def test_questionnaire_one_item_at_a_time_without_javascript(
    new_context: Callable[..., Any], demo_url: str, shoot: Callable[[Page, str], Path]
) -> None:
    context = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(demo_url + "/assess/gad7")
    for number in range(1, 8):
        expect(page.get_by_text(f"Question {number} of 7")).to_be_visible()
        page.get_by_label("Several days").check()
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("One last, optional question")).to_be_visible()
    shoot(page, "assess-no-js-phone")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", name="GAD-7: 7")).to_be_visible()


def test_food_search_updates_as_you_type_and_logs_a_portion(phone: Page, demo_url: str) -> None:
    phone.goto(demo_url + "/log/food")
    phone.get_by_label("Search foods (USDA)").press_sequentially("almonds", delay=30)
    results = phone.locator("#food-results")
    expect(results.get_by_role("heading").first).to_contain_text("lmond")
    assert "q=" not in phone.url  # updated in place, no page load
    results.get_by_role("button").first.click()
    expect(phone.locator("#toast")).to_contain_text("Saved", timeout=60_000)
