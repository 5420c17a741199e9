"""Today costs the same after three years as after two weeks: statements and rows read.

The demo person is seeded over 2 and over 156 weeks (6,600 entries) up to the same fixed day,
and the Today view (what ``GET /``, ``/api/today`` and ``mgcalm today`` show) is built while
every SQL statement and every row SQLite hands back is counted. Reading the whole history to
find when each questionnaire or diary was last done would read thousands of rows here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from mgcalm.app import App, Settings, open_app
from mgcalm.app.demo import DEMO_ID, seed
from mgcalm.app.tracking.due import last_done, stored_last_done
from mgcalm.app.views.daily import today_view
from mgcalm.domain.entries import QuestionnaireResponse

TODAY = date(2026, 11, 26)
SHORT, LONG = 2, 156


@dataclass
class Counts:
    """Statements sent, rows handed back and transactions begun while counting."""

    statements: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def transactions(self) -> int:
        return sum(1 for s in self.statements if s.startswith("BEGIN"))


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, App]]:
    opened: dict[int, App] = {}
    for weeks in (SHORT, LONG):
        folder = tmp_path_factory.mktemp(f"weeks{weeks}")
        app = open_app(
            Settings(data_dir=folder), clock=lambda: datetime(2026, 11, 26, 9, tzinfo=UTC)
        )
        seed(app, TODAY, weeks=weeks)
        opened[weeks] = app
    yield opened
    for app in opened.values():
        app.close()


@contextmanager
def counting(app: App) -> Iterator[Counts]:
    """Count the statements and rows the app's database serves inside the block."""
    counts = Counts()

    def count_row(_cursor: Any, row: Any) -> Any:
        counts.rows += 1
        return row

    def on_checkout(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.row_factory = count_row  # sqlite3 calls it for every row fetched

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        counts.statements.append(statement)

    engine = app.store.engine
    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield counts
    finally:
        event.remove(engine, "checkout", on_checkout)
        event.remove(engine, "before_cursor_execute", on_execute)


def counted_today(app: App) -> tuple[dict[str, Any], Counts]:
    """The Today view of the demo person, with what building it cost the database."""
    with counting(app) as counts:
        view = today_view(app, DEMO_ID, TODAY)
    return view, counts


def test_today_reads_the_same_statements_and_a_bounded_number_of_rows(
    apps: dict[int, App],
) -> None:
    assert len(apps[LONG].history(DEMO_ID)) > 6000  # three years really are there
    today_view(apps[SHORT], DEMO_ID, TODAY)  # warm caches (the knowledge base, compiled SQL)
    _, short = counted_today(apps[SHORT])
    long_view, long = counted_today(apps[LONG])
    assert len(long.statements) == len(short.statements), "Today's statements grew with history"
    assert long.rows <= short.rows + 10, (
        f"{long.rows} rows read for 3 years, {short.rows} for 2 weeks"
    )
    assert long.rows < 60
    assert long.transactions == short.transactions == 1  # one snapshot for the whole page
    assert long_view["due"] and long_view["doses"]  # the page is not empty for being cheap


def test_stored_last_done_agrees_with_reading_the_whole_history(apps: dict[int, App]) -> None:
    app = apps[LONG]
    everything = [s.entry for s in app.history(DEMO_ID)]
    for back in range(0, 156 * 7, 5):
        day = TODAY - timedelta(days=back)
        with app.store.read() as conn:
            assert stored_last_done(conn, DEMO_ID, day) == last_done(everything, day), day


def test_the_previous_questionnaire_of_a_form_is_the_one_history_gave(
    apps: dict[int, App],
) -> None:
    app = apps[LONG]
    stored = [s.entry for s in app.history(DEMO_ID, kinds=["questionnaire"])]
    assert len(stored) > 100
    for entry in stored[::7]:
        assert isinstance(entry, QuestionnaireResponse)
        same = [
            e
            for e in stored
            if isinstance(e, QuestionnaireResponse)
            and e.instrument == entry.instrument
            and e.id != entry.id
            and e.day <= entry.day
        ]
        found = app.last_questionnaire(DEMO_ID, entry.instrument, entry.day, other_than=entry.id)
        assert found == (same[-1] if same else None), entry.id


def test_the_previous_questionnaire_is_found_from_the_newest_rows(apps: dict[int, App]) -> None:
    counts = {}
    for weeks, app in apps.items():
        with counting(app) as counted:
            assert app.last_questionnaire(DEMO_ID, "gad7", TODAY) is not None
        counts[weeks] = counted.rows
    assert counts[LONG] <= counts[SHORT] + 10, counts


def test_an_unreadable_last_questionnaire_is_left_out_as_before(apps: dict[int, App]) -> None:
    app = apps[SHORT]
    last = {"id": "broken", "kind": "questionnaire", "day": TODAY.isoformat()}
    with app.store.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO entries (person_id, id, kind, day, document, digest, created_at, "
            "updated_at) VALUES (?, 'broken', 'questionnaire', ?, ?, 'x', ?, ?)",
            (
                DEMO_ID,
                TODAY.isoformat(),
                json.dumps({**last, "instrument": "gad7", "answers": [9]}),
                "2026-11-26 09:00:00",
                "2026-11-26 09:00:00",
            ),
        )
    try:
        everything = [s.entry for s in app.history(DEMO_ID)]
        with app.store.read() as conn:
            assert stored_last_done(conn, DEMO_ID, TODAY) == last_done(everything, TODAY)
    finally:
        with app.store.write() as conn:
            conn.exec_driver_sql("DELETE FROM entries WHERE id = 'broken'")


def test_the_settings_page_counts_wearable_days_without_reading_them(
    apps: dict[int, App],
) -> None:
    from mgcalm.app.views.outcome_choice import outcome_choices
    from mgcalm.app.views.wearables import wearable_section

    rows, shown, choices = {}, {}, {}
    for weeks, app in apps.items():
        with counting(app) as counted:
            shown[weeks] = wearable_section(app, DEMO_ID)
            choices[weeks] = outcome_choices(app, DEMO_ID)
        rows[weeks] = counted.rows
    assert rows[LONG] <= rows[SHORT] + 5, rows
    assert choices[LONG] == choices[SHORT]
    assert "wearable" in {group["group"] for group in choices[LONG]}  # the ring's outcomes
    assert {s["days"] for s in shown[LONG]["stored"]} == {LONG * 7}
    assert shown[LONG]["first_day"] == (TODAY - timedelta(days=LONG * 7 - 1)).isoformat()
    assert shown[LONG]["last_day"] == TODAY.isoformat()
