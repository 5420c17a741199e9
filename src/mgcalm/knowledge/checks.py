"""Checks across data files: references exist, goals name forms, tables leave no age uncovered.

Each check returns a list of problems (empty when all is well), located by file and key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields

from mgcalm.domain import Problem
from mgcalm.domain.profile import GOALS
from mgcalm.knowledge.base import KnowledgeBase
from mgcalm.knowledge.models import (
    Condition,
    DosingFacts,
    Form,
    IntakeRow,
    Quantity,
    UpperLimitRow,
)

# The planner and kidney_action rely on these ids; their absence is a data error.
REQUIRED_CONDITIONS = (
    "kidney_moderate",
    "kidney_severe",
    "kidney_dialysis",
    "under_18",
    "pregnancy",
    "lactation",
)
OLDEST_AGE = 150.0


def goal_problems(
    goal_forms: Mapping[str, Sequence[str]], forms: Mapping[str, Form]
) -> list[Problem]:
    """Every goal is known, names at least one existing form, and every goal is covered."""
    problems = []
    for goal, form_ids in goal_forms.items():
        where = f"forms.toml: goals.{goal}"
        if goal not in GOALS:
            problems.append(Problem(where, f"unknown goal {goal!r}", ", ".join(GOALS)))
        if not form_ids:
            problems.append(Problem(where, "names no form", "one or more form ids"))
        for form_id in form_ids:
            if form_id not in forms:
                accepted = ", ".join(forms)
                problems.append(Problem(where, f"unknown form {form_id!r}", accepted))
    for goal in GOALS:
        if goal not in goal_forms:
            problems.append(Problem("forms.toml: goals", f"goal {goal!r} has no form", goal))
    return problems


def table_problems(name: str, rows: Sequence[IntakeRow | UpperLimitRow]) -> list[Problem]:
    """Age bands start at 0, follow each other without gap or overlap, and reach 150."""
    ordered = sorted(rows, key=lambda r: r.age_min)
    problems = []
    expected = 0.0
    for row in ordered:
        if row.age_max <= row.age_min:
            problems.append(Problem(f"{name}: {row.stage}", "age_max must exceed age_min"))
        if row.age_min != expected:
            message = f"age band starts at {row.age_min}, previous band ends at {expected}"
            problems.append(Problem(f"{name}: {row.stage}", message, f"age_min = {expected}"))
        expected = row.age_max
    if expected < OLDEST_AGE:
        problems.append(Problem(name, f"ages from {expected} are not covered", "up to 150"))
    return problems


def required_conditions(conditions: Mapping[str, Condition]) -> list[Problem]:
    """The condition ids the planner relies on are all present."""
    return [
        Problem("conditions.toml", f"required condition {cid!r} is missing", cid)
        for cid in REQUIRED_CONDITIONS
        if cid not in conditions
    ]


def reference_problems(kb: KnowledgeBase) -> list[Problem]:
    """Every ``sources`` id anywhere in the data names an entry of ``references.toml``."""
    return [
        Problem(where, f"unknown reference id {ref!r}", "an id defined in references.toml")
        for where, refs in _citations(kb)
        for ref in refs
        if ref not in kb.references
    ]


def _citations(kb: KnowledgeBase) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield ``(location, source ids)`` for every cited record."""
    for form in kb.forms.values():
        yield f"forms.toml: forms.{form.id}.sources", form.sources
    for row in kb.rda_table:
        yield f"rda.csv: {row.stage}.sources", row.sources
    for limit in kb.ul_table:
        yield f"ul.csv: {limit.stage}.sources", limit.sources
    for cls in kb.medicine_classes.values():
        yield f"medicines.toml: classes.{cls.id}.rule.sources", cls.rule.sources
    for med in kb.medicines.values():
        if med.rule != kb.medicine_classes[med.class_id].rule:
            yield f"medicines.toml: medicines.{med.id}.rule.sources", med.rule.sources
    for condition in kb.conditions.values():
        yield f"conditions.toml: {condition.id}.sources", condition.sources
    for nutrient in kb.conutrients.values():
        yield f"conutrients.toml: {nutrient.id}.sources", nutrient.sources
        for i, warning in enumerate(nutrient.warnings):
            yield f"conutrients.toml: {nutrient.id}.warnings.{i}.sources", warning.sources
    for claim in kb.claims:
        yield f"claims.toml: claims.{claim.id}.sources", claim.sources
    if kb.dosing_facts is not None:
        yield from _dosing_citations(kb.dosing_facts)
    for product in kb.magnesium_products.values():
        yield f"magnesium_products.toml: {product.id}.sources", product.sources
    if kb.safety_facts is not None:
        facts = kb.safety_facts
        yield "safety.toml: unknown_medicine_sources", facts.unknown_medicine_sources
        yield "safety.toml: kidney_age_sources", facts.kidney_age_sources
        yield "safety.toml: stop_sign_sources", facts.stop_sign_sources
        yield "safety.toml: qt_check_sources", facts.qt_check_sources


def _dosing_citations(dosing: DosingFacts) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Sources of every dosing quantity and of the guidance text."""
    for field in fields(DosingFacts):
        value = getattr(dosing, field.name)
        if isinstance(value, Quantity):
            yield f"dosing.toml: {field.name}.sources", value.sources
    yield "dosing.toml: guidance_sources", dosing.guidance_sources


def product_problems(kb: KnowledgeBase) -> list[Problem]:
    """Magnesium products name real forms and medicines, and no name is also a medicine's."""
    from mgcalm.knowledge.medicine_names import fold

    problems = []
    for product in kb.magnesium_products.values():
        where = f"magnesium_products.toml: {product.id}"
        for ingredient in product.ingredients:
            if ingredient.form not in kb.forms:
                accepted = ", ".join(kb.forms)
                message = f"unknown form {ingredient.form!r}"
                problems.append(Problem(f"{where}.ingredients", message, accepted))
        for medicine in product.other_medicines:
            if medicine not in kb.medicines:
                message = f"unknown medicine {medicine!r}"
                problems.append(
                    Problem(f"{where}.other_medicines", message, "ids in medicines.toml")
                )
        for name in product.names:
            owner = kb.medicine_index.get(fold(name))
            if owner is not None and owner.source == "medicines.toml":
                message = f"name {name!r} is also medicine {owner.medicine_id!r}"
                problems.append(Problem(f"{where}.names", message, "a name used once"))
    return problems


def ingredient_problems(kb: KnowledgeBase) -> list[Problem]:
    """A combination's ingredients are medicines of medicines.toml."""
    return [
        Problem(f"medicines.toml: medicines.{m.id}.ingredients", f"unknown medicine {i!r}")
        for m in kb.medicines.values()
        for i in m.ingredients
        if i not in kb.medicines
    ]
