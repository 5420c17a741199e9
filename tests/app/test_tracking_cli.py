"""The tracking commands end to end on a temporary data folder (SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mgcalm.cli.main import app

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def _init(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    code, out, _ = _run("init", "--profile", str(profile))
    assert code == 0, out


def test_init_log_history_json(tmp_path: Path) -> None:
    _init(tmp_path)
    assert _run("log", "checkin", "--anxiety", "6", "--id", "c1", "--day", "2026-11-26")[0] == 0
    code, out, _ = _run(
        "log", "dose", "--form", "glycinate", "--mg", "100", "--taken", "21:30", "--json"
    )
    assert code == 0
    assert json.loads(out)["elemental_mg"] == 100
    code, out, _ = _run("history", "--json")
    rows = json.loads(out)
    assert [r["kind"] for r in rows] == ["checkin", "dose"]
    assert rows[0]["anxiety"] == 6


def test_bad_values_exit_2_naming_the_field(tmp_path: Path) -> None:
    _init(tmp_path)
    code, _, err = _run("log", "checkin", "--anxiety", "11")
    assert code == 2
    assert "checkin.anxiety" in err and "0–10" in err
    code, _, err = _run("log", "dose", "--form", "citrate", "--mg", "100", "--taken", "25:00")
    assert code == 2 and "dose.taken_time" in err
    code, _, err = _run("log", "food", "--food", "no-such-food", "--grams", "10")
    assert code == 2 and "food.food_id" in err
    code, _, err = _run(
        "log", "sleep", "--into-bed", "07:00", "--tried", "07:10", "--latency", "5",
        "--awakenings", "0", "--waso", "0", "--final-wake", "06:00", "--out-of-bed", "06:10",
        "--quality", "3",
    )  # fmt: skip
    assert code == 2 and "sleep.final_wake" in err
    assert "Traceback" not in err
    assert json.loads(_run("history", "--json")[1]) == []


def test_same_id_twice_is_one_entry_and_a_change_is_refused(tmp_path: Path) -> None:
    _init(tmp_path)
    args = ("log", "practice", "--kind", "breathwork", "--minutes", "5", "--id", "p1")
    assert _run(*args)[0] == 0
    assert _run(*args)[0] == 0
    code, _, err = _run("log", "practice", "--kind", "grounding", "--minutes", "5", "--id", "p1")
    assert code == 2 and "already saved" in err
    assert len(json.loads(_run("history", "--json")[1])) == 1


def test_logging_before_init_says_what_to_do() -> None:
    code, _, err = _run("log", "checkin", "--anxiety", "3")
    assert code == 2 and "mgcalm init" in err


def test_crisis_checkin_shows_crisis_resources(tmp_path: Path) -> None:
    _init(tmp_path)
    code, out, _ = _run("log", "checkin", "--crisis", "--json")
    assert code == 0
    assert json.loads(out)["crisis_resources"]


def test_export_import_backup_delete(tmp_path: Path) -> None:
    _init(tmp_path)
    _run("log", "therapy", "--kind", "emdr", "--id", "t1")
    target = tmp_path / "export.json"
    assert _run("export", "--json", str(target))[0] == 0
    document = json.loads(target.read_text())
    assert document["schema"] == "mgcalm.export/1"
    assert _run("backup", str(tmp_path / "backup.db"))[0] == 0
    assert (tmp_path / "backup.db").stat().st_size > 0
    assert _run("delete-all")[0] != 0  # asks first; no answer means no
    assert _run("delete-all", "--yes")[0] == 0
    assert _run("history")[0] == 2  # nobody left
    code, out, _ = _run("import", str(target), "--json")
    assert code == 0 and json.loads(out)["added"] >= 2
    assert json.loads(_run("history", "--json")[1])[0]["id"] == "t1"


def test_trial_outcome_before_and_after_start(tmp_path: Path) -> None:
    _init(tmp_path)
    assert _run("trial", "outcome", "anxiety")[0] == 0
    assert _run("trial", "start", "baseline", "--start", "2020-01-01")[0] == 0
    code, _, err = _run("trial", "outcome", "sleep_quality")
    assert code == 2 and "reason" in err
    assert _run("trial", "outcome", "sleep_quality", "--reason", "sleep matters most")[0] == 0
    state = json.loads(_run("trial", "show", "--json")[1])
    assert state["primary_outcome"] == "sleep_quality"
    assert state["outcome_changed_after_start"] is True


def test_init_without_profile_off_a_terminal_is_refused() -> None:
    code, _, err = _run("init")
    assert code == 2 and "--profile" in err


def test_replace_corrects_on_purpose_and_delete_entry_keeps_a_revision(tmp_path: Path) -> None:
    _init(tmp_path)
    assert _run("log", "checkin", "--anxiety", "8", "--id", "c1")[0] == 0
    code, out, _ = _run("log", "checkin", "--anxiety", "3", "--id", "c1", "--replace", "typo")
    assert code == 0 and "earlier version is kept" in out
    assert json.loads(_run("history", "--json")[1])[0]["anxiety"] == 3
    assert _run("delete-entry", "c1", "--reason", "wrong day")[0] == 0
    assert json.loads(_run("history", "--json")[1]) == []
    code, _, err = _run("delete-entry", "c1")
    assert code == 2 and "no entry" in err
    target = tmp_path / "export.json"
    _run("export", "--json", str(target))
    revisions = json.loads(target.read_text())["people"][0]["entry_revisions"]
    assert [r["action"] for r in revisions] == ["amended", "deleted"]


def test_a_backup_file_restores_with_import(tmp_path: Path) -> None:
    _init(tmp_path)
    _run("log", "practice", "--kind", "vagal", "--minutes", "4", "--id", "p1")
    backup = tmp_path / "backup.db"
    assert _run("backup", str(backup))[0] == 0
    assert _run("delete-all", "--yes")[0] == 0
    code, out, err = _run("import", str(backup), "--json")
    assert code == 0, err
    assert json.loads(out)["added"] >= 2
    assert json.loads(_run("history", "--json")[1])[0]["id"] == "p1"
    code, _, err = _run("import", str(tmp_path / "profile.toml"))
    assert code == 2 and "cannot read" in err


def test_today_lists_the_plans_doses_and_what_is_done(tmp_path: Path) -> None:
    _init(tmp_path)
    assert _run("trial", "start", "titration")[0] == 0
    status = json.loads(_run("today", "--json")[1])
    assert status["phase"] == "titration" and status["doses"]
    dose = status["doses"][0]
    assert dose["status"] == "due"
    _run("log", "dose", "--form", dose["form"], "--mg", str(dose["elemental_mg"]),
         "--planned", dose["time"], "--taken", dose["time"])  # fmt: skip
    assert json.loads(_run("today", "--json")[1])["doses"][0]["status"] == "taken"
    code, out, _ = _run("today")
    assert code == 0 and "[x]" in out
