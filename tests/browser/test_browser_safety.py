"""The safety flow in a real browser (Debian's chromium): a stop that stops, the safety plan.

A server of this module's own, onboarded once with "Start magnesium today" so doses are due.
The item-9 flow in clinic mode (the flag on Today and on the clinician's dashboard) is in
``tests/clinic/test_clinic_browser_safety.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import PHONE, _serve
from .test_browser_flow import _onboard

pytestmark = pytest.mark.browser
WAIT = 90_000


@pytest.fixture(scope="module")
def safety_url(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[str]:
    """A fresh server with one person on magnesium from today."""
    for url in _serve(tmp_path_factory.mktemp("safety")):
        context = browser.new_context(viewport=PHONE)
        context.set_default_timeout(WAIT)  # module-scoped, so not the patient ``new_context``
        context.set_default_navigation_timeout(WAIT)
        _onboard(context.new_page(), url)
        context.close()
        yield url


def _dose_ends(ics: str) -> list[date]:
    """The last day of each dose reminder in a calendar (``date.max`` when it repeats forever)."""
    ends = []
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        if "dose" in [str(c) for c in event.get("categories").cats]:
            until = event.get("rrule", {}).get("UNTIL", [None])[0]
            ends.append(until.date() if until is not None else date.max)
    return ends


def test_a_warning_sign_stops_doses_on_today_the_feed_and_the_ics(
    phone: Page, safety_url: str, shoot: Callable[[Page, str], Path]
) -> None:
    phone.goto(safety_url + "/", timeout=WAIT)
    expect(phone.locator("#doses").get_by_role("button", name="Taken").first).to_be_visible(
        timeout=WAIT
    )
    phone.goto(safety_url + "/settings", timeout=WAIT)
    phone.get_by_role("button", name="Make a calendar subscription address").click()
    feed = phone.locator("code").first
    expect(feed).to_contain_text("/calendar/", timeout=WAIT)
    feed_url = feed.inner_text().strip().replace("http://127.0.0.1:8000", safety_url)
    before = phone.request.get(feed_url, timeout=WAIT).text()
    assert date.max in _dose_ends(before)  # a daily dose reminder with no end

    phone.goto(safety_url + "/log/side_effect", timeout=WAIT)
    phone.get_by_label("Very slow heartbeat").check()
    phone.get_by_role("button", name="Save").first.click()
    expect(phone.get_by_text("Stop taking magnesium now.")).to_be_visible(timeout=WAIT)
    expect(phone.locator("#stop")).to_contain_text("Magnesium paused since", timeout=WAIT)
    shoot(phone, "safety-warning-sign-phone")

    phone.goto(safety_url + "/", timeout=WAIT)
    stop = phone.locator("#doses #stop")
    expect(stop).to_contain_text("No magnesium is due.", timeout=WAIT)
    expect(stop).to_contain_text("very slow heartbeat")
    expect(phone.locator("#doses").get_by_role("button", name="Taken")).to_have_count(0)
    shoot(phone, "safety-today-stopped-phone")
    today = date.fromisoformat(stop.get_attribute("data-stop") or "")

    # The feed at its next refresh, and the file: no dose reminder reaches the stop's day (the
    # plan began today, so none is left at all), and the day is marked as paused.
    after = phone.request.get(feed_url, timeout=WAIT).text()
    assert all(end < today for end in _dose_ends(after)) and "mgcalm: magnesium paused" in after
    ics = phone.request.get(safety_url + "/settings/calendar.ics", timeout=WAIT).text()
    assert all(end < today for end in _dose_ends(ics)) and "BEGIN:VEVENT" in ics

    phone.goto(safety_url + "/plan", timeout=WAIT)
    expect(phone.get_by_role("heading", name="Magnesium is paused")).to_be_visible(timeout=WAIT)
    phone.get_by_label("Who said it is safe to take magnesium again?").fill("Dr Patel (GP)")
    phone.get_by_label("What did they say, and why?").fill("ECG and potassium normal")
    phone.get_by_role("button", name="Resume magnesium").click()
    expect(phone.get_by_text("Magnesium resumed on")).to_be_visible(timeout=WAIT)
    phone.goto(safety_url + "/", timeout=WAIT)
    expect(phone.locator("#doses").get_by_role("button", name="Taken").first).to_be_visible(
        timeout=WAIT
    )
    back = phone.request.get(feed_url, timeout=WAIT).text()
    assert date.max in _dose_ends(back)  # resumed: the doses come back to the calendar


def test_the_safety_plan_is_filled_in_and_shown_with_the_lines(
    phone: Page, safety_url: str, shoot: Callable[[Page, str], Path], axe: Any
) -> None:
    phone.goto(safety_url + "/support", timeout=WAIT)
    phone.get_by_role("link", name="your safety plan").click()
    expect(phone.get_by_role("heading", name="Your safety plan", exact=True)).to_be_visible(
        timeout=WAIT
    )
    lines = phone.locator("#crisis-lines")
    expect(lines.get_by_role("link", name="Call 988").first).to_have_attribute("href", "tel:988")
    phone.get_by_label("1. My warning signs").fill("Not sleeping for two nights\nDread at dusk")
    phone.get_by_label("2. Things I can do on my own").fill("Slow breathing for five minutes")
    phone.get_by_label("4. People I can ask for help").fill("My sister Jo, 07700 900123")
    phone.get_by_role("button", name="Save my safety plan").click()
    expect(phone.get_by_text("Your safety plan is saved.")).to_be_visible(timeout=WAIT)
    plan = phone.locator("#plan")
    expect(plan).to_contain_text("Dread at dusk")
    expect(plan).to_contain_text("My sister Jo, 07700 900123")
    expect(plan).to_contain_text("The crisis lines above, any time.")
    shoot(phone, "safety-plan-phone")
    assert axe(phone) == []

    phone.goto(safety_url + "/log/checkin", timeout=WAIT)
    phone.get_by_label("I am in crisis or feel unsafe").check()
    phone.get_by_role("button", name="Save check-in").click()
    crisis = phone.locator("#crisis")
    expect(crisis).to_be_visible(timeout=WAIT)
    expect(crisis).to_contain_text("From your safety plan")
    expect(crisis).to_contain_text("Slow breathing for five minutes")
