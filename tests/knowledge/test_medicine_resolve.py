"""Medicine identity: what people type (UK, EU, Australian and US names, brands, salts,
strengths, combinations, misspellings) resolves to the medicine whose rules apply."""

from __future__ import annotations

import pytest

from mgcalm.knowledge import knowledge_base
from mgcalm.knowledge.medicine_names import fold


@pytest.mark.parametrize(
    ("typed", "medicine", "how"),
    [
        ("levothyroxine", "levothyroxine", "exact"),
        ("alendronic acid", "alendronate", "inn"),
        ("ibandronic acid", "ibandronate", "inn"),
        ("chlortalidone", "chlorthalidone", "inn"),
        ("frusemide", "furosemide", "inn"),
        ("bendroflumethiazide", "bendroflumethiazide", "exact"),
        ("oxytetracycline", "oxytetracycline", "exact"),
        ("Lustral", "sertraline", "brand"),
        ("Priadel", "lithium", "brand"),
        ("Oroxine", "levothyroxine", "brand"),
        ("Zimovane", "zopiclone", "brand"),
        ("Elvanse", "lisdexamfetamine", "brand"),
        ("risedronate sodium 35 mg", "risedronate", "salt_strength"),
        ("Synthroid 50 mcg", "levothyroxine", "salt_strength"),
        ("doxycycline hyclate 100 mg capsules", "doxycycline", "salt_strength"),
        ("Fosamax 70mg once weekly", "alendronate", "salt_strength"),
        ("HCTZ", "hydrochlorothiazide", "alias"),
        ("co-amilofruse", "co_amilofruse", "exact"),
        ("levothyroxne", "levothyroxine", "fuzzy"),
        ("propanolol", "propranolol", "fuzzy"),
        ("SERTRALINE", "sertraline", "exact"),
    ],
)
def test_names_people_type_resolve(typed: str, medicine: str, how: str) -> None:
    found = knowledge_base().resolve_medicine(typed)
    assert (found.medicine_id, found.how) == (medicine, how)
    assert medicine in found.ingredients


def test_a_combination_lists_each_ingredient() -> None:
    found = knowledge_base().resolve_medicine("amiloride + furosemide 5/40 mg")
    assert found.how == "combination" and found.medicine_id is None
    assert found.ingredients == ("amiloride", "furosemide")
    named = knowledge_base().medicines["co_amilofruse"]
    assert named.ingredients == ("amiloride", "furosemide")


def test_an_unknown_name_is_unknown_with_suggestions_when_close() -> None:
    kb = knowledge_base()
    assert kb.resolve_medicine("xyzzymab").how == "unknown"
    near = kb.resolve_medicine("sertraxxne")
    assert near.medicine_id is None or near.medicine_id == "sertraline"


def test_an_ambiguous_misspelling_is_not_read_as_either_medicine() -> None:
    kb = knowledge_base()
    # One letter from both "Cipro" names and "Cipralex": too short and too close to two.
    found = kb.resolve_medicine("Ciprax")
    assert found.medicine_id is None or found.how != "fuzzy" or len(found.did_you_mean) == 1


def test_every_curated_name_resolves_to_its_own_medicine() -> None:
    kb = knowledge_base()
    for medicine in kb.medicines.values():
        for name in (medicine.display, *medicine.inn, *medicine.aliases, *medicine.all_brands):
            found = kb.resolve_medicine(name)
            assert found.medicine_id == medicine.id, (name, found)


def test_every_derived_name_comes_from_the_unii_list_and_resolves() -> None:
    kb = knowledge_base()
    derived = [e for e in kb.medicine_index.entries.values() if e.source == "fda-unii"]
    assert len(derived) > 1000
    for entry in derived[::25]:
        assert kb.resolve_medicine(entry.name).medicine_id == entry.medicine_id


def test_suggestions_for_autocomplete_start_with_the_prefix_generic_first() -> None:
    kb = knowledge_base()
    found = kb.suggest_medicines("sert", limit=5)
    assert found and found[0] == "sertraline"
    assert all(fold(n).startswith("sert") for n in found[:1])
    assert kb.suggest_medicines("", limit=5) == ()
    assert len(kb.suggest_medicines("a", limit=7)) == 7


def test_ptsd_medicines_are_known_with_their_source() -> None:
    kb = knowledge_base()
    for name in (
        "bupropion", "propranolol", "clonidine", "guanfacine", "buspirone", "lamotrigine",
        "topiramate", "zolpidem", "zopiclone", "amitriptyline", "aripiprazole", "quetiapine",
        "naltrexone", "methadone", "buprenorphine", "prazosin", "mirtazapine", "trazodone",
    ):  # fmt: skip
        medicine = kb.find_medicine(name)
        assert medicine is not None, name
        assert medicine.rule.sources, name


def test_lithium_has_its_own_warning() -> None:
    lithium = knowledge_base().find_medicine("lithium carbonate 400 mg")
    assert lithium is not None and lithium.rule.kind == "warning"
    assert "lithium levels" in lithium.rule.message and "kidney" in lithium.rule.message


def test_the_coverage_table_in_the_docs_matches_the_data() -> None:
    from pathlib import Path

    from mgcalm.knowledge.medicine_coverage import coverage

    doc = (Path(__file__).resolve().parents[2] / "docs" / "medicines.md").read_text("utf-8")
    for what, count, source in coverage(knowledge_base()).rows():
        assert f"| {what} | {count:,} | {source} |" in doc, what
