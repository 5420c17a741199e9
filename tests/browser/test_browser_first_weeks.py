"""On a phone (390×844), a person three days into their baseline: Progress that makes sense,
undo for "Start magnesium today", add-a-row on the profile, the primary outcome on Settings, and
entries kept on the phone when the server fails or the connection drops mid-way."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect
from tests.browser.conftest import PHONE, ROOT, _serve

pytestmark = pytest.mark.browser
WAIT = 90_000


def _mgcalm(folder: Path, *args: str) -> None:
    env = {**os.environ, "MGCALM_DATA_DIR": str(folder)}
    env.pop("MGCALM_DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "mgcalm", *args], env=env, check=True, capture_output=True
    )


@pytest.fixture(scope="module")
def baseline_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server whose person started a baseline three days ago and checked in once."""
    folder = tmp_path_factory.mktemp("first-weeks")
    _mgcalm(folder, "init", "--profile", str(ROOT / "examples" / "profile.toml"))
    _mgcalm(folder, "trial", "outcome", "anxiety")
    _mgcalm(folder, "trial", "start", "baseline", "--start", str(date.today() - timedelta(days=3)))
    _mgcalm(folder, "log", "checkin", "--anxiety", "6", "--mood", "4")
    yield from _serve(folder)


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context(viewport=PHONE).new_page()


def api(page: Page, method: str, path: str, body: Any = None) -> Any:
    return page.evaluate(
        """async ([method, path, body]) => {
            const r = await fetch(path, {method, headers: {'content-type': 'application/json'},
                                         body: body === null ? undefined : JSON.stringify(body)});
            return {status: r.status, body: await r.json().catch(() => null)};
        }""",
        [method, path, body],
    )


SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('svg.chart text')].map((t) => {
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(t).fontSize) * scale;
}))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_in_the_first_week_makes_sense_on_a_phone(
    new_context: Callable[..., BrowserContext],
    baseline_url: str,
    scheme: str,
    axe: Callable[[Page], list[dict[str, Any]]],
    shoot: Callable[[Page, str], Path],
) -> None:
    page = new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(baseline_url + "/progress")
    expect(page.locator("#what-comes")).to_contain_text("Your baseline runs until")
    expect(page.locator("#what-comes")).to_contain_text("a first estimate after about")
    expect(page.locator("#not-yet")).to_have_count(1)
    expect(page.locator("svg.chart circle.dot").first).to_be_visible()  # one day: a point
    assert page.evaluate(SMALLEST_TEXT) >= 12
    text = page.locator("main").inner_text()
    for word in ("AR(1)", "Waso", "very_low", "comparison days"):
        assert word not in text
    assert axe(page) == []
    shoot(page, f"first-week-progress-{scheme}")


def test_start_magnesium_today_can_be_undone(phone: Page, baseline_url: str) -> None:
    phone.goto(baseline_url + "/")
    phone.get_by_role("button", name="Start magnesium today").click()
    toast = phone.locator("#toast")
    expect(toast).to_contain_text("Magnesium starts today")
    assert api(phone, "GET", "/api/today")["body"]["phase"] == "titration"
    toast.get_by_role("button", name="Undo").click()
    expect(phone.locator("#toast")).to_contain_text("Taken back")
    assert api(phone, "GET", "/api/today")["body"]["phase"] == "baseline"
    expect(phone.get_by_role("button", name="Start magnesium today")).to_be_visible()


def test_the_profile_adds_a_medicine_row(phone: Page, baseline_url: str) -> None:
    phone.goto(baseline_url + "/profile")
    rows = phone.locator('[data-rows="medications"] [data-row]')
    before = rows.count()
    phone.get_by_role("button", name="Add another medicine").click()
    expect(rows).to_have_count(before + 1)
    name = phone.get_by_label(f"Medicine {before + 1}", exact=True)
    expect(name).to_be_focused()
    expect(name).to_have_attribute("name", f"medications[{before}].name")
    name.fill("ciprofloxacin")
    phone.locator(f'[name="medications[{before}].times"]').fill("08:00, 20:00")
    phone.get_by_role("button", name="Save and update my plan").click()
    expect(phone.locator("#changes")).to_contain_text("ciprofloxacin")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_settings_shows_and_changes_the_primary_outcome(
    new_context: Callable[..., BrowserContext],
    baseline_url: str,
    scheme: str,
    axe: Callable[[Page], list[dict[str, Any]]],
) -> None:
    page = new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(baseline_url + "/settings#outcome")
    section = page.locator("#outcome")
    expect(section).to_contain_text("Your trial has started")
    assert axe(page) == []
    if scheme == "dark":
        return  # one change is enough; both schemes are checked for contrast above
    section.get_by_label("How well you slept (0–10)").check()
    section.get_by_label("Why change it?").fill("sleep bothers me most")
    section.get_by_role("button", name="Save primary outcome").click()
    expect(page.locator("#outcome")).to_contain_text("is How well you slept")
    expect(page.locator("#outcome")).to_contain_text("How well you slept")
    api(page, "PUT", "/api/trial/outcome", {"outcome": "anxiety", "reason": "back to distress"})


def _checkin_count(page: Page) -> int:
    entries = api(page, "GET", "/api/entries/today")["body"]
    return sum(1 for e in entries if e["kind"] == "checkin")


@pytest.mark.parametrize("failure", ["server error", "dropped mid-way"])
def test_a_checkin_is_kept_when_sending_fails_and_synced_once(
    phone: Page, baseline_url: str, failure: str
) -> None:
    phone.goto(baseline_url + "/log/checkin")
    before = _checkin_count(phone)

    def fail(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
        elif failure == "server error":
            route.fulfill(status=503, body="busy")
        else:
            route.fetch()  # the server stores it, then the answer is lost
            route.abort("connectionreset")

    phone.route("**/log/checkin", fail)
    phone.locator('label[for="checkin-anxiety-2"]').click()
    phone.get_by_role("button", name="Save check-in").click()
    expect(phone.locator("#toast")).to_contain_text("saved on this phone", ignore_case=True)
    expect(phone.locator("#sync-status")).to_contain_text("will sync")
    phone.unroute("**/log/checkin")
    assert phone.evaluate("async () => window.mgcalmOffline.sync()") == 1
    expect(phone.locator("#sync-status")).to_be_hidden()
    assert _checkin_count(phone) == before + 1  # exactly once, even when it had got through
    assert phone.evaluate("async () => window.mgcalmOffline.sync()") == 0


def test_a_sleep_diary_made_offline_syncs_once(phone: Page, baseline_url: str) -> None:
    phone.goto(baseline_url + "/log/sleep")
    phone.context.set_offline(True)
    for field, value in (
        ("Got into bed", "22:45"), ("Tried to sleep", "23:00"), ("Minutes to fall asleep", "20"),
        ("Times woken", "1"), ("Minutes awake in the night", "10"), ("Final wake-up", "06:40"),
        ("Got out of bed", "07:00"),
    ):  # fmt: skip
        phone.get_by_label(field, exact=True).fill(value)
    phone.get_by_label("Good", exact=True).check()
    phone.get_by_role("button", name="Save sleep diary").click()
    expect(phone.locator("#toast")).to_contain_text("saved on this phone", ignore_case=True)
    phone.context.set_offline(False)
    expect(phone.locator("html")).to_have_attribute("data-synced", "1")
    entries = api(phone, "GET", "/api/entries/today")["body"]
    assert [e["kind"] for e in entries].count("sleep") == 1


def test_a_food_portion_is_kept_when_the_server_fails(phone: Page, baseline_url: str) -> None:
    phone.goto(baseline_url + "/log/food?q=pumpkin+seeds")
    phone.route(
        "**/log/food",
        lambda route: (
            route.fulfill(status=500, body="down")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    phone.locator('form[data-offline-kind="food"] button').first.click()
    expect(phone.locator("#toast")).to_contain_text("saved on this phone", ignore_case=True)
    phone.unroute("**/log/food")
    assert phone.evaluate("async () => window.mgcalmOffline.sync()") == 1
    assert api(phone, "GET", "/api/today")["body"]["food_mg"] > 0
