"""The knowledge records: plain frozen dataclasses, cheap to import, picklable, checked on load."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from mgcalm.domain import Problem
from mgcalm.knowledge import knowledge_base
from mgcalm.knowledge.models import (
    Fact,
    MagnesiumIngredient,
    MedicineRule,
    Quantity,
    UpperLimitRow,
)
from mgcalm.knowledge.sources import validate

RULE: dict[str, Any] = {
    "kind": "separate",
    "hours_med_before_mg": 4,
    "code": "spacing",
    "message": "Keep {medicine} apart from magnesium.",
    "sources": ["nih-ods-mg"],
}


@pytest.mark.parametrize(
    "modules",
    [
        "mgcalm.knowledge.models, mgcalm.knowledge.base, mgcalm.planning",
        # The loader validates with pydantic only when it reads the data files.
        "mgcalm.knowledge.loader, mgcalm.knowledge.sources",
    ],
)
def test_records_and_planner_import_without_pydantic(modules: str) -> None:
    script = (
        f"import sys, {modules}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "[]"


def test_pickled_knowledge_base_equals_the_loaded_one() -> None:
    kb = knowledge_base()
    back = pickle.loads(pickle.dumps(kb))
    # A knowledge base compares by identity (answers are cached per instance), so compare
    # what it holds, field by field.
    for field in dataclasses.fields(kb):
        assert getattr(back, field.name) == getattr(kb, field.name), field.name
    assert back.find_medicine("Synthroid") == kb.find_medicine("Synthroid")
    assert back.forms["glycinate"].default == kb.forms["glycinate"].default


def test_pickled_knowledge_base_stays_read_only() -> None:
    back = pickle.loads(pickle.dumps(knowledge_base()))
    with pytest.raises(TypeError):
        back.forms["oxide"] = back.forms["glycinate"]  # type: ignore[index]
    with pytest.raises(TypeError):
        del back.medicines["lithium"]  # type: ignore[attr-defined]


def test_records_are_frozen() -> None:
    form = knowledge_base().forms["glycinate"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.default.formula = "MgO"  # type: ignore[misc]


def test_rule_checks_hold_outside_the_loader_too() -> None:
    with pytest.raises(ValueError, match="needs hours_med_before_mg or hours_mg_before_med"):
        MedicineRule(kind="separate", code="x", message="x", sources=("nih-ods-mg",))
    with pytest.raises(ValueError, match="one of them"):
        MagnesiumIngredient(form="oxide", compound_mg=400, elemental_mg=241)


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        (
            {"hours_med_before_mg": 30},
            ".hours_med_before_mg",
            "Input should be less than or equal to 24",
        ),
        (
            {"hours_mg_before_med": -1},
            ".hours_mg_before_med",
            "Input should be greater than or equal to 0",
        ),
        ({"kind": "warning"}, "", "a 'warning' rule has no separation hours"),
        ({"code": ""}, ".code", "String should have at least 1 character"),
        ({"cations": ["copper"]}, ".cations.0", "'copper' is not an accepted value"),
    ],
)
def test_rule_problems_are_located(change: dict[str, Any], location: str, message: str) -> None:
    loaded = validate(MedicineRule, {**RULE, **change}, "medicines.toml: classes.x.rule")
    assert loaded.value is None
    assert [(p.location, p.message) for p in loaded.problems] == [
        (f"medicines.toml: classes.x.rule{location}", message)
    ]


def test_limits_apply_to_optional_numbers() -> None:
    row = {"stage": "1-3 years", "age_min": 1, "age_max": 4, "sources": ["iom-1997-dri"]}
    assert validate(UpperLimitRow, row, "ul.csv: row 3").value == UpperLimitRow(
        stage="1-3 years", age_min=1.0, age_max=4.0, sources=("iom-1997-dri",)
    )
    loaded = validate(UpperLimitRow, {**row, "ul_mg": -65}, "ul.csv: row 3")
    assert loaded.problems == (
        Problem("ul.csv: row 3.ul_mg", "Input should be greater than or equal to 0"),
    )


def test_whole_numbers_load_as_floats() -> None:
    rule = validate(MedicineRule, RULE, "rule").value
    assert rule is not None
    assert rule.hours_med_before_mg == 4.0 and isinstance(rule.hours_med_before_mg, float)
    assert rule.cations == ("magnesium",)


def test_records_compare_hash_and_print_by_their_fields() -> None:
    one = Fact(value_mg=350.0, sources=("nih-ods",), basis="UL")
    same = Fact(value_mg=350.0, sources=("nih-ods",), basis="UL")
    other = Fact(value_mg=350.0, sources=("nih-ods",), basis="RDA")
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert one != other
    # A record of another type with the same values is not equal to it.
    assert one != Quantity(value=350.0, unit="mg", sources=("nih-ods",))
    assert repr(one) == "Fact(value_mg=350.0, sources=('nih-ods',), basis='UL', note='')"
    with pytest.raises(FrozenInstanceError):
        one.value_mg = 400.0  # type: ignore[misc]
