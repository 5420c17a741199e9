"""``mgcalm report --person ID`` names a person, as ``--person`` does everywhere else.

The old spellings keep working: ``--person`` alone (the summary, with a note) and ``--id ID``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgcalm.cli.main import app

PROFILE = (Path(__file__).parents[1] / "app" / "profile_minimal.toml").read_text(encoding="utf-8")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def two_people(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    for person in ("ana", "ben"):
        assert _run("init", "--profile", str(profile), "--person-id", person)[0] == 0
        assert _run("trial", "start", "baseline", "--person", person)[0] == 0


def test_person_takes_an_id(two_people: None) -> None:
    code, out, err = _run("report", "--person", "ben")
    assert code == 0, err
    assert out.splitlines()[1].startswith("ben ·")
    assert _run("report", "--person", "ana", "--clinician")[0] == 0
    code, _, err = _run("report", "--person", "nobody")
    assert code == 2 and "nobody" in err


def test_the_old_spellings_still_work(two_people: None) -> None:
    code, out, err = _run("report", "--id", "ben")
    assert code == 0 and out.splitlines()[1].startswith("ben ·") and err == ""
    code, out, err = _run("report", "--person", "--id", "ana")  # the old audience flag
    assert code == 0 and out.splitlines()[1].startswith("ana ·")
    assert "`report --person` without an id is the old spelling" in err
    code, _, err = _run("report", "--person", "ana", "--id", "ben")
    assert code == 2 and "--id" in err


def test_one_person_needs_no_option(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    assert _run("init", "--profile", str(profile))[0] == 0
    assert _run("trial", "start", "baseline")[0] == 0
    assert _run("report")[1] == _run("report", "--person")[1] == _run("report", "--person", "me")[1]
