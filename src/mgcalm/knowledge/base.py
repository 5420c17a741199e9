"""The loaded knowledge base and the questions the planner asks of it.

``KnowledgeBase`` is an immutable bundle of validated records (see ``models``) built by
``loader.load``. Its methods answer the planner's questions: the reference intake for a person,
the supplemental upper limit, which rule applies to a medicine named in any case or by brand,
and what kidney function means for magnesium.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from types import MappingProxyType
from typing import Any, TypeVar

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.profile import KIDNEY_STAGES, SEXES
from mgcalm.knowledge.magnesium_content import MagnesiumContent, magnesium_content
from mgcalm.knowledge.medicine_names import MedicineIndex
from mgcalm.knowledge.medicine_resolve import Resolution, resolve_medicine, suggest_medicines
from mgcalm.knowledge.models import (
    Claim,
    Condition,
    Conutrient,
    DosingFacts,
    Fact,
    Form,
    IntakeRow,
    MagnesiumProduct,
    Medicine,
    MedicineClass,
    Reference,
    SafetyFacts,
    UpperLimitRow,
)

# eGFR bands (mL/min/1.73 m²) as in KDIGO staging: below 30 is severe, 30–59 moderate.
EGFR_SEVERE_BELOW = 30.0
EGFR_MODERATE_BELOW = 60.0
_STAGE_CONDITION = {"moderate": "kidney_moderate", "severe": "kidney_severe"}
_SEVERITY = ("kidney_moderate", "kidney_severe", "kidney_dialysis")
RowT = TypeVar("RowT", IntakeRow, UpperLimitRow)


def normalize_name(name: str) -> str:
    """Fold a medicine or nutrient name for lookup: case, hyphens, underscores, spaces."""
    return " ".join(re.sub(r"[-_/]+", " ", name).casefold().split())


# eq=False: a knowledge base is compared and hashed by identity, so answers to the questions
# asked on every plan (names, products, co-nutrients) can be cached per knowledge base.
@dataclass(frozen=True, slots=True, eq=False)
class KnowledgeBase:
    """Every validated fact mgcalm knows, each naming the references it comes from."""

    references: Mapping[str, Reference]
    forms: Mapping[str, Form]
    goal_forms: Mapping[str, tuple[str, ...]]
    rda_table: tuple[IntakeRow, ...]
    ul_table: tuple[UpperLimitRow, ...]
    medicine_classes: Mapping[str, MedicineClass]
    medicines: Mapping[str, Medicine]
    medicine_index: MedicineIndex  # every generic, INN, alias and brand name
    conditions: Mapping[str, Condition]
    conutrients: Mapping[str, Conutrient]
    claims: tuple[Claim, ...]
    dosing_facts: DosingFacts | None  # None only when dosing.toml failed to load
    magnesium_products: Mapping[str, MagnesiumProduct]
    safety_facts: SafetyFacts | None  # None only when safety.toml failed to load
    magnesium_names: Mapping[str, MagnesiumProduct]  # folded product name -> product

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the read-only mappings as dicts (a mappingproxy cannot be pickled)."""
        values = (getattr(self, f.name) for f in fields(self))
        return _unpickle, tuple(dict(v) if isinstance(v, MappingProxyType) else v for v in values)

    @property
    def safety(self) -> SafetyFacts:
        """The default window, the kidney-by-age rule, the stop signs and their sources."""
        if self.safety_facts is None:
            raise InvalidInputError([Problem("safety.toml", "safety facts failed to load")])
        return self.safety_facts

    @property
    def dosing(self) -> DosingFacts:
        """The article's dose statements and mgcalm's dosing limits and defaults."""
        if self.dosing_facts is None:
            raise InvalidInputError([Problem("dosing.toml", "dosing facts failed to load")])
        return self.dosing_facts

    def rda(self, age: float, sex: str, pregnant: bool = False, lactating: bool = False) -> Fact:
        """Recommended intake (RDA, or AI for infants) of magnesium from all sources, mg/day.

        ``age`` is in years (0.25 for three months). Pregnancy and lactation values exist only
        for ages 14–50; outside them the sex-specific value is returned with a note.
        """
        problems = _person_problems(age, sex, pregnant, lactating)
        if problems:
            raise InvalidInputError(problems)
        row = _row_for(self.rda_table, age)
        value = row.male if sex == "male" else row.female
        note = ""
        wanted = row.pregnancy if pregnant else row.lactation if lactating else None
        if pregnant or lactating:
            if wanted is None:
                note = f"no pregnancy or lactation value for {row.stage}; female value shown"
            else:
                value = wanted
        return Fact(value_mg=value, sources=row.sources, basis=row.basis, note=note)

    def supplemental_ul(self, age: float) -> Fact:
        """Upper limit for magnesium from supplements and medicines (food does not count).

        For infants no limit can be set; the value is 0 (no supplemental magnesium) with a note.
        """
        if not 0 <= age <= 150:
            raise InvalidInputError([Problem("age", f"{age} is not a possible age", "0–150")])
        row = _row_for(self.ul_table, age)
        value = 0.0 if row.ul_mg is None else row.ul_mg
        return Fact(value_mg=value, sources=row.sources, basis="UL", note=row.note)

    def resolve_medicine(self, text: str) -> Resolution:
        """What ``text`` names: the medicine, how it matched, ingredients, "did you mean"."""
        return _resolve(self, text)

    def suggest_medicines(self, prefix: str, limit: int = 10) -> tuple[str, ...]:
        """Medicine names for autocomplete, generic names first."""
        return suggest_medicines(prefix, self.medicine_index, limit)

    def magnesium_content(self, name: str) -> MagnesiumContent | None:
        """The magnesium in a product called ``name`` (antacid, laxative, supplement), or None."""
        return _magnesium(self, name)

    def find_medicine(self, name: str) -> Medicine | None:
        """The medicine called ``name`` (generic, INN, alias or brand, any case), or ``None``.

        A strength, salt or dose form ("Synthroid 100 mcg") is ignored; a misspelling is not
        accepted here (``resolve_medicine`` says what it may be).
        """
        found = self.resolve_medicine(name)
        if found.medicine_id is None or found.how == "fuzzy":
            return None
        return self.medicines[found.medicine_id]

    def find_conutrient(self, name: str) -> Conutrient | None:
        """The co-nutrient called ``name`` (id or alias, any case), or ``None``."""
        return _conutrient(self, name)

    def _find_conutrient(self, name: str) -> Conutrient | None:
        wanted = normalize_name(name)
        for nutrient in self.conutrients.values():
            names = (nutrient.id, nutrient.name, *nutrient.aliases)
            if wanted in {normalize_name(n) for n in names}:
                return nutrient
        return None

    def find_form(self, name: str) -> Form | None:
        """The form called ``name`` (canonical id or alias, any case), or ``None``."""
        wanted = normalize_name(name).removeprefix("magnesium ").strip()
        for form in self.forms.values():
            names = (form.id, *form.aliases)
            folded = {normalize_name(n).removeprefix("magnesium ").strip() for n in names}
            if wanted in folded:
                return form
        return None

    def kidney_action(self, egfr: float | None, stage: str | None) -> Condition | None:
        """The kidney condition that applies, or ``None`` when kidney function needs no action.

        eGFR below 30 is severe (clinician required), 30–59 moderate (caution). When both an
        eGFR and a stage are given, the more severe reading wins, so a stale number never hides
        a worse stage.
        """
        problems = _kidney_problems(egfr, stage)
        if problems:
            raise InvalidInputError(problems)
        found = [c for c in (_egfr_condition(egfr), _stage_condition(stage)) if c]
        if not found:
            return None
        worst = max(found, key=_SEVERITY.index)
        return self.conditions[worst]


def _unpickle(*values: Any) -> KnowledgeBase:
    """A knowledge base from pickled field values, its mappings read-only again."""
    read_only: list[Any] = [MappingProxyType(v) if isinstance(v, dict) else v for v in values]
    return KnowledgeBase(*read_only)


@lru_cache(maxsize=8192)
def _resolve(kb: KnowledgeBase, text: str) -> Resolution:
    return resolve_medicine(text, kb.medicine_index)


@lru_cache(maxsize=8192)
def _magnesium(kb: KnowledgeBase, name: str) -> MagnesiumContent | None:
    return magnesium_content(name, kb.magnesium_names, kb.forms, kb.medicine_index)


@lru_cache(maxsize=8192)
def _conutrient(kb: KnowledgeBase, name: str) -> Conutrient | None:
    return kb._find_conutrient(name)


def _row_for(table: tuple[RowT, ...], age: float) -> RowT:
    """The life-stage row whose ``[age_min, age_max)`` contains ``age``."""
    for row in table:
        if row.age_min <= age < row.age_max:
            return row
    raise InvalidInputError([Problem("age", f"no reference row covers age {age}", "0–150")])


def _person_problems(age: float, sex: str, pregnant: bool, lactating: bool) -> list[Problem]:
    """Every problem with the inputs of ``rda``."""
    problems = []
    if not 0 <= age <= 150:
        problems.append(Problem("age", f"{age} is not a possible age", "0–150"))
    if sex not in SEXES:
        problems.append(Problem("sex", f"unknown sex {sex!r}", ", ".join(SEXES)))
    if (pregnant or lactating) and sex == "male":
        problems.append(Problem("sex", "pregnancy and lactation apply to sex 'female'", "female"))
    return problems


def _kidney_problems(egfr: float | None, stage: str | None) -> list[Problem]:
    """Every problem with the inputs of ``kidney_action``."""
    problems = []
    if egfr is not None and not 0 <= egfr <= 200:
        problems.append(Problem("health.egfr", f"{egfr} is not a possible eGFR", "0–200"))
    if stage is not None and stage not in KIDNEY_STAGES:
        accepted = ", ".join(KIDNEY_STAGES)
        problems.append(Problem("health.kidney", f"unknown kidney stage {stage!r}", accepted))
    return problems


def _egfr_condition(egfr: float | None) -> str | None:
    """Condition id for an eGFR value."""
    if egfr is None:
        return None
    if egfr < EGFR_SEVERE_BELOW:
        return "kidney_severe"
    return "kidney_moderate" if egfr < EGFR_MODERATE_BELOW else None


def _stage_condition(stage: str | None) -> str | None:
    """Condition id for a named kidney stage."""
    if stage == "dialysis":
        return "kidney_dialysis"
    return _STAGE_CONDITION.get(stage or "")
