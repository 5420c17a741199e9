"""know: the cited knowledge base: forms, intakes, medicines, conditions, claims, foods.

``load()`` reads the package data once and returns ``(knowledge_base, problems)``;
``knowledge_base()`` returns it or raises ``InvalidInputError`` listing every problem. Each fact
names its references (``KnowledgeBase.references``). ``label`` (module ``labels``) converts
between compound and elemental magnesium for a form and hydrate.

The public names load lazily, so importing one of them does not read or validate the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgcalm.domain.profile import GOALS, KIDNEY_STAGES, SEXES
    from mgcalm.knowledge.base import KnowledgeBase
    from mgcalm.knowledge.chemistry import elemental_fraction, molar_mass
    from mgcalm.knowledge.labels import LabelResult, label
    from mgcalm.knowledge.loader import DATA_DIR, knowledge_base, load
    from mgcalm.knowledge.models import (
        GRADES,
        HYDRATE_IDS,
        Claim,
        Condition,
        Conutrient,
        ConutrientWarning,
        DosingFacts,
        Fact,
        Form,
        Hydrate,
        Medicine,
        MedicineClass,
        MedicineRule,
        Quantity,
        Reference,
    )

_HOMES = {
    "Claim": "mgcalm.knowledge.models",
    "Condition": "mgcalm.knowledge.models",
    "Conutrient": "mgcalm.knowledge.models",
    "ConutrientWarning": "mgcalm.knowledge.models",
    "DATA_DIR": "mgcalm.knowledge.loader",
    "DosingFacts": "mgcalm.knowledge.models",
    "Fact": "mgcalm.knowledge.models",
    "Form": "mgcalm.knowledge.models",
    "GOALS": "mgcalm.domain.profile",
    "GRADES": "mgcalm.knowledge.models",
    "HYDRATE_IDS": "mgcalm.knowledge.models",
    "Hydrate": "mgcalm.knowledge.models",
    "KIDNEY_STAGES": "mgcalm.domain.profile",
    "KnowledgeBase": "mgcalm.knowledge.base",
    "LabelResult": "mgcalm.knowledge.labels",
    "Medicine": "mgcalm.knowledge.models",
    "MedicineClass": "mgcalm.knowledge.models",
    "MedicineRule": "mgcalm.knowledge.models",
    "Quantity": "mgcalm.knowledge.models",
    "Reference": "mgcalm.knowledge.models",
    "SEXES": "mgcalm.domain.profile",
    "elemental_fraction": "mgcalm.knowledge.chemistry",
    "knowledge_base": "mgcalm.knowledge.loader",
    "label": "mgcalm.knowledge.labels",
    "load": "mgcalm.knowledge.loader",
    "molar_mass": "mgcalm.knowledge.chemistry",
}

__all__ = [
    "DATA_DIR",
    "GOALS",
    "GRADES",
    "HYDRATE_IDS",
    "KIDNEY_STAGES",
    "SEXES",
    "Claim",
    "Condition",
    "Conutrient",
    "ConutrientWarning",
    "DosingFacts",
    "Fact",
    "Form",
    "Hydrate",
    "KnowledgeBase",
    "LabelResult",
    "Medicine",
    "MedicineClass",
    "MedicineRule",
    "Quantity",
    "Reference",
    "elemental_fraction",
    "knowledge_base",
    "label",
    "load",
    "molar_mass",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it here."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
