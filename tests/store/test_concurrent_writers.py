"""Two writers at once (the CLI beside the web app) neither fail nor duplicate anything."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from mgcalm.app import App, NotFoundError, Settings, open_app
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = """
[person]
age = 50
sex = "male"
[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"
"""


def _entries() -> list[dict[str, Any]]:
    return [{"id": f"c{n}", "day": date(2026, 1, 1 + n % 28), "anxiety": n % 11} for n in range(40)]


def test_two_writers_sending_the_same_entries_store_each_once(database_url: str) -> None:
    apps = [open_app(Settings(database_url=database_url)) for _ in range(2)]
    profile, _ = parse_profile_toml(PROFILE)
    assert profile is not None
    apps[0].create_person(profile, person_id="me")
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def write(app: App) -> None:
        start.wait()
        try:
            for data in _entries():
                app.log("me", "checkin", data)
        except BaseException as error:  # reported below; a thread cannot raise into the test
            failures.append(error)

    threads = [threading.Thread(target=write, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)  # generous: two writers on a loaded two-core machine
    try:
        assert not any(thread.is_alive() for thread in threads)
        assert failures == []
        assert len(apps[1].history("me")) == 40
    finally:
        for app in apps:
            app.close()


def test_writing_for_an_unknown_person_is_a_clear_error(mgcalm_app: App) -> None:
    with pytest.raises(NotFoundError) as caught:
        mgcalm_app.log("nobody", "checkin", {"day": date(2026, 1, 1), "anxiety": 2})
    assert caught.value.problems[0].location == "person"
    with pytest.raises(NotFoundError):
        mgcalm_app.start_phase("nobody", {"phase": "baseline", "start": date(2026, 1, 1)})
    with pytest.raises(NotFoundError):
        mgcalm_app.choose_outcome("nobody", "anxiety")
