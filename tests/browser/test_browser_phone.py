"""On a phone (390×844): pairing, the installable app, an offline check-in synced once, undo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .conftest import PHONE, _serve

pytestmark = pytest.mark.browser
WAIT = 90_000
ANSWERS = {
    "name": "Sam",
    "person.age": "34",
    "person.sex": "female",
    "health.kidney": "normal",
    "day.wake": "07:00",
    "day.breakfast": "07:30",
    "day.lunch": "12:30",
    "day.dinner": "18:30",
    "day.bedtime": "23:00",
    "goals.focus": ["anxiety", "sleep"],
    "outcome": "anxiety",
}
PRIVATE = ("/", "/log", "/log/checkin", "/plan", "/progress", "/settings", "/settings/devices")


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A personal server that asks every device to pair (as behind a proxy on this machine)."""
    data_dir = tmp_path_factory.mktemp("phone")
    for url in _serve(data_dir, env_extra={"MGCALM_PAIRING": "required"}):
        yield url, data_dir


def patient(context: BrowserContext) -> BrowserContext:
    """The context, waiting ``WAIT`` for every action (module-scoped, so not ``new_context``)."""
    context.set_default_timeout(WAIT)
    context.set_default_navigation_timeout(WAIT)
    return context


def new_code(data_dir: Path) -> str:
    """A one-time code, as `mgcalm pair` prints it on the computer."""
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir), "MGCALM_PAIRING": "required"}
    env.pop("MGCALM_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-m", "mgcalm", "pair"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"/pair\?code=(\d{8})", out)
    assert found, out
    return found.group(1)


def paired_phone(browser: Browser, url: str, data_dir: Path) -> tuple[BrowserContext, Page]:
    """A phone-sized context that pairs through the /pair page with a fresh code."""
    context = patient(browser.new_context(viewport=PHONE))
    page = context.new_page()
    page.goto(url + "/pair", timeout=WAIT)
    page.get_by_label("Pairing code (8 digits)").fill(new_code(data_dir))
    page.get_by_label("A name for this device").fill("Test phone")
    page.get_by_role("button", name="Pair this device").click()
    page.wait_for_url(re.compile(r"/(onboarding)?$"), timeout=WAIT)
    return context, page


def api(page: Page, method: str, path: str, body: Any = None) -> Any:
    """Call the JSON API from inside the page (same origin, the page's cookies)."""
    return page.evaluate(
        """async ([method, path, body]) => {
            const r = await fetch(path, {method, headers: {'content-type': 'application/json'},
                                         body: body === null ? undefined : JSON.stringify(body)});
            return {status: r.status, body: await r.json().catch(() => null)};
        }""",
        [method, path, body],
    )


def test_pairing_a_second_context_while_an_unpaired_one_is_refused(
    browser: Browser, phone_server: tuple[str, Path]
) -> None:
    url, data_dir = phone_server
    stranger = patient(browser.new_context(viewport=PHONE))
    page = stranger.new_page()
    for path in PRIVATE:
        page.goto(url + path, timeout=WAIT)
        assert "/pair?next=" in page.url, path
        expect(page.get_by_role("heading", name="Pair this device")).to_be_visible()
    assert api(page, "GET", "/api/today")["status"] == 401
    assert api(page, "GET", "/api/export")["status"] == 401
    page.goto(url + "/support", timeout=WAIT)  # crisis lines are never locked away
    expect(page.get_by_role("heading", name="Support, right now")).to_be_visible()
    context, phone = paired_phone(browser, url, data_dir)
    assert api(phone, "GET", "/api/devices")["status"] == 200
    assert api(page, "GET", "/api/devices")["status"] == 401  # the stranger still is not paired
    context.close()
    stranger.close()


@pytest.fixture(scope="module")
def phone(browser: Browser, phone_server: tuple[str, Path]) -> Iterator[Page]:
    """A paired phone whose person has onboarded."""
    url, data_dir = phone_server
    context, page = paired_phone(browser, url, data_dir)
    made = api(page, "POST", "/api/onboarding", ANSWERS)
    assert made["status"] == 201, made
    yield page
    context.close()


def test_the_app_is_installable(phone: Page, phone_server: tuple[str, Path]) -> None:
    url, _ = phone_server
    phone.goto(url + "/", timeout=WAIT)
    assert phone.evaluate("window.isSecureContext") is True
    href = phone.locator('link[rel="manifest"]').get_attribute("href")
    manifest = phone.evaluate("async (h) => (await fetch(h)).json()", href)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    scope = phone.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == url + "/"


def test_a_checkin_made_offline_syncs_exactly_once(
    phone: Page, phone_server: tuple[str, Path]
) -> None:
    url, _ = phone_server
    phone.goto(url + "/log/checkin", timeout=WAIT)
    phone.evaluate("async () => navigator.serviceWorker.ready")
    phone.reload(timeout=WAIT)  # now controlled by the service worker, which keeps the page
    before = [e for e in api(phone, "GET", "/api/entries/today")["body"] if e["kind"] == "checkin"]
    phone.context.set_offline(True)
    phone.reload(timeout=WAIT)  # served from the phone while offline
    phone.locator('label[for="checkin-anxiety-3"]').click()
    phone.locator('label[for="checkin-mood-7"]').click()
    phone.get_by_role("button", name="Save check-in").click()
    expect(phone.locator("#toast")).to_contain_text(
        "saved on this phone", ignore_case=True, timeout=WAIT
    )
    expect(phone.locator("#sync-status")).to_contain_text("will sync", timeout=WAIT)
    phone.context.set_offline(False)
    expect(phone.locator("html")).to_have_attribute("data-synced", "1", timeout=WAIT)
    expect(phone.locator("#sync-status")).to_be_hidden(timeout=WAIT)
    assert phone.evaluate("async () => window.mgcalmOffline.sync()") == 0  # nothing left to send
    after = [e for e in api(phone, "GET", "/api/entries/today")["body"] if e["kind"] == "checkin"]
    assert len(after) == len(before) + 1
    assert "anxiety 3" in after[0]["summary"] and "mood 7" in after[0]["summary"]


def test_undo_takes_back_a_checkin(phone: Page, phone_server: tuple[str, Path]) -> None:
    url, _ = phone_server
    # The toast offers undo for 10 s of the page's clock. That clock stands still here and
    # moves only when told, so a slow machine never lets the toast go before the tap.
    start = datetime.now()
    phone.clock.install(time=start)
    phone.clock.pause_at(start + timedelta(minutes=10))  # ahead of the installed time: valid
    try:
        phone.goto(url + "/log/checkin", timeout=WAIT)
        count = len(api(phone, "GET", "/api/entries/today")["body"])
        phone.locator('label[for="checkin-anxiety-5"]').click()
        phone.get_by_role("button", name="Save check-in").click()
        toast = phone.locator("#toast")
        expect(toast).to_contain_text("Saved", timeout=WAIT)
        frozen = phone.evaluate("Date.now()")
        assert len(api(phone, "GET", "/api/entries/today")["body"]) == count + 1
        assert phone.evaluate("Date.now()") == frozen  # the page's clock stands still
        phone.clock.run_for(9_000)  # still offered just before the 10 s are up
        toast.get_by_role("button", name="Undo").click()
        phone.wait_for_url(re.compile(r"undone=1"), timeout=WAIT)
        assert len(api(phone, "GET", "/api/entries/today")["body"]) == count

        phone.locator('label[for="checkin-anxiety-4"]').click()
        phone.get_by_role("button", name="Save check-in").click()
        expect(toast).to_contain_text("Saved", timeout=WAIT)
        phone.clock.run_for(10_001)  # and gone once they are
        expect(toast).to_have_count(0, timeout=WAIT)
    finally:
        phone.clock.resume()  # the module's later tests run on a clock that moves


def test_a_profile_edit_re_plans(phone: Page, phone_server: tuple[str, Path]) -> None:
    url, _ = phone_server
    phone.goto(url + "/profile", timeout=WAIT)
    phone.get_by_label("Medicine 1").fill("ciprofloxacin")
    phone.locator('[name="medications[0].times"]').fill("08:00, 20:00")
    phone.get_by_role("button", name="Save and update my plan").click()
    changes = phone.locator("#changes")
    expect(changes).to_contain_text("Your plan was updated", timeout=WAIT)
    expect(changes).to_contain_text("ciprofloxacin", timeout=WAIT)
    plan = api(phone, "GET", "/api/plan")["body"]["plan"]
    assert "ciprofloxacin" in {s["medication"] for s in plan["separations"]}
