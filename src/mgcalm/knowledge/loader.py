"""Load the package data files into a ``KnowledgeBase``, collecting every problem.

Like beancount's loader, ``load`` returns ``(knowledge_base, problems)``: a record that fails
validation is left out and reported with its file and key, and loading carries on so that one
pass shows every mistake. Cross-file checks follow: every ``sources`` id must exist in
``references.toml``, every medicine's class must exist, medicine names must be unique, goals must
name real forms, and the intake tables must cover every age without gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    Form,
    IntakeRow,
    Medicine,
    MedicineClass,
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
    parts, problems = _read(data_dir)
    names, name_problems = _medicine_names(parts.medicines)
    problems += name_problems + _cross_check(parts)
    kb = KnowledgeBase(
        references=_frozen(parts.references),
        forms=_frozen(parts.forms),
        goal_forms=_frozen(parts.goal_forms),
        rda_table=tuple(sorted(parts.rda, key=lambda r: r.age_min)),
        ul_table=tuple(sorted(parts.ul, key=lambda r: r.age_min)),
        medicine_classes=_frozen(parts.classes),
        medicines=_frozen(parts.medicines),
        medicine_names=_frozen(names),
        conditions=_frozen(parts.conditions),
        conutrients=_frozen(parts.conutrients),
        claims=parts.claims,
        dosing_facts=parts.dosing,
    )
    return kb, tuple(problems)


@dataclass(frozen=True, slots=True)
class _Parts:
    """The validated records of every data file, before cross-checks."""

    references: dict[str, Reference]
    forms: dict[str, Form]
    goal_forms: dict[str, tuple[str, ...]]
    rda: tuple[IntakeRow, ...]
    ul: tuple[UpperLimitRow, ...]
    classes: dict[str, MedicineClass]
    medicines: dict[str, Medicine]
    conditions: dict[str, Condition]
    conutrients: dict[str, Conutrient]
    claims: tuple[Claim, ...]
    dosing: DosingFacts | None


def _read(data_dir: Path) -> tuple[_Parts, list[Problem]]:
    """Validate each file on its own, collecting the problems of all of them."""
    problems: list[Problem] = []

    def keep(loaded: Loaded[Any]) -> Any:
        problems.extend(loaded.problems)
        return loaded.value

    forms, goal_forms = keep(sources.forms(data_dir))
    classes, medicines = keep(sources.medicines(data_dir))
    parts = _Parts(
        references=keep(sources.references(data_dir)),
        forms=forms,
        goal_forms=goal_forms,
        rda=keep(sources.intake_rows(data_dir)),
        ul=keep(sources.upper_limit_rows(data_dir)),
        classes=classes,
        medicines=medicines,
        conditions=keep(sources.conditions(data_dir)),
        conutrients=keep(sources.conutrients(data_dir)),
        claims=keep(sources.claims(data_dir)),
        dosing=keep(sources.dosing(data_dir)),
    )
    return parts, problems


def _cross_check(parts: _Parts) -> list[Problem]:
    """Checks spanning files: goals, age tables, required conditions, references."""
    return [
        *checks.goal_problems(parts.goal_forms, parts.forms),
        *checks.table_problems("rda.csv", parts.rda),
        *checks.table_problems("ul.csv", parts.ul),
        *checks.required_conditions(parts.conditions),
        *checks.reference_problems(
            parts.references,
            forms=parts.forms,
            rda=parts.rda,
            ul=parts.ul,
            classes=parts.classes,
            medicines=parts.medicines,
            conditions=parts.conditions,
            conutrients=parts.conutrients,
            claims=parts.claims,
            dosing=parts.dosing,
        ),
    ]


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
