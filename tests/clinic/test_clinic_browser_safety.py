"""In a real browser, clinic mode: PHQ-9 item 9 answered, then the page closed.

The person answers item 9 above 0 and closes the page at the optional 10th question without
finishing. The answer is kept: it is on their Today and first on the clinician's dashboard,
dated today and marked as left unfinished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from tests.clinic.test_clinic_browser import log_in, serve_seeded_clinic

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
WAIT = 90_000


@pytest.fixture(scope="module")
def safety_clinic(
    postgres_schema: Callable[[str], AbstractContextManager[str]],
    tmp_path_factory: pytest.TempPathFactory,
    serve_process: Callable[..., AbstractContextManager[Any]],
) -> Iterator[str]:
    """A seeded clinic of its own (3 people, 30 days) behind a real uvicorn."""
    with postgres_schema("s") as database:
        data_dir = tmp_path_factory.mktemp("clinic-safety")
        yield from serve_seeded_clinic(database, data_dir, serve_process)


def test_item9_then_the_page_closed_reaches_today_and_the_dashboard(
    safety_clinic: str, new_context: Any
) -> None:
    person = new_context(viewport={"width": 390, "height": 844})
    page = person.new_page()
    page.set_default_timeout(WAIT)
    log_in(page, safety_clinic, "bench-00001")
    page.goto(safety_clinic + "/assess/phq9", timeout=WAIT)
    for number in range(1, 9):
        page.get_by_text(f"Question {number} of 9").wait_for()
        page.get_by_label("Not at all").check()
        page.get_by_role("button", name="Next").click()
    page.get_by_text("Question 9 of 9").wait_for()
    page.get_by_label("Several days").check()
    page.get_by_role("button", name="Next").click()
    # The very next page: the crisis lines first, help as the main action, question 10 below.
    page.locator("#crisis").wait_for()
    page.get_by_role("link", name="Talk to someone now").wait_for()
    page.get_by_text("One last, optional question").wait_for()
    person.close()  # the person leaves without finishing

    again = new_context(viewport={"width": 390, "height": 844})
    today = again.new_page()
    today.set_default_timeout(WAIT)
    log_in(today, safety_clinic, "bench-00001")
    today.goto(safety_clinic + "/", timeout=WAIT)
    today.locator('[data-alert="suicidal_ideation"]').wait_for()
    assert today.locator("#crisis").count() == 1  # and the lines with it
    again.close()

    clinician = new_context(viewport={"width": 1280, "height": 900})
    dashboard = clinician.new_page()
    dashboard.set_default_timeout(WAIT)
    log_in(dashboard, safety_clinic, "dr.browser")
    row = dashboard.locator("tr", has=dashboard.locator('a[href="/clinic/people/bench-00001"]'))
    first = row.locator("[data-flag]").first
    first.wait_for()
    assert first.get_attribute("data-flag") == "item9"
    day = first.get_attribute("data-day")
    assert day and day in (first.inner_text() or "") and "left unfinished" in first.inner_text()
    assert dashboard.locator("#crisis").count() == 1  # crisis lines to share come with it
    # The dashboard's data says the same, first and dated.
    data = dashboard.request.get(safety_clinic + "/api/clinic", timeout=WAIT).json()
    mine = next(p for p in data["people"] if p["person_id"] == "bench-00001")
    assert mine["flags"][0]["code"] == "item9" and mine["flags"][0]["day"] == day
    clinician.close()
