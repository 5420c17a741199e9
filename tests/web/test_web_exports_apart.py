"""Heavy exports (PDF reports, FHIR bundles) are built in a helper process, not the server's.

The helper builds exactly what the server would have built itself (same database, same instant),
problems cross back as the same errors, and a helper that dies is replaced.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mgcalm.app import Settings, open_app
from mgcalm.app.demo import seed
from mgcalm.app.views.exports_apart import EXPORTS, ExportHelper, can_run_apart
from mgcalm.domain import InvalidInputError

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """An app on a SQLite file holding the demo person over eight weeks, clock fixed."""
    folder = tmp_path_factory.mktemp("apart")
    app = open_app(Settings(data_dir=folder), clock=lambda: NOW)
    seed(app, NOW.date(), weeks=8)
    yield app
    app.close()


@pytest.fixture(scope="module")
def helper() -> Iterator[ExportHelper]:
    made = ExportHelper()
    yield made
    made.close()


def test_the_helper_builds_the_same_pdf_and_bundle_in_another_process(
    seeded: Any, helper: ExportHelper
) -> None:
    person = seeded.person().id
    pdf = helper.run(seeded, "report_pdf", person, True)
    assert pdf.startswith(b"%PDF-")
    assert pdf == EXPORTS["report_pdf"](seeded, person, True)
    text = helper.run(seeded, "fhir_text", person, None)
    assert json.loads(text) == json.loads(EXPORTS["fhir_text"](seeded, person, None))
    everything = helper.run(seeded, "everything_text")
    assert json.loads(everything) == json.loads(EXPORTS["everything_text"](seeded))
    (process,) = helper._pool_now()._processes.values()  # type: ignore[union-attr]
    assert process.pid != os.getpid() and process.is_alive()


def test_problems_come_back_as_the_same_error(seeded: Any, helper: ExportHelper) -> None:
    from mgcalm.app.errors import NotFoundError

    with pytest.raises(NotFoundError) as raised:
        helper.run(seeded, "report_json", "nobody-with-this-id")
    assert raised.value.problems and isinstance(raised.value, InvalidInputError)


def test_a_helper_that_dies_is_replaced(seeded: Any, helper: ExportHelper) -> None:
    person = seeded.person().id
    helper.run(seeded, "report_json", person)
    for process in list(helper._pool_now()._processes.values()):  # type: ignore[union-attr]
        process.kill()
        process.join()
    assert helper.run(seeded, "report_json", person)["primary_outcome"]


def test_an_in_memory_database_is_exported_in_process(tmp_path: Path) -> None:
    assert not can_run_apart(Settings(data_dir=tmp_path, database_url="sqlite://"))
    assert not can_run_apart(Settings(data_dir=tmp_path, database_url="sqlite:///:memory:"))
    assert can_run_apart(Settings(data_dir=tmp_path))
