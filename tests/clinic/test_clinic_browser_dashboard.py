"""The clinician dashboard in a real browser: counts, sort and filter links, density, accessibility.

Sorting and filtering are plain links and a GET form, so what is clicked here is what works
without JavaScript too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.clinic.test_clinic_browser import log_in, serious_axe_violations, serve_seeded_clinic

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
ROWS = "table.clinic-dashboard tbody tr"


@pytest.fixture(scope="module")
def dashboard_server(
    postgres_schema: Callable[[str], AbstractContextManager[str]],
    tmp_path_factory: pytest.TempPathFactory,
    serve_process: Callable[..., AbstractContextManager[Any]],
) -> Iterator[str]:
    """A seeded clinic (3 people, 30 days) behind a real uvicorn; yields its base URL."""
    with postgres_schema("dash") as database:
        data_dir = tmp_path_factory.mktemp("clinic-dashboard")
        yield from serve_seeded_clinic(database, data_dir, serve_process)


def _names(page: Any) -> list[str]:
    return [str(n) for n in page.locator(f"{ROWS} th[scope=row]").all_inner_texts()]


def test_counts_sort_and_filter_in_a_browser(dashboard_server: str, new_context: Any) -> None:
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(page, dashboard_server, "dr.browser")
    expect(page).to_have_url(re.compile(r"/clinic$"))
    expect(page.locator(ROWS)).to_have_count(3)
    counts = {
        key: int(page.locator(f"[data-count={key}]").inner_text())
        for key in ("today", "week", "on_track", "paused")
    }
    assert sum(counts.values()) == 3
    # Dense: a row is one line, so 15 or more fit below the header of a 1280×800 screen.
    heights = [box["height"] for box in (r.bounding_box() for r in page.locator(ROWS).all()) if box]
    top = page.locator("table.clinic-dashboard").bounding_box()
    assert top is not None and max(heights) * 15 <= 800, (heights, top)
    assert serious_axe_violations(page) == []

    page.click("thead a[data-sort=name]")
    expect(page).to_have_url(re.compile(r"sort=name"))
    ascending = _names(page)
    assert ascending == sorted(ascending, key=str.lower)
    page.click("thead a[data-sort=name]")
    expect(page).to_have_url(re.compile(r"order=desc"))
    assert _names(page) == ascending[::-1]

    status = next(key for key, n in counts.items() if n)
    page.click(f".counts a[data-status={status}]")
    expect(page.locator(ROWS)).to_have_count(counts[status])
    assert set(page.locator(ROWS).evaluate_all("rs => rs.map(r => r.dataset.status)")) == {status}

    page.goto(dashboard_server + "/clinic")
    phase = page.locator(f"{ROWS} td[data-phase]").first.get_attribute("data-phase")
    page.select_option("#f-phase", phase)
    page.click("form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(rf"phase={phase}"))
    phases = page.locator(f"{ROWS} td[data-phase]").evaluate_all(
        "cells => cells.map(c => c.dataset.phase)"
    )
    assert phases and set(phases) == {phase}
    page.fill("#f-q", "no such person")
    page.click("form.filters button[type=submit]")
    expect(page.get_by_text("No one matches these filters")).to_be_visible()
    assert serious_axe_violations(page) == []
