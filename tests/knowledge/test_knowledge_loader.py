"""The loader validates every file, cross-checks references and reports every problem."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mgcalm.domain import Problem
from mgcalm.knowledge import DATA_DIR, knowledge_base, load
from mgcalm.knowledge.models import Form
from mgcalm.knowledge.sources import validate

KNOWLEDGE_FILES = (
    "references.toml",
    "forms.toml",
    "rda.csv",
    "ul.csv",
    "medicines.toml",
    "conditions.toml",
    "conutrients.toml",
    "claims.toml",
    "dosing.toml",
    "magnesium_products.toml",
    "safety.toml",
    "medicine_names.tsv",
)


def copy_data(tmp_path: Path) -> Path:
    """A private copy of the knowledge data files, safe to break."""
    target = tmp_path / "data"
    target.mkdir()
    for name in KNOWLEDGE_FILES:
        shutil.copy(DATA_DIR / name, target / name)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_package_data_has_no_problems() -> None:
    kb, problems = load()
    assert problems == ()
    assert kb is knowledge_base() or kb == knowledge_base()


def test_default_load_is_cached() -> None:
    assert load()[0] is load()[0]


def test_every_cited_reference_exists_and_has_a_primary_identifier() -> None:
    kb = knowledge_base()
    text = "\n".join((DATA_DIR / name).read_text(encoding="utf-8") for name in KNOWLEDGE_FILES)
    cited = set(
        re.findall(
            r'"((?:pmid|doi|label|nih|efsa|iom|fda|smpc|cfr|molecules|monograph|kdigo|crediblemeds)'
            r'-[\w-]+)"',
            text,
        )
    )
    assert cited, "expected citations in the data files"
    assert cited <= set(kb.references)
    for ref in kb.references.values():
        assert ref.citation
        assert ref.url.startswith("http") or (not ref.url and ref.note), ref.id
        if ref.kind == "pmid":
            assert re.search(r"pubmed\.ncbi\.nlm\.nih\.gov/\d+/", ref.url), ref.id


def test_broken_data_dir_lists_every_problem_with_file_and_key(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data / "forms.toml", 'anhydrous = "MgO"', 'anhydrous = "Xx2"')
    edit(data / "forms.toml", 'laxative = "high"', 'laxative = "extreme"')
    edit(data / "forms.toml", "[forms.taurate]\n", "[forms.taurate]\nelemental_fraction = 0.09\n")
    edit(data / "medicines.toml", 'class = "gabapentinoid"', 'class = "nonexistent"')
    edit(data / "references.toml", "[label-cipro]", "[label-cipro-renamed]")
    edit(data / "rda.csv", "19-30 years,19,31,RDA,310", "19-30 years,19,31,RDA,abc")
    edit(data / "conditions.toml", 'action = "caution"', 'action = "maybe"')

    kb, problems = load(data)
    text = "\n".join(str(p) for p in problems)

    assert "forms.toml: forms.oxide.hydrates.anhydrous" in text
    assert "forms.toml: forms.citrate.laxative" in text
    assert "forms.toml: forms.taurate.elemental_fraction" in text
    assert "medicines.toml: medicines.gabapentin.class" in text
    assert "unknown reference id 'label-cipro'" in text
    assert "medicines.toml: medicines.ciprofloxacin.rule.sources" in text
    assert "rda.csv: row 8.female" in text
    assert "conditions.toml: kidney_moderate.action" in text
    assert len(problems) >= 8
    assert all(
        isinstance(p, Problem) and p.location.split(":")[0] in KNOWLEDGE_FILES
        for p in problems
        if ":" in p.location
    )
    # Good records are still loaded alongside the problems.
    assert "glycinate" in kb.forms
    assert "oxide" not in kb.forms


def test_accepted_values_are_named(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data / "forms.toml", 'laxative = "high"', 'laxative = "extreme"')
    _, problems = load(data)
    laxative = next(p for p in problems if p.location.endswith("citrate.laxative"))
    assert "'low', 'moderate' or 'high'" in laxative.accepted


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "claims.toml").unlink()
    (data / "dosing.toml").write_text("start_mg_per_day = [\n", encoding="utf-8")
    kb, problems = load(data)
    locations = {p.location for p in problems}
    assert "claims.toml" in locations
    assert "dosing.toml" in locations
    assert kb.claims == ()


def test_gap_in_intake_table_is_reported(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data / "ul.csv", "4-8 years,4,9,110", "4-8 years,5,9,110")
    _, problems = load(data)
    assert any(p.location == "ul.csv: 4-8 years" for p in problems)


def test_duplicate_brand_is_reported(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data / "medicines.toml", 'brands = ["Lasix"]', 'brands = ["Lasix", "Cipro"]')
    _, problems = load(data)
    assert any("'Cipro' is already used" in p.message for p in problems)


FORM = {
    "id": "x",
    "name": "x",
    "route": "oral",
    "laxative": "low",
    "laxative_note": "x",
    "default_hydrate": "anhydrous",
    "hydrates": {"anhydrous": {"id": "anhydrous", "formula": "MgO"}},
    "evidence_grade": "low",
    "honest_wording": "x",
    "sources": ["iom-1997-dri"],
}


def test_fraction_is_computed_from_the_formula() -> None:
    form = validate(Form, FORM, "forms.toml: forms.x").value
    assert form is not None
    assert form.default.elemental_fraction == pytest.approx(24.305 / 40.304, rel=1e-3)


def test_typed_in_fraction_is_refused() -> None:
    typed = {"id": "anhydrous", "formula": "MgO", "elemental_fraction": 0.5}
    loaded = validate(Form, {**FORM, "hydrates": {"anhydrous": typed}}, "forms.toml: forms.x")
    assert loaded.value is None
    assert loaded.problems == (
        Problem(
            "forms.toml: forms.x.hydrates.anhydrous",
            "elemental_fraction is computed from the formula; do not type it in",
        ),
    )


def test_unknown_key_names_the_accepted_keys() -> None:
    loaded = validate(Form, {**FORM, "colour": "white"}, "forms.toml: forms.x")
    (problem,) = loaded.problems
    assert (problem.location, problem.message) == ("forms.toml: forms.x.colour", "unknown key")
    assert problem.accepted.startswith("name, aliases, route, laxative, laxative_note,")
    assert "id" not in problem.accepted.split(", ")


def test_a_table_where_a_record_belongs_is_named_as_before() -> None:
    loaded = validate(Form, {**FORM, "hydrates": {"anhydrous": 5}}, "forms.toml: forms.x")
    assert [p.message for p in loaded.problems] == [
        "Input should be a valid dictionary or instance of Hydrate"
    ]


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ({"default_hydrate": "hexahydrate"}, "", "default_hydrate 'hexahydrate' is not listed"),
        ({"sources": []}, ".sources", "Tuple should have at least 1 item"),
        ({"hydrates": {}}, ".hydrates", "Dictionary should have at least 1 item"),
        ({"honest_wording": ""}, ".honest_wording", "String should have at least 1 character"),
    ],
)
def test_form_checks_are_located(change: dict[str, object], location: str, message: str) -> None:
    loaded = validate(Form, {**FORM, **change}, "forms.toml: forms.x")
    assert loaded.value is None
    (problem,) = loaded.problems
    assert problem.location == f"forms.toml: forms.x{location}"
    assert problem.message.startswith(message)


def test_knowledge_base_is_read_only() -> None:
    kb = knowledge_base()
    with pytest.raises(TypeError):
        kb.forms["oxide"] = kb.forms["glycinate"]  # type: ignore[index]
    with pytest.raises((AttributeError, TypeError)):
        kb.claims = ()  # type: ignore[misc]


def test_unverified_sources_stay_marked() -> None:
    refs = knowledge_base().references
    # Given in the review from memory, or only through secondary summaries: flagged as such.
    for ref_id in (
        "iom-2011-vitd",
        "label-neurontin",
        "pmid-23950577",
        "label-mg-sulfate-injection",
    ):
        assert refs[ref_id].verified is False, ref_id
        assert refs[ref_id].note
    assert refs["label-cipro"].verified is True
