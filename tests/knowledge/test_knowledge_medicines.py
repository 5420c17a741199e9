"""Medicine lookup by generic or brand name, and the rules from drug labels."""

from __future__ import annotations

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.knowledge import knowledge_base


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Synthroid", "levothyroxine"),
        ("SYNTHROID", "levothyroxine"),
        ("synthroid 100 mcg", "levothyroxine"),
        ("Cipro", "ciprofloxacin"),
        ("Aldactone", "spironolactone"),
        ("Neurontin", "gabapentin"),
        ("Fosamax", "alendronate"),
        ("levothyroxine", "levothyroxine"),
        ("Tirosint-SOL", "levothyroxine"),
        ("tirosint sol", "levothyroxine"),
        ("Isentress HD", "raltegravir"),
        ("Nexium", "esomeprazole"),
        ("Lasix", "furosemide"),
        ("Zoloft", "sertraline"),
        ("rifampin", "rifampicin"),
        ("cyclosporine", "ciclosporin"),
        ("HCTZ", "hydrochlorothiazide"),
        ("L-thyroxine", "levothyroxine"),
    ],
)
def test_brand_and_generic_lookup(name: str, generic: str) -> None:
    medicine = knowledge_base().find_medicine(name)
    assert medicine is not None
    assert medicine.id == generic


def test_unknown_medicine_is_none() -> None:
    assert knowledge_base().find_medicine("notarealdrugium") is None
    assert knowledge_base().find_medicine("") is None


@pytest.mark.parametrize(
    ("generic", "before", "after"),
    [
        ("levothyroxine", 4, 4),  # Tirosint-SOL / Synthroid binder rule, 4 h either side
        ("ciprofloxacin", 2, 6),  # CIPRO label §2.4: 2 h before or 6 h after
        ("levofloxacin", 2, 2),
        ("moxifloxacin", 4, 8),
        ("doxycycline", 2, 6),  # ODS: 2 h before or 4–6 h after (upper bound)
        ("dolutegravir", 2, 6),
        ("gabapentin", 2, 2),
        ("alendronate", 4, 4),
        ("elvitegravir", 2, 2),
        ("atazanavir", 2, 1),
    ],
)
def test_spacing_hours_each_direction(generic: str, before: float, after: float) -> None:
    rule = knowledge_base().medicines[generic].rule
    assert rule.kind == "separate"
    assert (rule.hours_med_before_mg, rule.hours_mg_before_med) == (before, after)
    assert rule.sources


def test_raltegravir_has_no_safe_spacing() -> None:
    rule = knowledge_base().medicines["raltegravir"].rule
    assert rule.kind == "clinician"
    assert rule.code == "raltegravir_no_spacing"
    assert rule.hours_med_before_mg == rule.hours_mg_before_med == 0


@pytest.mark.parametrize(
    ("generic", "code"),
    [
        ("furosemide", "loop_diuretic_lowers_mg"),
        ("hydrochlorothiazide", "thiazide_lowers_mg"),
        ("spironolactone", "potassium_sparing_raises_mg"),
        ("omeprazole", "ppi_lowers_mg"),
    ],
)
def test_warning_rules_have_no_spacing(generic: str, code: str) -> None:
    rule = knowledge_base().medicines[generic].rule
    assert (rule.kind, rule.code) == ("warning", code)
    assert rule.hours_med_before_mg == rule.hours_mg_before_med == 0


def test_every_medicine_class_is_used_and_every_medicine_has_a_class() -> None:
    kb = knowledge_base()
    used = {m.class_id for m in kb.medicines.values()}
    # Products holding magnesium live in magnesium_products.toml and share this class's rule.
    assert used | {"magnesium_containing"} == set(kb.medicine_classes)


@pytest.mark.parametrize(
    ("egfr", "stage", "expected"),
    [
        (95, None, None),
        (75, "mild", None),
        (45, None, "caution"),
        (29.9, None, "clinician_required"),
        (None, "moderate", "caution"),
        (None, "severe", "clinician_required"),
        (None, "dialysis", "clinician_required"),
        (None, "normal", None),
        (95, "severe", "clinician_required"),  # the worse reading wins
        (None, None, None),
    ],
)
def test_kidney_action(egfr: float | None, stage: str | None, expected: str | None) -> None:
    condition = knowledge_base().kidney_action(egfr, stage)
    assert (condition.action if condition else None) == expected


def test_kidney_bad_inputs_list_both_problems() -> None:
    with pytest.raises(InvalidInputError) as info:
        knowledge_base().kidney_action(-5, "terrible")
    assert {p.location for p in info.value.problems} == {"health.egfr", "health.kidney"}
    assert "dialysis" in str(info.value)


def test_conditions_named_in_profiles_exist() -> None:
    kb = knowledge_base()
    for cid in ("myasthenia_gravis", "heart_block", "ibd", "bariatric_surgery"):
        assert kb.conditions[cid].selectable
    assert kb.conditions["under_18"].action == "not_recommended"
    assert kb.conditions["pregnancy"].action == "clinician_required"
    assert not kb.conditions["kidney_severe"].selectable
