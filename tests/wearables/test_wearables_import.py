"""Importing an export into the store: idempotent, extended by a newer export, all or nothing.

Runs on SQLite and PostgreSQL (the ``mgcalm_app`` fixture).
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.wearables.make_exports import apple_export_xml, zipped
from typer.testing import CliRunner

from mgcalm.app.tracking import wearables
from mgcalm.cli.main import app as cli
from mgcalm.domain import InvalidInputError
from mgcalm.domain.profile_parse import parse_profile_toml

EXPORTS = Path(__file__).parent / "exports"
PROFILE = Path(__file__).parents[1] / "app" / "profile_minimal.toml"


@pytest.fixture
def person(mgcalm_app: Any) -> str:
    profile, _ = parse_profile_toml(PROFILE.read_text(encoding="utf-8"))
    return str(mgcalm_app.create_person(profile, person_id="me").id)


def _import(app: Any, path: Path, **options: Any) -> dict[str, Any]:
    return wearables.import_wearables(app, "me", path, tz="Europe/Paris", **options)


def _stored(app: Any) -> dict[tuple[str, date, str], float]:
    from mgcalm.store import wearables as repo

    with app.store.read() as conn:
        return {(r.source, r.day, r.measure): r.value for r in repo.list_values(conn, "me")}


def test_reimporting_the_same_export_adds_nothing(mgcalm_app: Any, person: str) -> None:
    first = _import(mgcalm_app, EXPORTS / "apple_health_export.zip")
    assert (first["added"], first["updated"], first["unchanged"]) == (14, 0, 0)
    stored = _stored(mgcalm_app)
    again = _import(mgcalm_app, EXPORTS / "export.xml")
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 14)
    assert _stored(mgcalm_app) == stored
    assert stored[("apple-health", date(2024, 3, 29), "sleep_minutes")] == 440.0


def test_a_newer_export_extends(mgcalm_app: Any, person: str, tmp_path: Path) -> None:
    _import(mgcalm_app, EXPORTS / "export.xml")
    newer = tmp_path / "export.zip"
    newer.write_bytes(zipped({"apple_health_export/export.xml": apple_export_xml(later=True)}))
    result = _import(mgcalm_app, newer)
    assert (result["added"], result["updated"], result["unchanged"]) == (2, 0, 14)
    stored = _stored(mgcalm_app)
    assert stored[("apple-health", date(2024, 4, 12), "sleep_minutes")] == 450.0
    assert stored[("apple-health", date(2024, 4, 12), "resting_heart_rate")] == 55.0


@pytest.mark.parametrize(
    "bad",
    ["truncated.zip", "no_export.zip", "unknown.txt"],
)
def test_bad_input_stores_nothing(mgcalm_app: Any, person: str, tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad == "truncated.zip":
        path.write_bytes((EXPORTS / "apple_health_export.zip").read_bytes()[:-300])
    elif bad == "no_export.zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    else:
        path.write_text("not an export")
    with pytest.raises(InvalidInputError):
        _import(mgcalm_app, path, devices=["Oura"])
    assert _stored(mgcalm_app) == {}
    assert wearables.preferred_devices(mgcalm_app) == []


def test_preferred_devices_are_saved_and_used(mgcalm_app: Any, person: str) -> None:
    result = _import(mgcalm_app, EXPORTS / "export.xml", devices=["Oura"])
    assert result["devices"]["sleep_minutes"] == "Oura"
    assert wearables.preferred_devices(mgcalm_app) == ["Oura"]
    assert _stored(mgcalm_app)[("apple-health", date(2024, 3, 30), "sleep_minutes")] == 400.0


def test_one_source_per_measure_when_two_exports_hold_it(mgcalm_app: Any, person: str) -> None:
    _import(mgcalm_app, EXPORTS / "export.xml")
    _import(mgcalm_app, EXPORTS / "oura_sleep.json")
    points = wearables.wearable_points(mgcalm_app, "me", lambda day: "")
    sleep = [p for p in points if p.measure == "sleep_minutes"]
    assert len(sleep) == len({p.date for p in sleep}) == 5  # Apple Health's 5 nights, not 7
    wearables.set_preferred_devices(mgcalm_app, "me", ["oura"])
    points = wearables.wearable_points(mgcalm_app, "me", lambda day: "")
    # Apple Health's import kept the watch, so the ring's own export is the source that holds it.
    assert {p.date for p in points if p.measure == "sleep_minutes"} == {
        date(2024, 3, 30),
        date(2024, 3, 31),
    }
    efficiency = {p.measure for p in points}
    assert "device_sleep_efficiency" in efficiency and "sleep_efficiency" not in efficiency


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_import_json_and_bad_input(tmp_path: Path) -> None:
    assert _run("init", "--profile", str(PROFILE))[0] == 0
    code, out, _ = _run(
        "wearables", "import", str(EXPORTS / "takeout-fitbit.zip"), "--tz", "UTC", "--json"
    )
    assert code == 0
    answer = json.loads(out)
    assert {"source", "days", "first_day", "last_day", "measures", "skipped"} <= set(answer)
    assert answer["source"] == "google-fitbit" and answer["days"] == 3
    code, out, err = _run("wearables", "import", str(tmp_path / "missing.zip"))
    assert code == 2 and "no such file or folder" in err and "Traceback" not in err
    code, _, err = _run("wearables", "import", str(EXPORTS / "export.xml"), "--source", "polar")
    assert code == 2 and "--source" in err and "apple-health" in err
    code, out, _ = _run("trial", "outcome", "resting_heart_rate")
    assert code == 0


def test_the_whole_export_carries_the_values_and_imports_them_back(
    mgcalm_app: Any, person: str, fresh_database: Any, tmp_path: Path
) -> None:
    from mgcalm.app import Settings, open_app

    _import(mgcalm_app, EXPORTS / "export.xml")
    document = mgcalm_app.export()
    (me,) = document["people"]
    assert len(me["wearable_values"]) == 14
    night = {"source": "apple-health", "day": "2024-03-29", "measure": "sleep_minutes"}
    assert [v["value"] for v in me["wearable_values"] if night.items() <= v.items()] == [440.0]
    settings = Settings(data_dir=tmp_path / "copy", database_url=fresh_database())
    copy = open_app(settings)
    try:
        first = copy.import_document(document)
        again = copy.import_document(document)
        assert copy.export()["people"][0]["wearable_values"] == me["wearable_values"]
        assert again.added == 0 and first.added >= 14
    finally:
        copy.close()
    changed = json.loads(json.dumps(document))
    changed["people"][0]["wearable_values"][0]["value"] += 1
    with pytest.raises(InvalidInputError):  # same key, other value: a conflict, nothing written
        mgcalm_app.import_document(changed)


@pytest.mark.parametrize("bad", ["truncated.zip", "no_export.zip", "unknown.txt"])
def test_cli_bad_files_exit_2_with_what_was_expected(tmp_path: Path, bad: str) -> None:
    assert _run("init", "--profile", str(PROFILE))[0] == 0
    path = tmp_path / bad
    if bad == "truncated.zip":
        path.write_bytes((EXPORTS / "apple_health_export.zip").read_bytes()[:-300])
    elif bad == "no_export.zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    else:
        path.write_text("not an export")
    code, out, err = _run("wearables", "import", str(path), "--json")
    assert code == 2 and out == "" and "Traceback" not in err
    assert "accepted:" in err and "export" in err
    code, out, _ = _run("export", "csv", str(tmp_path / "csv"), "--json")
    assert code == 0
    series = (tmp_path / "csv" / "series.csv").read_text()
    assert "sleep_minutes" not in series and "resting_heart_rate" not in series
