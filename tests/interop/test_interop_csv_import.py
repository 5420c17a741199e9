"""Tidy CSV import: check-ins and side effects come back; derived measures are listed, not added."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mgcalm.app import App, InvalidInputError, Settings, open_app
from mgcalm.app.exports import tidy_csv
from mgcalm.app.exports.csv_import import import_csv
from mgcalm.domain.entries import CheckIn, SideEffect
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.interop.tidy_import import DERIVED, read_tidy_import

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
PROFILE = """
[person]
age = 34
sex = "female"

[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"

[goals]
focus = ["anxiety"]
"""
HEADER = "date,measure,value,unit,phase\n"


def opened(folder: Path) -> App:
    """An app on SQLite in ``folder`` with a fixed clock and one person, ``me``."""
    folder.mkdir(exist_ok=True)
    app = open_app(Settings(data_dir=folder, database_url=None), clock=lambda: NOW)
    if not app.people():
        profile, problems = parse_profile_toml(PROFILE)
        assert profile is not None, problems
        app.create_person(profile, person_id="me")
    return app


@pytest.fixture
def source(tmp_path: Path) -> Iterator[App]:
    """A store with check-ins, a side effect, a dose, a sleep diary and a questionnaire."""
    app = opened(tmp_path / "source")
    app.start_phase("me", {"id": "p1", "phase": "baseline", "start": "2026-11-01"})
    app.log("me", "checkin", {"day": "2026-11-02", "anxiety": 7, "mood": 3, "panic_episodes": 2})
    app.log("me", "checkin", {"day": "2026-11-03", "anxiety": 5, "sleep_quality": 6})
    app.log("me", "side_effect", {"day": "2026-11-03", "bristol_type": 4, "nausea": 1})
    app.log("me", "dose", {"day": "2026-11-03", "taken_time": "21:30", "form": "glycinate",
                           "elemental_mg": 100})  # fmt: skip
    app.log("me", "sleep", {"day": "2026-11-03", "into_bed": "2026-11-02T22:45",
                            "tried_to_sleep": "2026-11-02T23:00", "latency_min": 30,
                            "awakenings": 2, "waso_min": 20, "final_wake": "2026-11-03T06:30",
                            "out_of_bed": "2026-11-03T06:45", "quality": 3})  # fmt: skip
    app.record_questionnaire("me", "gad7", [2, 2, 1, 2, 1, 1, 1], date(2026, 11, 1))
    try:
        yield app
    finally:
        app.close()


@pytest.fixture
def target(tmp_path: Path) -> Iterator[App]:
    """A fresh store with one person and nothing logged."""
    app = opened(tmp_path / "target")
    try:
        yield app
    finally:
        app.close()


@pytest.fixture
def series_csv(source: App, tmp_path: Path) -> Path:
    tidy_csv.write_csv(source, tmp_path / "out")
    return tmp_path / "out" / tidy_csv.SERIES_FILE


def values(app: App, kind: str) -> list[tuple[date, dict[str, object]]]:
    """Each stored entry of ``kind`` by day, without its id (the import makes its own)."""
    return [
        (s.entry.day, s.entry.model_dump(exclude={"id"})) for s in app.history("me", kinds=[kind])
    ]


def test_check_ins_and_side_effects_come_back_equal(
    source: App, target: App, series_csv: Path
) -> None:
    result = import_csv(target, series_csv)
    assert result.added == {"checkin": 2, "side_effect": 1}
    assert values(target, "checkin") == values(source, "checkin")
    assert values(target, "side_effect") == values(source, "side_effect")
    ids = [s.entry.id for s in target.history("me", kinds=["checkin"])]
    assert ids == ["csv:checkin:2026-11-02", "csv:checkin:2026-11-03"]
    assert tidy_csv.series_points(target) != tidy_csv.series_points(source)  # doses etc. skipped


def test_derived_measures_are_reported_not_imported(target: App, series_csv: Path) -> None:
    result = import_csv(target, series_csv)
    skipped = {s.measure: s for s in result.skipped}
    assert set(skipped) == {"magnesium_mg", "gad7", "sleep_diary_quality", "total_sleep_min",
                            "sleep_latency_min", "waso_min", "awakenings", "time_in_bed_min",
                            "sleep_efficiency"}  # fmt: skip
    assert skipped["total_sleep_min"].reason.startswith("derived from a sleep diary")
    assert skipped["magnesium_mg"].reason == DERIVED["magnesium_mg"]
    assert skipped["gad7"].rows == 1
    assert target.history("me", kinds=["dose", "sleep", "questionnaire"]) == []
    assert any("phase column" in note for note in result.notes)


def test_importing_twice_adds_nothing(target: App, series_csv: Path) -> None:
    import_csv(target, series_csv)
    before = target.history("me")
    again = import_csv(target, series_csv)
    assert again.added == {} and again.unchanged == {"checkin": 2, "side_effect": 1}
    assert target.history("me") == before


def test_importing_into_the_exported_store_adds_nothing(source: App, series_csv: Path) -> None:
    before = source.history("me")
    result = import_csv(source, series_csv)
    assert result.added == {} and result.unchanged == {"checkin": 2, "side_effect": 1}
    assert source.history("me") == before


def test_dry_run_writes_nothing(target: App, series_csv: Path) -> None:
    result = import_csv(target, series_csv, dry_run=True)
    assert result.dry_run and result.added == {"checkin": 2, "side_effect": 1}
    assert target.history("me") == []


def test_a_bad_file_writes_nothing_and_names_every_bad_cell(target: App, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2026-11-02,anxiety,4,0-10,\n"
                   "2026-11-03,anxiety,11,0-10,\n"
                   "\n"
                   "2026-11-04,mood,4.5,0-10,\n"
                   "2026-11-05,nausea,2,mg,\n"
                   "2026-13-01,anxiety,x,0-10,\n")  # fmt: skip
    with pytest.raises(InvalidInputError) as caught:
        import_csv(target, bad)
    assert [p.location for p in caught.value.problems] == [
        "bad.csv: row 3, column value",
        "bad.csv: row 5, column value",
        "bad.csv: row 6, column unit",
        "bad.csv: row 7, column date",
        "bad.csv: row 7, column value",
    ]
    assert target.history("me") == []


def test_a_bad_header_is_named_and_writes_nothing(target: App, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("day,measure,value\n2026-11-02,anxiety,4\n")
    with pytest.raises(InvalidInputError) as caught:
        import_csv(target, bad)
    assert [p.location for p in caught.value.problems] == ["bad.csv: row 1"]
    assert target.history("me") == []


def test_other_values_already_stored_for_a_day_write_nothing(target: App, tmp_path: Path) -> None:
    target.log("me", "checkin", {"day": "2026-11-03", "anxiety": 2})
    file = tmp_path / "series.csv"
    file.write_text(HEADER + "2026-11-02,anxiety,4,0-10,\n2026-11-03,anxiety,6,0-10,\n"
                    "2026-11-03,panic_episodes,0,{count},\n")  # fmt: skip
    with pytest.raises(InvalidInputError) as caught:
        import_csv(target, file)
    assert [p.location for p in caught.value.problems] == ["series.csv: rows 3, 4"]
    assert len(target.history("me")) == 1


def test_one_day_merges_into_one_check_in_and_ids_follow_kind_and_day() -> None:
    mapped = read_tidy_import(HEADER + "2026-11-02,mood,6,0-10,baseline\n"
                              "2026-11-02,anxiety,3,0-10,baseline\n"
                              "2026-11-02,bristol_type,5,1-7,baseline\n"
                              "2026-11-02,bristol_type,3,1-7,baseline\n")  # fmt: skip
    checkin, side = mapped.groups
    assert checkin.entries == (CheckIn(id="csv:checkin:2026-11-02", day=date(2026, 11, 2),
                                       mood=6, anxiety=3),)  # fmt: skip
    assert side.entries == (
        SideEffect(id="csv:side_effect:2026-11-02:1", day=date(2026, 11, 2), bristol_type=3),
        SideEffect(id="csv:side_effect:2026-11-02:2", day=date(2026, 11, 2), bristol_type=5),
    )
    assert mapped.phased_rows == 4


def test_entries_that_cannot_be_told_apart_and_unknown_measures_are_reported() -> None:
    mapped = read_tidy_import(HEADER + "2026-11-02,anxiety,3,0-10,\n"
                              "2026-11-02,anxiety,5,0-10,\n"
                              "2026-11-02,panic_episodes,0,{count},\n"
                              "2026-11-02,panic_episodes,1,{count},\n"
                              "2026-11-03,steps,9000,{count},\n")  # fmt: skip
    assert mapped.groups == ()
    reasons = {(s.measure, s.rows, s.reason) for s in mapped.skipped}
    several = "2026-11-02 has several checkin entries that the CSV cannot tell apart"
    assert reasons == {("anxiety", 2, several), ("panic_episodes", 2, several),
                       ("steps", 1, "not a measure mgcalm records")}  # fmt: skip


def test_a_hand_made_file_without_panic_episodes_imports_once(target: App, tmp_path: Path) -> None:
    file = tmp_path / "mine.csv"
    file.write_text(HEADER + "2026-11-02,anxiety,4,0-10,\n2026-11-02,nausea,3,0-10,\n")
    assert import_csv(target, file).added == {"checkin": 1, "side_effect": 1}
    again = import_csv(target, file)
    assert again.added == {} and again.unchanged == {"checkin": 1, "side_effect": 1}
    assert len(target.history("me")) == 2
