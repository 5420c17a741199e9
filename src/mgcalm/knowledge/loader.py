"""Load the package data files into a ``KnowledgeBase``, collecting every problem.

Like beancount's loader, ``load`` returns ``(knowledge_base, problems)``: a record that fails
validation is left out and reported with its file and key, and loading carries on so that one
pass shows every mistake. Cross-file checks follow: every ``sources`` id must exist in
``references.toml``, every medicine's class must exist, medicine names must be unique, goals must
name real forms, and the intake tables must cover every age without gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.knowledge import checks, sources
from mgcalm.knowledge.base import KnowledgeBase, normalize_name
from mgcalm.knowledge.models import (
    Claim,
    Condition,
    Conutrient,
    DosingFacts,
    IntakeRow,
    Medicine,
    Reference,
    UpperLimitRow,
)
from mgcalm.knowledge.sources import Loaded

DATA_DIR = Path(__file__).with_name("data")
V = TypeVar("V")


def load(data_dir: Path | None = None) -> tuple[KnowledgeBase, tuple[Problem, ...]]:
    """Load and validate a data directory (the package's own by default, cached).

    Returns the knowledge base built from every valid record and every problem found.
    """
    if data_dir is None:
        return _load_default()
    return _load(Path(data_dir))


def knowledge_base() -> KnowledgeBase:
    """The package's knowledge base; raises ``InvalidInputError`` if its data has any problem."""
    kb, problems = load()
    if problems:
        raise InvalidInputError(problems)
    return kb


@lru_cache(maxsize=1)
def _load_default() -> tuple[KnowledgeBase, tuple[Problem, ...]]:
    """The package data, loaded once per process."""
    return _load(DATA_DIR)


def _load(data_dir: Path) -> tuple[KnowledgeBase, tuple[Problem, ...]]:
    """Read every file under ``data_dir``, validate, cross-check and assemble."""
    problems: list[Problem] = []

    def keep(loaded: Loaded[Any]) -> Any:
        problems.extend(loaded.problems)
        return loaded.value

    references: dict[str, Reference] = keep(sources.references(data_dir))
    forms, goal_forms = keep(sources.forms(data_dir))
    rda_rows: tuple[IntakeRow, ...] = keep(sources.intake_rows(data_dir))
    ul_rows: tuple[UpperLimitRow, ...] = keep(sources.upper_limit_rows(data_dir))
    classes, medicines = keep(sources.medicines(data_dir))
    conditions: dict[str, Condition] = keep(sources.conditions(data_dir))
    conutrients: dict[str, Conutrient] = keep(sources.conutrients(data_dir))
    claims: tuple[Claim, ...] = keep(sources.claims(data_dir))
    dosing: DosingFacts | None = keep(sources.dosing(data_dir))

    names, name_problems = _medicine_names(medicines)
    problems += name_problems
    problems += checks.goal_problems(goal_forms, forms)
    problems += checks.table_problems("rda.csv", rda_rows) + checks.table_problems(
        "ul.csv", ul_rows
    )
    problems += checks.required_conditions(conditions)
    problems += checks.reference_problems(
        references,
        forms=forms,
        rda=rda_rows,
        ul=ul_rows,
        classes=classes,
        medicines=medicines,
        conditions=conditions,
        conutrients=conutrients,
        claims=claims,
        dosing=dosing,
    )
    kb = KnowledgeBase(
        references=_frozen(references),
        forms=_frozen(forms),
        goal_forms=_frozen(goal_forms),
        rda_table=tuple(sorted(rda_rows, key=lambda r: r.age_min)),
        ul_table=tuple(sorted(ul_rows, key=lambda r: r.age_min)),
        medicine_classes=_frozen(classes),
        medicines=_frozen(medicines),
        medicine_names=_frozen(names),
        conditions=_frozen(conditions),
        conutrients=_frozen(conutrients),
        claims=claims,
        dosing_facts=dosing,
    )
    return kb, tuple(problems)


def _medicine_names(medicines: Mapping[str, Medicine]) -> tuple[dict[str, str], list[Problem]]:
    """Index generic and brand names; a name claimed by two medicines is a problem."""
    index: dict[str, str] = {}
    problems = []
    for medicine in medicines.values():
        for name in (medicine.id, *medicine.brand_names, *medicine.aliases):
            key = normalize_name(name)
            owner = index.setdefault(key, medicine.id)
            if owner != medicine.id:
                problems.append(
                    Problem(
                        f"medicines.toml: medicines.{medicine.id}.brands",
                        f"name {name!r} is already used by medicine {owner!r}",
                        "names unique across medicines",
                    )
                )
    return index, problems


def _frozen(mapping: Mapping[str, V]) -> Mapping[str, V]:
    """A read-only view, so a shared knowledge base cannot be changed by a caller."""
    return MappingProxyType(dict(mapping))
