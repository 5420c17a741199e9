"""A dose logged on a baseline day: the CLI warns (and asks at a terminal), the web warns.

The baseline is compared with the magnesium weeks; a dose in it weakens that comparison, so it
is never accepted silently.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from mgcalm.app.trial.baseline import baseline_warnings, dose_in_baseline
from mgcalm.app.trial.phases import TrialState
from mgcalm.cli.main import app
from mgcalm.domain.entries import parse_entry
from mgcalm.domain.trial_phase import TrialPhase

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")
DOSE = ("log", "dose", "--form", "glycinate", "--mg", "100", "--taken", "21:30")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def in_baseline(tmp_path: Path) -> None:
    """A person whose baseline began a week ago and runs today."""
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    assert _run("init", "--profile", str(profile))[0] == 0
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    assert _run("trial", "start", "baseline", "--start", week_ago)[0] == 0


def _state(*phases: tuple[str, date, date | None]) -> TrialState:
    made = tuple(TrialPhase(id=p, phase=p, start=s, end=e) for p, s, e in phases)  # type: ignore[arg-type]
    return TrialState(made, "anxiety", ())


def test_only_taken_doses_on_baseline_days_are_warned_about() -> None:
    start = date(2026, 11, 1)
    state = _state(
        ("baseline", start, start + timedelta(days=13)),
        ("titration", start + timedelta(days=14), None),
    )
    assert dose_in_baseline(state, [start + timedelta(days=14)]) is None
    assert dose_in_baseline(state, [start - timedelta(days=1)]) is None  # before the trial
    warning = dose_in_baseline(state, [start + timedelta(days=3), start])
    assert warning is not None and warning.days == (start, start + timedelta(days=3))
    dose = {"day": start, "form": "glycinate", "elemental_mg": 100}
    missed = parse_entry("dose", {"id": "d0", **dose, "missed": True, "missed_reason": "forgot"})
    taken = parse_entry("dose", {"id": "d1", **dose, "taken_time": "21:30"})
    assert baseline_warnings(state, [missed]) == []
    assert [w["code"] for w in baseline_warnings(state, [missed, taken])] == ["dose_in_baseline"]


def test_the_cli_saves_with_a_warning_when_it_cannot_ask(in_baseline: None) -> None:
    code, out, err = _run(*DOSE, "--json")
    assert code == 0
    assert "is in your baseline" in err and "mgcalm trial start titration" in err
    saved = json.loads(out)
    assert [w["code"] for w in saved["warnings"]] == ["dose_in_baseline"]
    code, out, _ = _run("log", "dose", "--form", "glycinate", "--mg", "100", "--missed", "forgot")
    assert code == 0 and "baseline" not in out  # a missed dose changes nothing


def test_no_warning_once_magnesium_has_started(in_baseline: None) -> None:
    assert _run("trial", "start", "titration")[0] == 0
    code, out, err = _run(*DOSE, "--json")
    assert code == 0 and "baseline" not in err and "warnings" not in json.loads(out)


@pytest.mark.slow
def test_at_a_terminal_the_cli_asks_first(in_baseline: None, mgcalm_data_dir: Path) -> None:
    env = {**os.environ, "MGCALM_DATA_DIR": str(mgcalm_data_dir), "COLUMNS": "200"}
    child = pexpect.spawn(
        sys.executable, ["-m", "mgcalm", *DOSE], env=env, encoding="utf-8", timeout=120
    )
    child.expect("is in your baseline")
    child.expect(r"Log this dose anyway\? \[y/N\]")
    child.sendline("n")
    child.expect("Nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert json.loads(_run("history", "--json")[1]) == []
