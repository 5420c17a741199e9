"""``mgcalm import`` holds every plan to the safety rules and reads malformed files calmly:
a file with every dose ten times larger is refused naming the plan, nothing is written, and
questionnaires in a file are scored again. SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from tests.hardening.test_failures import calm, mgcalm

from mgcalm.domain import InvalidInputError, parse_profile_toml

PROFILE = Path(__file__).parents[1] / "app" / "profile.toml"


@pytest.fixture
def exported(mgcalm_app: Any) -> dict[str, Any]:
    profile, problems = parse_profile_toml(PROFILE.read_text(encoding="utf-8"))
    assert profile is not None, problems
    person = mgcalm_app.create_person(profile, person_id="me", display_name="Sam")
    mgcalm_app.plan_for(person.id)
    assert mgcalm_app.active_plan(person.id).doses
    document: dict[str, Any] = mgcalm_app.export()
    mgcalm_app.delete_all()
    return document


def _tenfold(document: dict[str, Any]) -> dict[str, Any]:
    bigger = copy.deepcopy(document)
    plan = bigger["people"][0]["plans"][0]["document"]
    for dose in plan["doses"]:
        dose["elemental_mg"] *= 10
        dose["compound_mg"] *= 10
    return bigger


def test_a_tenfold_plan_is_refused_naming_it(mgcalm_app: Any, exported: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.import_document(_tenfold(exported))
    locations = [p.location for p in caught.value.problems]
    assert "people[0].plans[0].doses" in locations, locations
    assert "upper limit" in str(caught.value)
    assert mgcalm_app.people() == []  # nothing written
    assert mgcalm_app.import_document(exported).added > 0  # the real file still imports


def test_questionnaires_in_a_file_are_scored_again(
    mgcalm_app: Any, exported: dict[str, Any]
) -> None:
    document = copy.deepcopy(exported)
    entry = {
        "kind": "questionnaire",
        "id": "q-file",
        "day": "2026-11-20",
        "note": "",
        "instrument": "phq9",
        "answers": [0, 0, 0, 0, 0, 0, 0, 0, 3],
        "score": {"total": 0, "flags": []},
    }
    document["people"][0]["entries"] = [{"document": entry}]
    mgcalm_app.import_document(document)
    stored = mgcalm_app.history("me", ids=["q-file"])[0].entry
    assert stored.score["total"] == 3 and stored.score["flags"] == ["suicidal_ideation"]


MALFORMED = (
    {"people": [{"id": "p", "entries": 5}]},
    {"people": [{"id": "p", "phases": [None]}]},
    {"people": [{"id": "p", "profiles": [{"document": 5}]}]},
    {"people": [{"id": "p", "created_at": "not a time"}]},
    {"people": [{"id": "p" * 100}]},
    {"people": [{"id": "p", "display_name": "Sam\u0000"}]},
    {"people": [{"id": "p", "plans": [{"version": 1, "document": {}}]}]},
)


@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_imports_exit_2_without_a_traceback(tmp_path: Path, body: dict[str, Any]) -> None:
    file = tmp_path / "export.json"
    file.write_text(json.dumps({"schema": "mgcalm.export/1", **body}))
    result = mgcalm(tmp_path / "data", "import", str(file))
    calm(result, "people[0]")
    assert result.returncode == 2


def test_a_tenfold_file_through_the_cli(tmp_path: Path, exported: dict[str, Any]) -> None:
    file = tmp_path / "tenfold.json"
    file.write_text(json.dumps(_tenfold(exported)))
    result = mgcalm(tmp_path / "data", "import", str(file))
    calm(result, "people[0].plans[0].doses", "upper limit")
    assert result.returncode == 2
    assert "2000" not in mgcalm(tmp_path / "data", "today").stdout
