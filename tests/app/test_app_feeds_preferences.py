"""Calendar feeds and preferences live in the database; old files move in once; deletion too."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from mgcalm.app import App, Settings, open_app
from mgcalm.app.exports.feeds import calendar_feed, calendar_feed_info, create_calendar_token
from mgcalm.app.preferences import preferences, save_preferences
from mgcalm.app.views.settings import delete_everything
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")
TOKEN = "an-old-token-from-the-file"


def _person(app: App, person_id: str = "me") -> str:
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    return app.create_person(profile, person_id=person_id).id


def _reopen(app: App) -> App:
    app.close()
    return open_app(app.settings, clock=app.clock)


def _write_old_files(folder: Path) -> None:
    feeds = [
        {"digest": "z" * 100, "person_id": "me", "tz": "UTC"},  # would not fit the column
        {"digest": _digest(TOKEN), "person_id": "me", "tz": "Europe/London",
         "created": "2026-11-01T08:00:00+00:00"},
        {"digest": _digest("orphan"), "person_id": "gone", "tz": "UTC", "created": "x"},
        {"not": "a feed"},
    ]  # fmt: skip
    (folder / "calendar_feeds.json").write_text(json.dumps({"feeds": feeds}))
    (folder / "preferences.json").write_text(json.dumps({"region": "UK", "units": "mmol"}))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def test_old_files_move_into_the_database_once(mgcalm_app: App, mgcalm_data_dir: Path) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.plan_for(pid, today=date(2026, 11, 20))
    _write_old_files(mgcalm_data_dir)
    app = _reopen(mgcalm_app)
    try:
        assert calendar_feed_info(app, pid) == {"tz": "Europe/London",
                                                "created": "2026-11-01T08:00:00+00:00"}  # fmt: skip
        assert "BEGIN:VCALENDAR" in (calendar_feed(app, TOKEN) or "")  # the old address works
        assert calendar_feed(app, "orphan") is None  # a feed of no stored person is dropped
        assert preferences(app)["region"] == "UK" and preferences(app)["units"] == "mmol"
        names = sorted(p.name for p in mgcalm_data_dir.glob("*.json*"))
        assert names == ["calendar_feeds.json.migrated", "preferences.json.migrated"]
        # Once moved, a later change is the database's alone; reopening changes nothing.
        save_preferences(app, "US", "mg")
        app = _reopen(app)
        assert preferences(app)["region"] == "US"
        assert calendar_feed_info(app, pid) is not None
    finally:
        app.close()


def test_what_the_database_holds_wins_over_an_old_file(
    mgcalm_app: App, mgcalm_data_dir: Path
) -> None:
    pid = _person(mgcalm_app)
    token = create_calendar_token(mgcalm_app, pid, "America/New_York")
    save_preferences(mgcalm_app, "CA", "mg")
    _write_old_files(mgcalm_data_dir)
    app = _reopen(mgcalm_app)
    try:
        assert calendar_feed_info(app, pid)["tz"] == "America/New_York"  # type: ignore[index]
        assert calendar_feed(app, TOKEN) is None and calendar_feed_info(app, pid) is not None
        assert preferences(app)["region"] == "CA"
        assert token  # the database's own token is untouched
        assert not (mgcalm_data_dir / "preferences.json").exists()
    finally:
        app.close()


def test_an_unreadable_old_file_is_left_alone(mgcalm_data_dir: Path) -> None:
    (mgcalm_data_dir / "preferences.json").write_text("{not json")
    app = open_app(Settings(data_dir=mgcalm_data_dir))
    try:
        assert preferences(app)["region"] == "US"
        assert (mgcalm_data_dir / "preferences.json").exists()
    finally:
        app.close()


def test_delete_all_removes_feeds_and_preferences(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    create_calendar_token(mgcalm_app, pid, "Europe/London")
    save_preferences(mgcalm_app, "UK", "mmol")
    assert delete_everything(mgcalm_app, "DELETE")["deleted_people"] == 1
    with mgcalm_app.store.read() as conn:
        for table in ("calendar_feeds", "preferences"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
    assert preferences(mgcalm_app)["region"] == "US"


def test_deleting_a_person_deletes_their_feed_only(mgcalm_app: App) -> None:
    first, second = _person(mgcalm_app, "first"), _person(mgcalm_app, "second")
    create_calendar_token(mgcalm_app, first, "Europe/London")
    create_calendar_token(mgcalm_app, second, "Europe/London")
    mgcalm_app.delete_person(first)
    assert calendar_feed_info(mgcalm_app, first) is None
    assert calendar_feed_info(mgcalm_app, second) is not None


def test_a_whole_export_carries_the_preferences_but_no_feed(
    mgcalm_app: App, tmp_path: Path
) -> None:
    pid = _person(mgcalm_app)
    create_calendar_token(mgcalm_app, pid, "Europe/London")
    save_preferences(mgcalm_app, "UK", "mmol")
    document = mgcalm_app.export()
    assert document["preferences"] == {"region": "UK", "units": "mmol"}
    assert "preferences" not in mgcalm_app.export(pid)  # one person's export: their data only
    assert "Europe/London" not in json.dumps(document)
    target = open_app(Settings(data_dir=tmp_path / "restored"))
    try:
        target.import_document({**document, "preferences": {**document["preferences"], "x": "y"}})
        assert preferences(target)["units"] == "mmol"
        with target.store.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM preferences").scalar() == 2
            assert conn.exec_driver_sql("SELECT count(*) FROM calendar_feeds").scalar() == 0
        save_preferences(target, "IE", "mg")
        target.import_document(document)  # what is saved wins over the file
        assert preferences(target)["region"] == "IE"
    finally:
        target.close()


def test_a_backup_restores_the_preferences(mgcalm_app: App, tmp_path: Path) -> None:
    _person(mgcalm_app)
    save_preferences(mgcalm_app, "CA", "mmol")
    mgcalm_app.backup(tmp_path / "backup.file")
    target = open_app(Settings(data_dir=tmp_path / "restored"))
    try:
        target.import_file(tmp_path / "backup.file")
        assert preferences(target)["region"] == "CA"
    finally:
        target.close()
