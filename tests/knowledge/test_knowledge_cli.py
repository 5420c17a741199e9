"""``mgcalm kb …`` and ``mgcalm label``: exit codes, JSON shape and readable output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from mgcalm.cli import knowledge_cmds
from mgcalm.knowledge import DATA_DIR

runner = CliRunner()


def make_app() -> typer.Typer:
    """The knowledge commands registered exactly as ``mgcalm.cli.main`` registers them."""
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test root."""

    knowledge_cmds.register(app)
    return app


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGCALM_DATA_DIR", str(tmp_path / "user"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(make_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_label_json_shape() -> None:
    code, out, _ = invoke("label", "--form", "chloride", "--compound-mg", "1000", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["form"] == "chloride"
    assert data["hydrate"] == "hexahydrate"
    assert data["elemental_fraction"] == 0.1196
    assert data["compound_mg"] == 1000
    assert data["elemental_mg"] == 119.6


def test_label_readable_names_hydrate_and_explains_labels() -> None:
    code, out, _ = invoke("label", "--form", "glycinate", "--elemental-mg", "200")
    assert code == 0
    assert "anhydrous" in out
    assert "usual commercial hydrate" in out
    assert "magnesium (as glycinate) 200 mg" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--form", "unobtainium", "--compound-mg", "10"], "glycinate, citrate"),
        (["--form", "oxide", "--hydrate", "hexahydrate", "--compound-mg", "10"], "anhydrous"),
        (["--form", "oxide"], "exactly one"),
        (["--form", "oxide", "--compound-mg", "5", "--elemental-mg", "3"], "exactly one"),
    ],
)
def test_label_invalid_input_exits_2(args: list[str], expected: str) -> None:
    code, out, err = invoke("label", *args)
    assert code == 2
    assert expected in err
    assert "Traceback" not in out + err


def test_kb_check_ok() -> None:
    code, out, _ = invoke("kb", "check")
    assert code == 0
    assert out.startswith("ok")
    assert "15 forms" in out


def test_kb_check_json_ok() -> None:
    code, out, _ = invoke("kb", "check", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["ok"] is True
    assert data["problems"] == []
    assert data["counts"]["forms"] == 15


def test_kb_check_broken_dir_lists_problems(tmp_path: Path) -> None:
    broken = tmp_path / "kb"
    shutil.copytree(DATA_DIR, broken, ignore=shutil.ignore_patterns("foods*"))
    forms = broken / "forms.toml"
    forms.write_text(forms.read_text().replace('"MgO"', '"Xx2"'), encoding="utf-8")
    medicines = broken / "medicines.toml"
    text = medicines.read_text().replace('class = "gabapentinoid"', 'class = "nope"')
    medicines.write_text(text, encoding="utf-8")

    code, _, err = invoke("kb", "check", "--data-dir", str(broken))
    assert code == 1
    assert "forms.toml: forms.oxide.hydrates.anhydrous" in err
    assert "medicines.toml: medicines.gabapentin.class" in err

    code, out, _ = invoke("kb", "check", "--data-dir", str(broken), "--json")
    data = json.loads(out)
    assert code == 1
    assert data["ok"] is False
    assert {"location", "message", "accepted"} <= set(data["problems"][0])


def test_kb_forms_json() -> None:
    code, out, _ = invoke("kb", "forms", "--json")
    forms = json.loads(out)
    assert code == 0
    oxide = next(f for f in forms if f["id"] == "oxide")
    assert oxide["hydrates"]["anhydrous"]["elemental_fraction"] == pytest.approx(0.603, abs=1e-3)
    assert {"evidence_grade", "honest_wording", "sources", "route", "laxative"} <= set(oxide)


def test_kb_forms_table() -> None:
    code, out, _ = invoke("kb", "forms")
    assert code == 0
    assert "threonate" in out


def test_kb_medicines_lookup_by_brand() -> None:
    code, out, _ = invoke("kb", "medicines", "Synthroid", "--json")
    (medicine,) = json.loads(out)
    assert code == 0
    assert medicine["id"] == "levothyroxine"
    assert medicine["rule"]["hours_med_before_mg"] == 4
    assert medicine["class_name"] == "Thyroid hormone"


def test_kb_medicines_unknown_exits_2() -> None:
    code, _, err = invoke("kb", "medicines", "notarealdrugium")
    assert code == 2
    assert "unknown medicine" in err


def test_kb_medicines_all_and_readable() -> None:
    code, out, _ = invoke("kb", "medicines", "--json")
    assert code == 0
    assert len(json.loads(out)) > 50
    code, out, _ = invoke("kb", "medicines", "raltegravir")
    assert code == 0
    assert "clinician" in out


def test_kb_claims() -> None:
    code, out, _ = invoke("kb", "claims", "--json")
    claims = json.loads(out)
    assert code == 0
    assert all({"grade", "honest_wording", "sources", "citation_found"} <= set(c) for c in claims)
    code, out, _ = invoke("kb", "claims")
    words = " ".join(out.split())  # Rich wraps long lines
    assert "citation could not be found" in words and "gives no citation" in words


def test_kb_intakes() -> None:
    code, out, _ = invoke("kb", "intakes", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["supplemental_ul"][-1]["ul_mg"] == 350
    code, out, _ = invoke("kb", "intakes")
    assert "420" in out


def test_kb_conditions_and_conutrients() -> None:
    code, out, _ = invoke("kb", "conditions", "--json")
    conditions = {c["id"]: c for c in json.loads(out)}
    assert code == 0
    assert conditions["kidney_severe"]["action"] == "clinician_required"
    code, out, _ = invoke("kb", "conutrients", "--json")
    assert code == 0
    zinc = next(n for n in json.loads(out) if n["id"] == "zinc")
    assert zinc["ul_mg"] == 40
    for command in ("conditions", "conutrients"):
        code, out, _ = invoke("kb", command)
        assert code == 0
        assert out.strip()


def test_kb_forms_one_in_detail() -> None:
    code, out, _ = invoke("kb", "forms", "Epsom salt")
    assert code == 0
    assert "heptahydrate: MgSO4.7H2O, 9.86 % magnesium" in out
    assert "Sources:" in out
    code, out, _ = invoke("kb", "forms", "threonate", "--json")
    assert [f["id"] for f in json.loads(out)] == ["threonate"]
    code, _, err = invoke("kb", "forms", "unobtainium")
    assert code == 2
    assert "glycinate" in err


def test_kb_references() -> None:
    code, out, _ = invoke("kb", "references", "nih-ods-mg", "--json")
    (ref,) = json.loads(out)
    assert code == 0
    assert ref["url"].startswith("https://ods.od.nih.gov/")
    code, out, _ = invoke("kb", "references")
    assert code == 0
    assert "not verified against the primary text" in out
    code, _, err = invoke("kb", "references", "nope")
    assert code == 2
    assert "unknown reference" in err
