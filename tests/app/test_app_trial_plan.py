"""Trial phases, primary outcome, plan versions, today, backup and deletion, on both databases."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mgcalm.app import App, ConflictError, InvalidInputError, Settings, load_settings
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.store import open_store

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")
DAY = date(2026, 11, 26)


def _person(app: App) -> str:
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    return app.create_person(profile, person_id="me").id


def test_phases_follow_each_other_and_repeat_idempotently(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.start_phase(pid, {"id": "b", "phase": "baseline", "start": DAY})
    mgcalm_app.start_phase(pid, {"id": "b", "phase": "baseline", "start": DAY})
    mgcalm_app.start_phase(pid, {"id": "t", "phase": "titration", "start": DAY + timedelta(14)})
    state = mgcalm_app.trial(pid)
    assert [(p.id, p.end) for p in state.phases] == [("b", DAY + timedelta(13)), ("t", None)]
    assert state.phase_on(DAY + timedelta(20)).phase == "titration"  # type: ignore[union-attr]
    with pytest.raises(ConflictError):
        mgcalm_app.start_phase(pid, {"id": "t", "phase": "maintenance", "start": DAY})
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.start_phase(pid, {"id": "w", "phase": "withdrawal", "start": DAY + timedelta(3)})
    assert caught.value.problems[0].location == "phase.start"


def test_a_phase_cannot_end_before_it_starts(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.start_phase(pid, {"phase": "baseline", "start": DAY, "end": DAY - timedelta(1)})
    assert caught.value.problems[0].location == "phase.end"


def test_outcome_changed_after_the_start_is_recorded_never_silent(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.choose_outcome(pid, "anxiety", today=DAY - timedelta(1))
    mgcalm_app.start_phase(pid, {"id": "b", "phase": "baseline", "start": DAY})
    assert not mgcalm_app.trial(pid).outcome_changed_after_start
    with pytest.raises(InvalidInputError):
        mgcalm_app.choose_outcome(pid, "sleep_quality", today=DAY + timedelta(3))
    mgcalm_app.choose_outcome(pid, "sleep_quality", "sleep is what I notice", DAY + timedelta(3))
    state = mgcalm_app.trial(pid)
    assert state.primary_outcome == "sleep_quality"
    assert state.outcome_changed_after_start
    assert [c.outcome for c in state.outcome_history] == ["anxiety", "sleep_quality"]
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.choose_outcome(pid, "happiness", "x", DAY)
    assert "anxiety" in caught.value.problems[0].accepted


def test_plan_versions_keep_their_active_dates(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    first = mgcalm_app.plan_for(pid, DAY)
    assert mgcalm_app.plan_for(pid, DAY) == first  # unchanged: no new version
    older, _ = parse_profile_toml(PROFILE.replace("23:00", "22:00"))  # earlier dose
    assert older is not None
    mgcalm_app.update_profile(pid, older)
    mgcalm_app.plan_for(pid, DAY + timedelta(10))
    history = mgcalm_app.plan_history(pid)
    assert [(v.version, v.active_from, v.active_to) for v in history] == [
        (1, DAY, DAY + timedelta(10)),
        (2, DAY + timedelta(10), None),
    ]
    assert mgcalm_app.active_plan(pid, DAY + timedelta(5)) == first
    assert mgcalm_app.active_plan(pid, DAY - timedelta(1)) is None


def test_today_matches_logged_doses_to_the_plan(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    plan = mgcalm_app.plan_for(pid, DAY)
    due = plan.doses[0]
    mgcalm_app.log(pid, "dose", {"day": DAY, "planned_time": f"{due.time:%H:%M}",
                                 "taken_time": "21:40", "form": due.form,
                                 "elemental_mg": due.elemental_mg})  # fmt: skip
    mgcalm_app.log(pid, "checkin", {"day": DAY, "anxiety": 4})
    status = mgcalm_app.today_status(pid, DAY).to_json()
    assert status["doses"][0]["status"] == "taken"
    assert status["checkin_done"] and not status["sleep_diary_done"]
    assert status["supplement_mg"] == due.elemental_mg


def test_import_with_a_conflict_writes_nothing(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 4})
    document = mgcalm_app.export()
    entries = document["people"][0]["entries"]
    entries[0]["document"]["anxiety"] = 9  # clashes with the stored c1
    entries.append({"document": {**entries[0]["document"], "id": "c2"},
                    "created_at": entries[0]["created_at"]})  # fmt: skip
    with pytest.raises(ConflictError):
        mgcalm_app.import_document(document)
    assert [s.entry.id for s in mgcalm_app.history(pid)] == ["c1"]


def test_import_reports_every_bad_record(mgcalm_app: App) -> None:
    document = {"schema": "mgcalm.export/1", "people": [{"id": "x", "entries": [
        {"document": {"kind": "checkin", "id": "a", "day": "2026-01-01", "anxiety": 11}},
        {"document": {"kind": "dose", "id": "b", "day": "2026-01-01", "form": "citrate",
                      "elemental_mg": 100, "taken_time": "25:00"}},
    ]}]}  # fmt: skip
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.import_document(document)
    assert {p.location for p in caught.value.problems} == {
        "people[0].entries[0].checkin.anxiety",
        "people[0].entries[1].dose.taken_time",
    }
    assert mgcalm_app.people() == []


def test_backup_is_a_complete_copy(mgcalm_app: App, tmp_path: Path) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 4})
    target = tmp_path / "backup.file"
    counts = mgcalm_app.backup(target)
    assert counts == {"people": 1, "entries": 1}
    if mgcalm_app.store.is_sqlite:
        copy = open_store(f"sqlite:///{target}", migrate=False)
        with copy.read() as conn:
            assert conn.exec_driver_sql("SELECT id FROM entries").scalars().all() == ["c1"]
        copy.close()
    else:
        assert '"schema": "mgcalm.export/1"' in target.read_text()


def test_delete_all_leaves_nothing(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "note": "private words"})
    mgcalm_app.start_phase(pid, {"phase": "baseline", "start": DAY})
    assert mgcalm_app.delete_all() == 1
    assert mgcalm_app.export()["people"] == []
    url = mgcalm_app.settings.resolved_database_url
    if url.startswith("sqlite"):
        mgcalm_app.close()
        raw = Path(url.removeprefix("sqlite:///")).read_bytes()
        assert b"private words" not in raw


def test_settings_come_from_mgcalm_variables(
    monkeypatch: pytest.MonkeyPatch, mgcalm_data_dir: Path
) -> None:
    monkeypatch.setenv("MGCALM_REGION", "UK")
    monkeypatch.setenv("MGCALM_PORT", "8123")
    settings = load_settings()
    assert settings.data_dir == mgcalm_data_dir
    assert settings.region == "UK" and settings.port == 8123
    assert settings.resolved_database_url.endswith("mgcalm-data/mgcalm.db")
    monkeypatch.setenv("MGCALM_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert load_settings().resolved_database_url == "postgresql+psycopg://u@h/db"
    assert Settings(database_url=None, data_dir=Path("/x")).resolved_database_url.startswith(
        "sqlite:////x/"
    )


def test_a_correction_is_explicit_and_keeps_the_old_content(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 8})
    fixed = mgcalm_app.amend(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 3}, "typo")
    assert fixed.to_json()["anxiety"] == 3
    mgcalm_app.amend(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 3}, "again")  # no-op
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.amend(pid, "practice", {"id": "c1", "day": DAY, "practice": "vagal",
                                           "minutes": 3})  # fmt: skip
    assert caught.value.problems[0].location == "practice.id"
    mgcalm_app.delete_entry(pid, "c1", "wrong day")
    assert mgcalm_app.history(pid) == []
    revisions = mgcalm_app.revisions(pid)
    assert [(r.revision, r.action, r.reason, r.document["anxiety"]) for r in revisions] == [
        (1, "amended", "typo", 8),
        (2, "deleted", "wrong day", 3),
    ]
    with pytest.raises(InvalidInputError) as missing:
        mgcalm_app.delete_entry(pid, "c1")
    assert missing.value.problems[0].location == "id"


def test_database_backup_and_export_are_private_to_their_owner(
    mgcalm_app: App, tmp_path: Path
) -> None:
    _person(mgcalm_app)
    mgcalm_app.write_export(tmp_path / "export.json")
    assert (tmp_path / "export.json").stat().st_mode & 0o077 == 0
    if mgcalm_app.store.is_sqlite:
        mgcalm_app.backup(tmp_path / "backup.db")
        assert (tmp_path / "backup.db").stat().st_mode & 0o077 == 0
        database = Path(mgcalm_app.settings.resolved_database_url.removeprefix("sqlite:///"))
        assert database.stat().st_mode & 0o077 == 0


def test_one_person_can_be_exported_and_deleted_alone(mgcalm_app: App) -> None:
    profile, _ = parse_profile_toml(PROFILE)
    assert profile is not None
    for pid in ("a", "b"):
        mgcalm_app.create_person(profile, person_id=pid)
        mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "mood": 5})
    assert [p["id"] for p in mgcalm_app.export("b")["people"]] == ["b"]
    mgcalm_app.delete_person("a")
    assert [p.id for p in mgcalm_app.people()] == ["b"]
    assert len(mgcalm_app.history("b")) == 1
    with pytest.raises(InvalidInputError):
        mgcalm_app.delete_person("a")
