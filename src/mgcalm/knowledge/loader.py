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
from typing import TYPE_CHECKING, Any, TypeVar

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.knowledge.base import KnowledgeBase, RowT

if TYPE_CHECKING:
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
    """The package data, loaded once per process: from its snapshot when that is current."""
    from mgcalm.knowledge import snapshot

    kb = snapshot.read(DATA_DIR)
    if kb is not None:
        return kb, ()
    return _load(DATA_DIR)


def _load(data_dir: Path) -> tuple[KnowledgeBase, tuple[Problem, ...]]:
    """Read every file under ``data_dir``, validate, cross-check and assemble."""
    kb, problems = _read(data_dir)
    return kb, tuple(problems + _cross_check(kb))


def _read(data_dir: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Validate each file on its own, collecting the problems of all of them."""
    # The validation path (pydantic, CSV, TOML) is imported only when the files are read: a
    # current snapshot needs none of it.
    from mgcalm.knowledge import sources
    from mgcalm.knowledge.magnesium_content import product_names
    from mgcalm.knowledge.medicine_names import build_index, read_derived

    problems: list[Problem] = []

    def keep(loaded: Loaded[Any]) -> Any:
        problems.extend(loaded.problems)
        return loaded.value

    forms, goal_forms = keep(sources.forms(data_dir))
    classes, medicines = keep(sources.medicines(data_dir))
    derived, derived_problems = read_derived(data_dir, medicines)
    products = keep(sources.magnesium_products(data_dir))
    index, name_problems = build_index(medicines, derived)
    kb = KnowledgeBase(  # keyword arguments run in order, so problems keep the file order
        references=_frozen(keep(sources.references(data_dir))),
        forms=_frozen(forms),
        goal_forms=_frozen(goal_forms),
        rda_table=_by_age(keep(sources.intake_rows(data_dir))),
        ul_table=_by_age(keep(sources.upper_limit_rows(data_dir))),
        medicine_classes=_frozen(classes),
        medicines=_frozen(medicines),
        medicine_index=index,
        conditions=_frozen(keep(sources.conditions(data_dir))),
        conutrients=_frozen(keep(sources.conutrients(data_dir))),
        claims=keep(sources.claims(data_dir)),
        dosing_facts=keep(sources.dosing(data_dir)),
        magnesium_products=_frozen(products),
        safety_facts=keep(sources.safety(data_dir)),
        magnesium_names=_frozen(product_names(products)),
    )
    return kb, problems + derived_problems + name_problems


def _cross_check(kb: KnowledgeBase) -> list[Problem]:
    """Checks spanning files: goals, age tables, required conditions, references."""
    from mgcalm.knowledge import checks

    return [
        *checks.goal_problems(kb.goal_forms, kb.forms),
        *checks.table_problems("rda.csv", kb.rda_table),
        *checks.table_problems("ul.csv", kb.ul_table),
        *checks.required_conditions(kb.conditions),
        *checks.reference_problems(kb),
        *checks.product_problems(kb),
        *checks.ingredient_problems(kb),
    ]


def _frozen(mapping: Mapping[str, V]) -> Mapping[str, V]:
    """A read-only view, so a shared knowledge base cannot be changed by a caller."""
    return MappingProxyType(dict(mapping))


def _by_age(rows: tuple[RowT, ...]) -> tuple[RowT, ...]:
    """An intake table in age order, youngest band first."""
    return tuple(sorted(rows, key=lambda r: r.age_min))
