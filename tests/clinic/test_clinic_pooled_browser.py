"""/clinic/pooled and the pooling choice in a real browser: they work and pass axe."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.clinic.pooling_people import AB, ABA, add_person
from tests.clinic.test_clinic_browser import (
    PASSWORD,
    log_in,
    serious_axe_violations,
    serve_seeded_clinic,
)

from mgcalm.app import Settings, open_app
from mgcalm.store.clinic.accounts import find_login

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture(scope="module")
def pooled_clinic(
    postgres_schema: Callable[[str], AbstractContextManager[str]],
    tmp_path_factory: pytest.TempPathFactory,
    serve_process: Callable[..., AbstractContextManager[Any]],
) -> Iterator[str]:
    """The seeded clinic, plus three ABA trials and one AB trial granted to its clinician."""
    with postgres_schema("q") as database:
        data_dir = tmp_path_factory.mktemp("pooled-browser")
        served = serve_seeded_clinic(database, data_dir, serve_process)
        base = next(served)
        mg = open_app(Settings(data_dir=data_dir, database_url=database, clinic_mode=True))
        try:
            with mg.store.read() as conn:
                found = find_login(conn, "dr.browser")
            assert found is not None
            for i in range(3):
                add_person(mg, found[0], f"pooled-{i}", PASSWORD, ABA, 1950 + i)
            add_person(mg, found[0], "pooled-ab", PASSWORD, AB, 1960)
        finally:
            mg.close()
        yield base
        served.close()


def test_clinician_reads_the_pooled_page(pooled_clinic: str, new_context: Any) -> None:
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(page, pooled_clinic, "dr.browser")
    page.goto(pooled_clinic + "/clinic/pooled")
    page.select_option("#outcome", "anxiety")
    page.click("form[action='/clinic/pooled'] button")
    expect(page.locator("table.clinic-pooled tbody tr")).to_have_count(3)
    # The seeded people's trials are AB so far: left out and named, like the one added here.
    expect(page.locator("[data-count='ab_only']")).to_contain_text("left out")
    expect(page.get_by_text("Left out (AB only)")).to_contain_text("Pooled-Ab")
    expect(page.locator("[data-pooled='mean_effect']")).to_contain_text("to")
    assert serious_axe_violations(page) == []


def test_person_opts_out_of_pooling(pooled_clinic: str, new_context: Any) -> None:
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, pooled_clinic, "pooled-0")
    page.goto(pooled_clinic + "/account")
    page.check("#pooling-no")
    page.click("form[action='/account/pooling'] button")
    expect(page.get_by_text("Your choice about pooled estimates is saved.")).to_be_visible()
    expect(page.locator("#pooling-no")).to_be_checked()
    assert serious_axe_violations(page) == []
